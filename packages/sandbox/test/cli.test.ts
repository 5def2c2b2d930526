// The bestsms-sandbox command: bundled from src/cli.ts, started with --port 0, used once, and
// stopped with SIGTERM (exit code 0).
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const entry = fileURLToPath(new URL("../src/cli.ts", import.meta.url));
let dir = "";
let script = "";
const children: ChildProcess[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "bestsms-sandbox-cli-"));
  script = join(dir, "cli.mjs");
  await build({
    entryPoints: [entry],
    outfile: script,
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    logLevel: "silent",
  });
});

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function run(args: string[]): {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
} {
  const child = spawn(process.execPath, [script, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString("utf8");
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString("utf8");
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitFor(
  output: () => string,
  pattern: RegExp,
  timeoutMs = 10_000,
): Promise<RegExpExecArray> {
  const start = Date.now();
  for (;;) {
    const match = pattern.exec(output());
    if (match) return match;
    if (Date.now() - start > timeoutMs) throw new Error(`no ${pattern} in: ${output()}`);
    await new Promise((done) => setTimeout(done, 20));
  }
}

/** POSTs a test send with `extra` fields beside `MessageData`. */
function send(url: string, token: string, extra: Record<string, unknown>): Promise<Response> {
  return fetch(url, {
    method: "POST",
    headers: { Authorization: `Basic ${token}`, "Content-Type": "application/json" },
    body: JSON.stringify({
      MessageData: { Message: "Hi", Destinations: [{ Recipient: "+61421000001" }], Mode: "Test" },
      ...extra,
    }),
  });
}

describe("bestsms-sandbox", () => {
  it("keeps its shebang", () => {
    expect(readFileSync(entry, "utf8").startsWith("#!/usr/bin/env node\n")).toBe(true);
    expect(readFileSync(script, "utf8").startsWith("#!/usr/bin/env node\n")).toBe(true);
  });

  it("prints its URL and token, serves requests, and stops on SIGTERM with exit code 0", async () => {
    const { child, output, exited } = run(["--port", "0", "--token", "cli-token"]);
    const [, url] = await waitFor(output, /listening on (http:\/\/127\.0\.0\.1:\d+)\n/);
    const [, token] = await waitFor(output, /Auth token: (\S+)\n/);
    expect(token).toBe("cli-token");
    const response = await fetch(`${url}/send/sms`, {
      method: "POST",
      headers: { Authorization: `Basic ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify({
        MessageData: { Message: "Hi", Destinations: [{ Recipient: "+61421000001" }], Mode: "Test" },
      }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ Result: "Success" });
    await waitFor(output, /baseUrl: "http:\/\/127\.0\.0\.1:\d+\/api\/v2\.04" \}\)\n/);

    // Unknown fields are ignored by default, named in a header and on stderr.
    const lenient = await send(`${url}/api/v2.04/Send/SMS/`, "cli-token", { HTTPMethod: "POST" });
    expect([lenient.status, lenient.headers.get("X-Sandbox-Warning")]).toEqual([
      200,
      "ignored unknown fields: HTTPMethod",
    ]);
    await waitFor(
      output,
      /bestsms-sandbox: POST \/api\/v2\.04\/Send\/SMS\/: ignored unknown fields: HTTPMethod\n/,
    );
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(output()).not.toMatch(/Strict:/);
  });

  it("refuses unknown fields with --strict", async () => {
    const { child, output, exited } = run(["--port", "0", "--token", "cli-token", "--strict"]);
    const [, url] = await waitFor(output, /listening on (http:\/\/127\.0\.0\.1:\d+)\n/);
    await waitFor(output, /Strict: request body fields the spec does not know are refused\.\n/);
    const refused = await send(`${url}/api/v2.04/send/sms`, "cli-token", { HTTPMethod: "POST" });
    expect(refused.status).toBe(400);
    expect(refused.headers.get("X-Sandbox-Warning")).toBeNull();
    expect(await refused.json()).toEqual({
      Result: "Failed",
      ErrorMessage: ["HTTPMethod: not a known field"],
    });
    const sent = await send(`${url}/api/v2.04/send/sms`, "cli-token", {});
    expect(sent.status).toBe(200);
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(output()).not.toContain("bestsms-sandbox:");
  });

  it("makes up a token when none is given, and stops on SIGINT", async () => {
    const { child, output, exited } = run(["--port", "0", "--webhook-format", "xml"]);
    const [, token] = await waitFor(output, /Auth token: (\S+)\n/);
    expect(token).toMatch(/^sandbox_[0-9a-f]{32}$/);
    child.kill("SIGINT");
    expect(await exited).toBe(0);
  });

  it("refuses bad options with exit code 2", async () => {
    const { output, exited } = run(["--webhook-format", "YAML"]);
    expect(await exited).toBe(2);
    expect(output()).toContain("--webhook-format must be JSON or XML");
  });
});
