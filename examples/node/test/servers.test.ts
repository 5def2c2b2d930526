// Runs src/http.ts and src/express.ts as `pnpm start` does, each against a sandbox in this
// process: an inbound SMS posted by the sandbox must be answered through the client, and the
// reply's status report logged.
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { BestSMS } from "@bestsms/node";
import { type RunningSandbox, startSandbox } from "@bestsms/sandbox";
import { afterEach, describe, expect, it } from "vitest";
import { freePort } from "../../../tools/test-kit/src/free-port.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const token = "example-token";

let sandbox: RunningSandbox | undefined;
let server: ChildProcess | undefined;
let output = "";

async function waitFor(condition: () => boolean, what: string, timeoutMs = 8_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; output:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Starts the sandbox and the example in `file`, webhooks going from one to the other. */
async function start(file: string): Promise<{ sandbox: RunningSandbox; url: string }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/webhooks`;
  sandbox = await startSandbox({ authToken: token, webhookUrl: url, deliveryDelayMs: 100 });
  output = "";
  server = spawn(process.execPath, ["--import", "tsx", file], {
    cwd: root,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      PATH: process.env.PATH ?? "",
      PORT: String(port),
      BESTSMS_BASE_URL: sandbox.url,
      BESTSMS_AUTH_TOKEN: token,
      BESTSMS_WEBHOOK_TOKEN: token,
    },
  });
  const append = (chunk: Buffer): void => {
    output += chunk.toString();
  };
  server.stdout?.on("data", append);
  server.stderr?.on("data", append);
  await waitFor(() => output.includes("Listening on"), `${file} to listen`);
  return { sandbox, url };
}

afterEach(async () => {
  const child = server;
  server = undefined;
  if (child?.pid !== undefined && child.exitCode === null) {
    const exited = once(child, "exit");
    process.kill(-child.pid, "SIGTERM");
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 3_000))]);
    if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid, "SIGKILL");
  }
  await sandbox?.close();
  sandbox = undefined;
});

describe.each(["src/http.ts", "src/express.ts"])("%s", (file) => {
  it("answers an inbound SMS through the client and logs the reply's status report", async () => {
    const { sandbox } = await start(file);
    await sandbox.simulateInbound({ From: "+61421000001", MessageText: "Hello" });

    // simulateInbound resolves once the webhook was answered, and the receiver answers after
    // its reply was sent.
    const webhook = sandbox.deliveries.find((d) => d.payload.Type === "SMSInbound");
    expect(webhook?.status).toBe("delivered");
    const reply = sandbox.state.messages.find((m) =>
      m.recipients.some((r) => r.Destination === "+61421000001"),
    );
    expect(reply?.recipients.map((r) => r.MessageText)).toEqual(["Thanks, we got: Hello"]);

    await waitFor(() => output.includes("SUCCESS"), "the reply's status report");
    expect(output).toContain("SMSInbound from +61421000001: Hello");
    expect(output).toContain(`status of ${reply?.MessageID} to +61421000001: SUCCESS (Sent OK)`);
  });

  it("answers a reply to a sent message too, and refuses a webhook without the token", async () => {
    const { sandbox, url } = await start(file);
    const client = new BestSMS({ authToken: token, baseUrl: sandbox.url });
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
    expect(output).toContain("SMSReply from +61421000002: Yes");

    const unsigned = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ Type: "SMSInbound", Destination: "+61421000003", Message: "Hi" }),
    });
    expect(unsigned.status).toBe(401);
    expect((await fetch(new URL("/", url))).status).toBe(404);
  });
});
