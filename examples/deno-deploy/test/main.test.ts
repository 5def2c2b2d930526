// Runs src/main.ts with `deno serve` against a sandbox in this process: an inbound SMS posted by
// the sandbox must be answered through the client, and the reply's status report logged.
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type RunningSandbox, startSandbox } from "@bestsms/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../../tools/test-kit/src/free-port.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
// The binary the `deno` package installed, run directly so its pid is the server's.
const deno = join(dirname(createRequire(import.meta.url).resolve("deno/package.json")), "deno");
const token = "example-token";

let sandbox: RunningSandbox;
let server: ChildProcess;
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
  sandbox = await startSandbox({
    authToken: token,
    webhookUrl: `http://127.0.0.1:${port}/webhooks`,
    deliveryDelayMs: 100,
  });
  server = spawn(
    deno,
    [
      "serve",
      "--host",
      "127.0.0.1",
      "--port",
      String(port),
      "--allow-net",
      "--allow-env",
      "src/main.ts",
    ],
    {
      cwd: root,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? root,
        NO_COLOR: "1",
        DENO_NO_UPDATE_CHECK: "1",
        BESTSMS_BASE_URL: sandbox.url,
        BESTSMS_AUTH_TOKEN: token,
        BESTSMS_WEBHOOK_TOKEN: token,
      },
    },
  );
  server.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  server.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  await waitFor(() => output.includes("Listening on"), "deno serve to listen");
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

describe("deno serve src/main.ts", () => {
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
    expect(output).toContain("SMSInbound from +61421000001: Hello");
    expect(output).toContain(`status of ${reply?.MessageID} to +61421000001: SUCCESS (Sent OK)`);
  });

  it("refuses a webhook without the token and answers 404 off /webhooks", async () => {
    const url = new URL(sandbox.deliveries[0]?.url ?? "");
    const unsigned = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ Type: "SMSInbound", Destination: "+61421000002", Message: "Hi" }),
    });
    expect(unsigned.status).toBe(401);
    expect((await fetch(new URL("/", url))).status).toBe(404);
  });
});
