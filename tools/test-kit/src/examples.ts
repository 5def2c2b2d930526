// What the examples' tests share: each runs an example app against a sandbox in the test's
// process, has the sandbox post an inbound SMS to it, and checks that the app answered through
// the client and logged the reply's status report.
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import type { Readable } from "node:stream";
import { type RunningSandbox, startSandbox } from "@bestsms/sandbox";
import { expect } from "vitest";
import { freePort } from "./free-port.js";

/** The token the examples are given, for the API and for the webhooks alike. */
export const EXAMPLE_TOKEN = "example-token";

/** A sandbox, and the free port whose `/webhooks` it posts to: where the example is to listen. */
export interface ExampleSandbox {
  sandbox: RunningSandbox;
  port: number;
  webhookUrl: string;
}

/** Starts a sandbox that posts its webhooks to `http://127.0.0.1:<a free port>/webhooks`. */
export async function startExampleSandbox(): Promise<ExampleSandbox> {
  const port = await freePort();
  const webhookUrl = `http://127.0.0.1:${port}/webhooks`;
  const sandbox = await startSandbox({
    authToken: EXAMPLE_TOKEN,
    webhookUrl,
    deliveryDelayMs: 100,
  });
  return { sandbox, port, webhookUrl };
}

/** The settings every example reads, pointing it at `sandbox`. */
export function exampleEnv(sandbox: RunningSandbox): Record<string, string> {
  return {
    BESTSMS_BASE_URL: sandbox.url,
    BESTSMS_AUTH_TOKEN: EXAMPLE_TOKEN,
    BESTSMS_WEBHOOK_TOKEN: EXAMPLE_TOKEN,
  };
}

/** What an example wrote to its stdout and stderr so far. */
export class ExampleOutput {
  text = "";

  /** Appends what `stream` writes from now on. */
  capture(stream: Readable | null | undefined): void {
    stream?.on("data", (chunk: Buffer) => {
      this.text += chunk.toString();
    });
  }

  /** Waits until the output contains `text`; fails naming `what`, with the output so far. */
  async waitFor(text: string, what: string, timeoutMs = 8_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.text.includes(text)) {
      if (Date.now() > deadline) {
        throw new Error(`timed out waiting for ${what}; output:\n${this.text}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/** How to start an example's server listening on `port`. */
export interface ExampleCommand {
  command: string;
  args: readonly string[];
  /** The example's folder. */
  cwd: string;
  /** The server's environment, on top of PATH and {@link exampleEnv}. */
  env: Record<string, string>;
  /** What is started, to name in a timeout. */
  name: string;
}

/** A sandbox, and an example's server it posts its webhooks to. */
export interface RunningExample {
  sandbox: RunningSandbox;
  webhookUrl: string;
  output: ExampleOutput;
  /** Ends the server's process group (SIGTERM, then SIGKILL after three seconds), then the sandbox. */
  stop(): Promise<void>;
}

/**
 * Starts a sandbox and, in its own process group, the example's server `commandFor` gives for the
 * port the sandbox posts its webhooks to; waits until the server logs "Listening on". If it does
 * not, both are stopped and the error names the server, with its output.
 */
export async function startExample(
  commandFor: (port: number) => ExampleCommand,
): Promise<RunningExample> {
  const { sandbox, port, webhookUrl } = await startExampleSandbox();
  const { command, args, cwd, env, name } = commandFor(port);
  const child = spawn(command, args, {
    cwd,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { PATH: process.env.PATH ?? "", ...env, ...exampleEnv(sandbox) },
  });
  const output = new ExampleOutput();
  output.capture(child.stdout);
  output.capture(child.stderr);
  const stop = async (): Promise<void> => {
    await stopGroup(child);
    await sandbox.close();
  };
  try {
    await output.waitFor("Listening on", `${name} to listen`);
  } catch (error) {
    await stop();
    throw error;
  }
  return { sandbox, webhookUrl, output, stop };
}

async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null) return;
  const exited = once(child, "exit");
  process.kill(-child.pid, "SIGTERM");
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 3_000))]);
  if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid, "SIGKILL");
}

/**
 * Has the sandbox post an inbound SMS to the example, and checks that the example answered it
 * through the client and logged the SMS and its reply's status report to `output`.
 */
export async function expectInboundAnswered({
  sandbox,
  output,
}: Pick<RunningExample, "sandbox" | "output">): Promise<void> {
  await sandbox.simulateInbound({ From: "+61421000001", MessageText: "Hello" });

  // simulateInbound resolves once the webhook was answered, and the examples answer after their
  // reply was sent.
  const webhook = sandbox.deliveries.find((d) => d.payload.Type === "SMSInbound");
  expect(webhook?.status).toBe("delivered");
  const reply = sandbox.state.messages.find((m) =>
    m.recipients.some((r) => r.Destination === "+61421000001"),
  );
  expect(reply?.recipients.map((r) => r.MessageText)).toEqual(["Thanks, we got: Hello"]);

  await output.waitFor("SUCCESS", "the reply's status report");
  expect(output.text).toContain("SMSInbound from +61421000001: Hello");
  expect(output.text).toContain(`status of ${reply?.MessageID} to +61421000001: SUCCESS (Sent OK)`);
}

/** Posts an inbound SMS webhook without the token to `url`: the example must refuse it. */
export async function expectUnsignedRefused(url: string | URL, destination: string): Promise<void> {
  const unsigned = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ Type: "SMSInbound", Destination: destination, Message: "Hi" }),
  });
  expect(unsigned.status).toBe(401);
}
