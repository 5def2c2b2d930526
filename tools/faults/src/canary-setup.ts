// Loaded into another package's test run (vitest --setupFiles) by the canary run: records every
// log line and every Error whose message or stack carries the canary token, and writes what it
// found to the report file when the test file ends. Never prints the token itself.
import { appendFileSync } from "node:fs";
import { inspect } from "node:util";
import { afterAll, expect } from "vitest";

const token = process.env.BESTSMS_CANARY_TOKEN ?? "";
const report = process.env.BESTSMS_CANARY_REPORT ?? "";
const leaks: string[] = [];

if (token.length >= 12 && report !== "") {
  for (const method of ["log", "info", "warn", "error", "debug", "trace"] as const) {
    const original = console[method].bind(console);
    console[method] = (...args: unknown[]): void => {
      const line = args
        .map((a) => (typeof a === "string" ? a : inspect(a, { depth: 6 })))
        .join(" ");
      if (line.includes(token)) leaks.push(`console.${method}: a log line carried the token`);
      original(...args);
    };
  }
  // Every error made while the suite runs (the SDK's classes extend Error, so they pass here).
  const OriginalError = globalThis.Error;
  globalThis.Error = new Proxy(OriginalError, {
    construct(target, args: unknown[], newTarget: NewableFunction) {
      const error = Reflect.construct(target, args, newTarget) as Error;
      if (String(error.message).includes(token) || String(error.stack).includes(token)) {
        leaks.push(`new ${newTarget.name}: its message or stack carried the token`);
      }
      return error;
    },
  });
  afterAll(() => {
    const file = expect.getState().testPath ?? "unknown file";
    if (leaks.length > 0)
      appendFileSync(report, `${leaks.map((l) => `${file}: ${l}`).join("\n")}\n`);
  });
}
