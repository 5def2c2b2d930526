// Send-request throughput on loopback: the sandbox (its CLI, in its own process) against
// `prism mock` serving the same spec, the same load generator, bounded in time, in one run.
import { type ChildProcess, spawn } from "node:child_process";
import { Agent, request } from "node:http";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "../tools/test-kit/src/free-port.js";
import { grouped, report } from "./results.js";

const here = dirname(fileURLToPath(import.meta.url));
const token = "bench-token";
const CONCURRENCY = 16;
const ROUND_MS = 2_500;

async function waitUntilUp(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: the server exited (${child.exitCode})`);
    try {
      await (await fetch(`${url}/__ready`, { signal: AbortSignal.timeout(1_000) })).arrayBuffer();
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  throw new Error(`${url}: not up within 60 s`);
}

function start(command: string, args: string[]): ChildProcess {
  return spawn(command, args, {
    detached: true,
    stdio: "ignore",
    env: { ...process.env, FORCE_COLOR: "0" },
  });
}

function stop(child: ChildProcess): void {
  if (child.pid !== undefined && child.exitCode === null) {
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      // Already gone.
    }
  }
}

const body = (n: number): string =>
  JSON.stringify({
    MessageData: {
      Reference: `bench ${n}`,
      Message: "Hi [[FirstName]], your order is ready.",
      Destinations: [
        { Recipient: "+61421000001", FirstName: "Jess" },
        { Recipient: "+61421000002" },
      ],
    },
  });

// node:http with keep-alive: the cheapest client Node has, so the servers are what is measured.
const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });

function send(url: string, payload: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}/send/sms`,
      {
        method: "POST",
        agent,
        headers: {
          authorization: `Basic ${token}`,
          "content-type": "application/json",
          "content-length": Buffer.byteLength(payload),
        },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          text += chunk;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

/** Sends for `ms` with CONCURRENCY requests in flight; counts 200s and everything else. */
async function load(
  url: string,
  ms: number,
): Promise<{ ok: number; errors: number; perSecond: number }> {
  let ok = 0;
  let errors = 0;
  let n = 0;
  const end = performance.now() + ms;
  const worker = async (): Promise<void> => {
    while (performance.now() < end) {
      try {
        const { status, text } = await send(url, body(n++));
        const result = JSON.parse(text) as { Result?: string };
        if (status === 200 && result.Result === "Success") ok++;
        else errors++;
      } catch {
        errors++;
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { ok, errors, perSecond: (ok * 1000) / (performance.now() - started) };
}

const sandboxPort = await freePort();
const prismPort = await freePort();
const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
const prismUrl = `http://127.0.0.1:${prismPort}`;
const sandbox = start(process.execPath, [
  join(here, "node_modules/@bestsms/sandbox/dist/cli.js"),
  "--port",
  String(sandboxPort),
  "--token",
  token,
]);
const prism = start(join(here, "node_modules/.bin/prism"), [
  "mock",
  join(here, "../spec/bestsms.openapi.yaml"),
  "--host",
  "127.0.0.1",
  "--port",
  String(prismPort),
  "--dynamic=false",
]);
try {
  await Promise.all([waitUntilUp(sandboxUrl, sandbox), waitUntilUp(prismUrl, prism)]);
  await load(sandboxUrl, 500); // warm up both
  await load(prismUrl, 500);
  const rounds: Record<string, { ok: number; errors: number; perSecond: number }[]> = {
    sandbox: [],
    prism: [],
  };
  for (let round = 0; round < 2; round++) {
    rounds.sandbox?.push(await load(sandboxUrl, ROUND_MS));
    rounds.prism?.push(await load(prismUrl, ROUND_MS));
  }
  const best = (name: string) => {
    const list = rounds[name] ?? [];
    return {
      perSecond: Math.max(...list.map((r) => r.perSecond)),
      ok: list.reduce((a, r) => a + r.ok, 0),
      errors: list.reduce((a, r) => a + r.errors, 0),
    };
  };
  const s = best("sandbox");
  const p = best("prism");
  console.log(
    `sandbox: POST /send/sms on loopback, ${CONCURRENCY} in flight, 2 rounds of ${ROUND_MS} ms each`,
  );
  console.log(
    `  @bestsms/sandbox  ${Math.round(s.perSecond)} req/s  (${s.ok} ok, ${s.errors} errors)`,
  );
  console.log(
    `  prism mock        ${Math.round(p.perSecond)} req/s  (${p.ok} ok, ${p.errors} errors)`,
  );
  const ratio = s.perSecond / p.perSecond;
  console.log(`  sandbox / prism: ${ratio.toFixed(2)}x (goal >= 3x, with no errors)`);
  report({
    benchmark: "`sandbox`: POST /send/sms, 16 in flight",
    figure: `${grouped(s.perSecond)} req/s, ${s.errors} errors`,
    baseline: `\`prism mock\` ${grouped(p.perSecond)} req/s`,
    ratio: `${ratio.toFixed(2)}×`,
    goal: "≥ 3×, no errors",
  });
  if (ratio < 3 || s.errors > 0) {
    console.error("sandbox: goal missed");
    process.exitCode = 1;
  }
} finally {
  agent.destroy();
  stop(sandbox);
  stop(prism);
}
