// Runs src/index.ts with Bun against a sandbox in this process: an inbound SMS posted by the
// sandbox must be answered through the client, and the reply's status report logged.
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type RunningSandbox, startSandbox } from "@bestsms/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../../tools/test-kit/src/free-port.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
// The binary the `bun` package installed, run directly so its pid is the server's.
const bun = join(
  dirname(createRequire(import.meta.url).resolve("bun/package.json")),
  "bin/bun.exe",
);
const token = "example-token";

let sandbox: RunningSandbox;
let server: ChildProcess;
let webhookUrl = "";
let output = "";

async function waitFor(condition: () => boolean, what: string, timeoutMs = 8_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; output:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  const port = await freePort();
  webhookUrl = `http://127.0.0.1:${port}/webhooks`;
  sandbox = await startSandbox({ authToken: token, webhookUrl, deliveryDelayMs: 100 });
  server = spawn(bun, ["src/index.ts"], {
    cwd: root,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? root,
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
  await waitFor(() => output.includes("Listening on"), "bun to listen");
});

afterAll(async () => {
  if (server?.pid !== undefined && server.exitCode === null) {
    const exited = once(server, "exit");
    process.kill(-server.pid, "SIGTERM");
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 3_000))]);
    if (server.exitCode === null && server.signalCode === null)
      process.kill(-server.pid, "SIGKILL");
  }
  await sandbox?.close();
});

describe("bun src/index.ts", () => {
  it("answers an inbound SMS through the client and logs the reply's status report", async () => {
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
    expect(output).toContain(`Listening on ${webhookUrl}`);
    expect(output).toContain("SMSInbound from +61421000001: Hello");
    expect(output).toContain(`status of ${reply?.MessageID} to +61421000001: SUCCESS (Sent OK)`);
  });

  it("refuses a webhook without the token and answers 404 off /webhooks", async () => {
    const unsigned = await fetch(webhookUrl, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ Type: "SMSInbound", Destination: "+61421000002", Message: "Hi" }),
    });
    expect(unsigned.status).toBe(401);
    expect((await fetch(new URL("/", webhookUrl))).status).toBe(404);
  });
});
