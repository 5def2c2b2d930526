// Receiver processes for the exactly-once runs: started, their output gathered line by line,
// stopped with SIGTERM (a receiver going down) and waited for.
import { type ChildProcess, spawn } from "node:child_process";
// Node's types, which this package does not list itself, come with vitest's.
import type {} from "vitest/node";
import type { ExactlyOnceTarget } from "./exactly-once.js";

export interface ReceiverProcess {
  port: number;
  lines: string[];
  child: ChildProcess;
  /** SIGTERM, then resolves once the process exited and its output is read. */
  stop(): Promise<void>;
  /**
   * A crash while callbacks are under way: SIGUSR2 first (the receiver stops completing
   * callbacks and prints `wedged` once no completed callback is still being recorded), then
   * SIGKILL (nothing runs on the way down), then as `stop`.
   */
  kill(): Promise<void>;
}

export async function startReceiver(
  command: string,
  args: string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): Promise<ReceiverProcess> {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  let stderr = "";
  let partial = "";
  const closed = new Promise<void>((resolve) => child.once("close", () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout?.setEncoding("utf8");
    child.stdout?.on("data", (chunk: string) => {
      const parts = (partial + chunk).split("\n");
      partial = parts.pop() ?? "";
      for (const line of parts) {
        const listening = /^listening (\d+)$/.exec(line);
        if (listening) resolve(Number(listening[1]));
        else lines.push(line);
      }
    });
    child.stderr?.on("data", (chunk) => {
      stderr += String(chunk);
    });
    child.once("exit", (code) =>
      reject(new Error(`receiver exited (${code}) before listening: ${stderr.slice(0, 2000)}`)),
    );
  });
  return {
    port,
    lines,
    child,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await closed;
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGUSR2");
        // The test's own timeout bounds the wait; an exit ends it too.
        let poll: ReturnType<typeof setInterval> | undefined;
        const wedged = new Promise<void>((resolve) => {
          poll = setInterval(() => lines.includes("wedged") && resolve(), 5);
        });
        await Promise.race([wedged, closed]);
        clearInterval(poll);
        child.kill("SIGKILL");
      }
      await closed;
    },
  };
}

/** Posts a JSON body to a receiver on 127.0.0.1. */
export async function postJson(
  port: number,
  body: string,
): Promise<{ status: number; text: string }> {
  const response = await fetch(`http://127.0.0.1:${port}/`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body,
  });
  return { status: response.status, text: await response.text() };
}

/**
 * Receiver processes as an exactly-once run's target: deliveries posted to each one's port, the
 * victim stopped by `down` (SIGTERM, or SIGKILL for a crash), and the handled events read from
 * every process's output once all have exited (only then is it complete).
 */
export function receiverTarget(
  receivers: readonly ReceiverProcess[],
  down: "stop" | "kill",
): ExactlyOnceTarget {
  return {
    receivers: receivers.length,
    deliver: (index, body) => postJson(receivers[index]?.port ?? 0, body),
    stop: (index) => receivers[index]?.[down]() ?? Promise.resolve(),
    // A receiver that prints `hung` (the Redis one) is killed only once its callbacks hang.
    ...(down === "kill"
      ? { wedged: (index) => receivers[index]?.lines.includes("hung") ?? false }
      : {}),
    async handled() {
      await Promise.all(receivers.map((receiver) => receiver.stop()));
      return receivers.flatMap((r) =>
        r.lines.flatMap((line) => (line.startsWith("handled ") ? [line.slice(8)] : [])),
      );
    },
  };
}
