// The bestsms-sandbox command: bundled from src/cli.ts, started with --port 0, used once, and
// stopped with SIGTERM (exit code 0).
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const entry = fileURLToPath(new URL("../src/cli.ts", import.meta.url));
let dir = "";
let script = "";
const children: ChildProcess[] = [];

beforeAll(async () => {
  // Under the package, so the bundle finds the package.json it prints the version of.
  const cache = fileURLToPath(new URL("../node_modules/.cache/", import.meta.url));
  mkdirSync(cache, { recursive: true });
  dir = mkdtempSync(join(cache, "bestsms-sandbox-cli-"));
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

function run(
  args: string[],
  env: Record<string, string> = {},
): {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
} {
  const child = spawn(process.execPath, [script, ...args], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...env },
  });
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

/** Runs a command to its end: exit code and output. */
async function runToEnd(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; output: string }> {
  const { output, exited } = run(args, env);
  const code = await exited;
  return { code, output: output() };
}

/** Starts a sandbox from the CLI and waits for its URL. */
async function serve(args: string[]) {
  const started = run(["--port", "0", ...args]);
  const [, url = ""] = await waitFor(started.output, /listening on (http:\/\/127\.0\.0\.1:\d+)\n/);
  return { ...started, url };
}

const TOKEN = "cli-token-abcdef";

describe("bestsms-sandbox: logs, options", () => {
  it("prints its version", async () => {
    const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
      version: string;
    };
    expect(await runToEnd(["--version"])).toEqual({
      code: 0,
      output: `bestsms-sandbox ${pkg.version}\n`,
    });
  });

  it("logs one line per request and per webhook attempt, never the token", async () => {
    const { child, output, exited, url } = await serve([
      "--token",
      TOKEN,
      "--delivery-delay-ms",
      "0",
      "--webhook-url",
      "http://127.0.0.1:9/hook",
    ]);
    const sent = await send(`${url}/api/v2.04/send/sms`, TOKEN, {});
    expect(sent.status).toBe(200);
    await fetch(`${url}/get/status/nope`, { headers: { Authorization: `Bearer ${TOKEN}` } });
    await fetch(`${url}/get/status/nope`, { headers: { Authorization: "Bearer wrong" } });
    await waitFor(output, /^POST \/api\/v2\.04\/send\/sms 200 [\d.]+ms Success$/m);
    await waitFor(output, /^GET \/get\/status\/nope 404 [\d.]+ms RecordNotFound$/m);
    await waitFor(output, /^GET \/get\/status\/nope 401 [\d.]+ms Unauthorized$/m);
    await waitFor(
      output,
      /^webhook SMS -> http:\/\/127\.0\.0\.1:9\/hook failed \(.+\), next retry \d{4}-\d\d-\d\dT[\d:]+Z$/m,
    );
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    const afterBanner = output().split("\n").slice(2).join("\n");
    expect(afterBanner.replace(`authToken: "${TOKEN}"`, "")).not.toContain(TOKEN);
  });

  it("is silent per request with --quiet", async () => {
    const { child, output, exited, url } = await serve(["--token", TOKEN, "--quiet"]);
    expect((await send(`${url}/send/sms`, TOKEN, {})).status).toBe(200);
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(output()).not.toMatch(/^POST /m);
  });

  it("says in one line that a port is in use, naming --port", async () => {
    const first = await serve(["--token", TOKEN, "--quiet"]);
    const port = new URL(first.url).port;
    const { code, output } = await runToEnd(["--port", port]);
    expect(code).toBe(2);
    expect(output).toBe(
      `bestsms-sandbox: port ${port} on 127.0.0.1 is in use: choose another with --port (0 picks a free one)\n`,
    );
    first.child.kill("SIGTERM");
    expect(await first.exited).toBe(0);
  });

  it("takes --host, and refuses one that is not loopback", async () => {
    const { child, exited, url } = await serve(["--host", "localhost", "--quiet"]);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    const refused = await runToEnd(["--host", "0.0.0.0"]);
    expect(refused.code).toBe(2);
    expect(refused.output).toContain("--host must be a loopback address");
  });
});

describe("bestsms-sandbox: commands against a running sandbox", () => {
  it("reply, inbound, advance, messages, deliveries, requests, reset", async () => {
    const hook = "http://127.0.0.1:9/hook";
    const { child, exited, url } = await serve([
      "--token",
      TOKEN,
      "--quiet",
      "--delivery-delay-ms",
      "600000",
      "--webhook-url",
      hook,
    ]);
    const env = { BESTSMS_BASE_URL: `${url}/api/v2.04`, BESTSMS_AUTH_TOKEN: TOKEN };
    const sent = (await (
      await fetch(`${url}/send/sms`, {
        method: "POST",
        headers: { Authorization: `Basic ${TOKEN}`, "Content-Type": "application/json" },
        body: JSON.stringify({
          MessageData: { Message: "Hi", Destinations: [{ Recipient: "+61421000001" }] },
        }),
      })
    ).json()) as { MessageID: string };

    const reply = await runToEnd(["reply", sent.MessageID, "YES"], env);
    expect(reply).toEqual({
      code: 0,
      output: expect.stringMatching(
        new RegExp(`^Reply \\d+ from \\+61421000001 to ${sent.MessageID}\n$`),
      ),
    });
    const inbound = await runToEnd(["inbound", "+61421000009", "STOP", "--url", url], {
      BESTSMS_AUTH_TOKEN: TOKEN,
    });
    expect(inbound.output).toMatch(/^Inbound \d+ from \+61421000009\n$/);

    const before = await runToEnd(["messages"], env);
    expect(before.output).toContain(`${sent.MessageID} Pending +61421000001:Pending`);
    const advanced = await runToEnd(["advance", "10m"], env);
    expect(advanced.output).toMatch(/^Sandbox time is now \d{4}-\d\d-\d\dT[\d:]+Z\n$/);
    const after = await runToEnd(["messages", "--json"], env);
    expect(JSON.parse(after.output)).toMatchObject([
      { MessageID: sent.MessageID, Status: "Completed" },
    ]);

    const deliveries = await runToEnd(["deliveries"], env);
    expect(deliveries.code).toBe(0);
    const lines = deliveries.output.trim().split("\n");
    // The reply, the inbound SMS and the status report, each refused by port 9.
    expect(lines).toHaveLength(3);
    for (const line of lines) {
      expect(line).toMatch(new RegExp(`^pending SMS\\w* ${hook} attempts \\d+, last .+ next `));
    }
    const requests = await runToEnd(["requests"], env);
    expect(requests.output).toMatch(/ POST \/send\/sms 200 [\d.]+ms Success\n/);
    expect(requests.output).not.toContain(TOKEN);

    expect((await runToEnd(["reset"], env)).output).toBe("Reset: every record forgotten\n");
    expect((await runToEnd(["messages"], env)).output).toBe("");

    const unknown = await runToEnd(["reply", "missing", "hi"], env);
    expect(unknown.code).toBe(1);
    expect(unknown.output).toContain("404");
    expect(unknown.output).not.toContain(TOKEN);
    const noUrl = await runToEnd(["deliveries"], { BESTSMS_BASE_URL: "", BESTSMS_AUTH_TOKEN: "" });
    expect(noUrl.code).toBe(2);
    expect(noUrl.output).toContain("give --url or set BESTSMS_BASE_URL");

    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  });
});

describe("bestsms-sandbox --state", () => {
  it("keeps messages, contacts and received SMS across a restart, without the token", async () => {
    const file = join(dir, "state.json");
    const first = await serve(["--token", TOKEN, "--quiet", "--state", file]);
    const sent = (await (await send(`${first.url}/send/sms`, TOKEN, {})).json()) as {
      MessageID: string;
    };
    const env = { BESTSMS_BASE_URL: first.url, BESTSMS_AUTH_TOKEN: TOKEN };
    expect((await runToEnd(["inbound", "+61421000009", "STOP"], env)).code).toBe(0);
    first.child.kill("SIGTERM");
    expect(await first.exited).toBe(0);
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file, "utf8")).not.toContain(TOKEN);

    const second = await serve(["--token", "another-token-123", "--quiet", "--state", file]);
    const status = await fetch(`${second.url}/get/status/${sent.MessageID}`, {
      headers: { Authorization: "Basic another-token-123" },
    });
    expect(status.status).toBe(200);
    expect(await status.json()).toMatchObject({ MessageID: sent.MessageID });
    const received = (await (
      await fetch(`${second.url}/get/sms/received`, {
        headers: { Authorization: "Basic another-token-123" },
      })
    ).json()) as { Messages: { MessageText: string }[] };
    expect(received.Messages.map((m) => m.MessageText)).toEqual(["STOP"]);
    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);
  });
});
