// Runs src/http.ts and src/express.ts as `pnpm start` does, each against a sandbox in this
// process: an inbound SMS posted by the sandbox must be answered through the client, and the
// reply's status report logged.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { BestSMS } from "@bestsms/node";
import { afterEach, describe, expect, it } from "vitest";
import * as examples from "../../../tools/test-kit/src/examples.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

let running: examples.RunningExample | undefined;

/** Starts the sandbox and the example in `file`, webhooks going from one to the other. */
async function start(file: string): Promise<examples.RunningExample> {
  running = await examples.startExample((port) => ({
    command: process.execPath,
    args: ["--import", "tsx", file],
    cwd: root,
    env: { PORT: String(port) },
    name: file,
  }));
  return running;
}

afterEach(async () => {
  const example = running;
  running = undefined;
  await example?.stop();
});

describe.each(["src/http.ts", "src/express.ts"])("%s", (file) => {
  it("answers an inbound SMS through the client and logs the reply's status report", async () => {
    await examples.expectInboundAnswered(await start(file));
  });

  it("answers a reply to a sent message too, and refuses a webhook without the token", async () => {
    const { sandbox, output, webhookUrl } = await start(file);
    const client = new BestSMS({ authToken: examples.EXAMPLE_TOKEN, baseUrl: sandbox.url });
    await client.messaging.sms.sendMessage({
      MessageID: "ask-1",
      MessageText: "Coming?",
      Recipients: "+61421000002",
    });
    await sandbox.simulateReply({ MessageID: "ask-1", MessageText: "Yes" });
    const reply = sandbox.state.messages.find((m) => m.MessageID !== "ask-1");
    expect(reply?.recipients.map((r) => [r.Destination, r.MessageText])).toEqual([
      ["+61421000002", "Thanks, we got: Yes"],
    ]);
    expect(output.text).toContain("SMSReply from +61421000002: Yes");

    await examples.expectUnsignedRefused(webhookUrl, "+61421000003");
    expect((await fetch(new URL("/", webhookUrl))).status).toBe(404);
  });
});
