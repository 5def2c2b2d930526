// `pnpm --filter @bestsms/bench run bench:dedupe`: claims per second and the latency of one
// claim for each shared dedupe store, on this machine, at concurrency 50 with distinct keys
// (every claim writes). Prints a table; the figures in docs/RELIABILITY.md and docs/SCALE.md
// come from it. Needs redis-server (or valkey-server) on PATH. Nothing is asserted.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createMemoryDedupeStore } from "@bestsms/webhooks";
import { createRedisDedupeStore } from "@bestsms/webhooks/redis";
import { build } from "esbuild";
import { Redis } from "ioredis";
import { Miniflare } from "miniflare";
import { createClient } from "redis";
import { startRedisServer } from "../packages/webhooks/test/helpers/redis-server.js";
import { type ClaimFigures, timeClaims } from "./dedupe-claims.shared.js";

const here = fileURLToPath(new URL(".", import.meta.url));
const TTL = 25 * 3_600_000;
const rows: [string, ClaimFigures][] = [];
const note = (name: string, figures: ClaimFigures) => {
  rows.push([name, figures]);
  console.log(`${name}: ${JSON.stringify(figures)}`);
};

// Memory: the baseline, one process.
const memory = createMemoryDedupeStore({ maxEntries: 1_000_000 });
note("memory (one process)", await timeClaims((key) => memory.claim(key, TTL), 50_000, 50));

// Redis: one server, one connection per client library.
const server = await startRedisServer();
try {
  const nodeRedis = await createClient({ url: server.url }).connect();
  const usedMemory = async () =>
    Number(/used_memory:(\d+)/.exec(await nodeRedis.info("memory"))?.[1] ?? Number.NaN);
  const memoryBefore = await usedMemory();
  const viaNodeRedis = createRedisDedupeStore(nodeRedis);
  note(
    "Redis, node-redis, 1 connection",
    await timeClaims((k) => viaNodeRedis.claim(k, TTL), 20_000, 50),
  );
  const ioredis = new Redis(server.url);
  const viaIoredis = createRedisDedupeStore(ioredis);
  note(
    "Redis, ioredis, 1 connection",
    await timeClaims((k) => viaIoredis.claim(k, TTL), 20_000, 50),
  );
  // Keys of 36 + 1 + 5 characters after the prefix, about an event key's 44.
  const perClaim = ((await usedMemory()) - memoryBefore) / 40_000;
  console.log(`Redis memory per claim (key, value, expiry): ${Math.round(perClaim)} bytes`);
  // Three connections, as three receivers would have.
  const clients = await Promise.all(
    [0, 1, 2].map(() => createClient({ url: server.url }).connect()),
  );
  const three = clients.map((client) => createRedisDedupeStore(client));
  let turn = 0;
  note(
    "Redis, node-redis, 3 connections",
    await timeClaims((k) => (three[turn++ % 3] ?? viaNodeRedis).claim(k, TTL), 30_000, 150),
  );
  await Promise.all(clients.map((client) => client.quit()));
  await nodeRedis.quit();
  ioredis.disconnect();
} finally {
  await server.stop();
}

// Deno KV: a local SQLite file, one Deno process.
const dir = mkdtempSync(join(tmpdir(), "bestsms-kv-bench-"));
try {
  const deno = fileURLToPath(new URL("./node_modules/deno/deno", import.meta.url));
  const result = spawnSync(
    deno,
    [
      "run",
      "--unstable-kv",
      "--unstable-sloppy-imports",
      "-A",
      "dedupe-kv.deno.ts",
      join(dir, "b.kv"),
      "5000",
      "50",
    ],
    {
      cwd: here,
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1", DENO_NO_UPDATE_CHECK: "1" },
    },
  );
  if (result.status !== 0) throw new Error(result.stderr);
  note(
    "Deno KV, local file, 1 process",
    JSON.parse(result.stdout.trim().split("\n").pop() ?? "{}"),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}

// Durable Objects in workerd (Miniflare): local, so only the shape matters, 1 shard vs 16.
const bundled = await build({
  entryPoints: [join(here, "dedupe-do.worker.ts")],
  bundle: true,
  format: "esm",
  platform: "neutral",
  target: "es2022",
  write: false,
  logLevel: "silent",
});
const mf = new Miniflare({
  modules: true,
  script: bundled.outputFiles[0]?.text ?? "",
  compatibilityDate: "2025-01-01",
  durableObjects: { DEDUPE: "WebhookDedupeObject" },
});
try {
  for (const shards of [1, 16]) {
    const response = await mf.dispatchFetch(`http://bench.test/?shards=${shards}&n=3000`);
    note(
      `Durable Objects (Miniflare), ${shards} shard(s)`,
      (await response.json()) as ClaimFigures,
    );
  }
} finally {
  await mf.dispose();
}

console.log(
  "\n| store | claims | claims/s | p50 ms | p99 ms |\n| --- | ---: | ---: | ---: | ---: |",
);
for (const [name, f] of rows) {
  console.log(`| ${name} | ${f.claims} | ${f.perSecond} | ${f.p50Ms} | ${f.p99Ms} |`);
}
