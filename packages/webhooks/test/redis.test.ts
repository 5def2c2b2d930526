import { Redis } from "ioredis";
import { createClient } from "redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRedisDedupeStore, type RedisDedupeClient } from "../src/redis.js";
import { dedupeStoreContract } from "./helpers/dedupe-store-contract.js";
import { type RedisServer, startRedisServer } from "./helpers/redis-server.js";

let server: RedisServer;
const clients: { quit(): Promise<unknown> }[] = [];

beforeAll(async () => {
  server = await startRedisServer();
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.quit()));
  await server?.stop();
});

async function nodeRedis() {
  const client = createClient({ url: server.url });
  await client.connect();
  clients.push(client);
  return client;
}

function ioredis() {
  const client = new Redis(server.url, { lazyConnect: false, maxRetriesPerRequest: 1 });
  clients.push(client);
  return client;
}

// Redis expires keys on its own clock: the expiry case waits a real 200 ms out.
const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const clientKinds: [string, () => Promise<RedisDedupeClient> | RedisDedupeClient][] = [
  ["node-redis", nodeRedis],
  ["ioredis", ioredis],
];

for (const [kind, connect] of clientKinds) {
  describe(`createRedisDedupeStore on a real Redis, through ${kind}, keeps the store contract`, () => {
    const engine = {
      store: async () => createRedisDedupeStore(await connect(), { prefix: `${kind}:` }),
      shortTtlMs: 1_000,
      advance: wait,
    };
    for (const { name, run } of dedupeStoreContract) it(name, () => run(engine));
  });
}

describe("createRedisDedupeStore", () => {
  it("writes SET <prefix><key> 1 NX PX <ttl> and DEL, seen by the other client library", async () => {
    const [a, b] = [await nodeRedis(), ioredis()];
    const viaNodeRedis = createRedisDedupeStore(a, { prefix: "shared:" });
    const viaIoredis = createRedisDedupeStore(b, { prefix: "shared:" });
    expect(await viaNodeRedis.claim("e1", 60_000)).toBe(true);
    expect(await viaIoredis.claim("e1", 60_000)).toBe(false);
    expect(await a.get("shared:e1")).toBe("1");
    const pttl = await b.pttl("shared:e1");
    expect(pttl).toBeGreaterThan(0);
    expect(pttl).toBeLessThanOrEqual(60_000);
    await viaIoredis.release("e1");
    expect(await a.exists("shared:e1")).toBe(0);
  });

  it("keeps prefixes apart, defaults to bestsms:webhook:, and rounds a TTL up to whole ms", async () => {
    const client = ioredis();
    const one = createRedisDedupeStore(client, { prefix: "one:" });
    const two = createRedisDedupeStore(client, { prefix: "two:" });
    expect(await one.claim("k", 60_000)).toBe(true);
    expect(await two.claim("k", 60_000)).toBe(true);
    // The default prefix, on the server; a TTL under 1 ms is sent as PX 1 (what the server is
    // told is checked, not whether a 1 ms key is still there when asked).
    const sent: string[][] = [];
    const recording = {
      call: (command: string, ...args: string[]) => {
        sent.push([command, ...args]);
        return client.call(command, ...args);
      },
    };
    expect(await createRedisDedupeStore(recording).claim("k", 60_000)).toBe(true);
    expect(await client.exists("bestsms:webhook:k")).toBe(1);
    expect(await createRedisDedupeStore(recording).claim("short", 0.4)).toBe(true);
    expect(sent.at(-1)).toEqual(["SET", "bestsms:webhook:short", "1", "NX", "PX", "1"]);
  });

  it("throws on a reply it does not understand, and passes a client's error on", async () => {
    const odd = createRedisDedupeStore({ sendCommand: async () => "QUEUED" });
    await expect(odd.claim("k", 1_000)).rejects.toThrow(/Unexpected reply/);
    const down = createRedisDedupeStore({
      call: async () => {
        throw new Error("Connection is closed.");
      },
    });
    await expect(down.claim("k", 1_000)).rejects.toThrow("Connection is closed.");
  });
});
