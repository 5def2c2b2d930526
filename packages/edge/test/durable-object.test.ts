import { Miniflare } from "miniflare";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dedupeStoreContract } from "../../webhooks/test/helpers/dedupe-store-contract.js";
import {
  createDurableObjectDedupeStore,
  type DurableObjectStorageLike,
  WebhookDedupeObject,
} from "../src/durable-object-dedupe-store.js";
import { bundleWorker } from "./bundle.js";

let mf: Miniflare | undefined;

beforeAll(async () => {
  const script = await bundleWorker(
    new URL("./workers/dedupe-contract.worker.ts", import.meta.url),
  );
  mf = new Miniflare({
    modules: true,
    script,
    compatibilityDate: "2025-01-01",
    durableObjects: { DEDUPE: "WebhookDedupeObject" },
  });
  await mf.ready;
});

afterAll(async () => {
  await mf?.dispose();
});

describe("createDurableObjectDedupeStore in workerd keeps the store contract", () => {
  dedupeStoreContract.forEach(({ name }, index) => {
    it(name, async () => {
      if (!mf) throw new Error("no miniflare");
      const response = await mf.dispatchFetch(`http://worker.test/contract/${index}`);
      expect(await response.text()).toBe("ok");
    });
  });
});

/** A Durable Object's storage in memory, ordered as the real one lists keys. */
function memoryStorage(): DurableObjectStorageLike & {
  data: Map<string, unknown>;
  alarmAt: number | null;
} {
  const data = new Map<string, unknown>();
  const storage = {
    data,
    alarmAt: null as number | null,
    get: async (key: string) => data.get(key),
    put: async (entries: Record<string, unknown>) => {
      for (const [key, value] of Object.entries(entries)) data.set(key, value);
    },
    delete: async (keys: string[]) => {
      // As the real API: at most 128 keys in one call.
      if (keys.length > 128) throw new RangeError("Maximum number of keys is 128");
      return keys.filter((key) => data.delete(key)).length;
    },
    list: async (options: { prefix?: string; end?: string; limit?: number }) => {
      const keys = [...data.keys()]
        .filter((key) => key.startsWith(options.prefix ?? ""))
        .filter((key) => options.end === undefined || key < options.end)
        .sort()
        .slice(0, options.limit ?? Number.POSITIVE_INFINITY);
      return new Map(keys.map((key) => [key, data.get(key)]));
    },
    getAlarm: async () => storage.alarmAt,
    setAlarm: async (time: number) => {
      storage.alarmAt = time;
    },
  };
  return storage;
}

const claim = (key: string, ttlMs: number) =>
  new Request("https://webhook-dedupe.internal/", {
    method: "POST",
    body: JSON.stringify({ op: "claim", key, ttlMs }),
  });

describe("WebhookDedupeObject", () => {
  it("sets its alarm for the earliest expiry, and the alarm deletes exactly the expired claims", async () => {
    let time = 1_000_000;
    const storage = memoryStorage();
    const object = new WebhookDedupeObject({ storage }, {}, () => time);
    expect(await (await object.fetch(claim("late", 5_000))).text()).toBe("claimed");
    expect(storage.alarmAt).toBe(1_005_000);
    expect(await (await object.fetch(claim("early", 1_000))).text()).toBe("claimed");
    expect(storage.alarmAt).toBe(1_001_000);
    expect(await (await object.fetch(claim("early", 1_000))).text()).toBe("taken");
    time = 1_001_000;
    await object.alarm();
    expect([...storage.data.keys()].sort()).toEqual(["e:000000001005000:late", "k:late"]);
    expect(storage.alarmAt).toBe(1_005_000);
    expect(await (await object.fetch(claim("early", 1_000))).text()).toBe("claimed");
    time = 1_010_000;
    await object.alarm();
    expect([...storage.data.keys()]).toEqual([]);
  });

  it("deletes many expired claims in steps of at most 128 keys", async () => {
    let time = 0;
    const storage = memoryStorage();
    const object = new WebhookDedupeObject({ storage }, {}, () => time);
    for (let i = 0; i < 300; i++) await object.fetch(claim(`k${i}`, 10 + (i % 3)));
    expect(storage.data.size).toBe(600);
    time = 100;
    await object.alarm();
    expect(storage.data.size).toBe(0);
  });

  it("re-claiming an expired key replaces its expiry entry; releasing deletes both", async () => {
    let time = 0;
    const storage = memoryStorage();
    const object = new WebhookDedupeObject({ storage }, {}, () => time);
    await object.fetch(claim("k", 10));
    time = 20;
    expect(await (await object.fetch(claim("k", 10))).text()).toBe("claimed");
    expect([...storage.data.keys()].sort()).toEqual(["e:000000000000030:k", "k:k"]);
    const release = new Request("https://x/", {
      method: "POST",
      body: '{"op":"release","key":"k"}',
    });
    expect(await (await object.fetch(release)).text()).toBe("released");
    expect(storage.data.size).toBe(0);
  });

  it("answers 400 to anything but a claim or a release", async () => {
    const object = new WebhookDedupeObject({ storage: memoryStorage() });
    for (const body of ["not json", "{}", '{"op":"claim","key":"k"}', '{"op":"drop","key":"k"}']) {
      const response = await object.fetch(new Request("https://x/", { method: "POST", body }));
      expect(response.status, body).toBe(400);
    }
  });
});

describe("createDurableObjectDedupeStore", () => {
  it("spreads keys over `shards` objects named <name>-<n>, the same key always to the same one", async () => {
    const names: string[] = [];
    const namespace = {
      idFromName: (name: string) => name,
      get: (id: string) => ({
        fetch: async (_url: string, init?: RequestInit) => {
          names.push(id);
          return new Response(
            JSON.parse(String(init?.body)).op === "claim" ? "claimed" : "released",
          );
        },
      }),
    };
    const store = createDurableObjectDedupeStore(namespace, { shards: 8, name: "d" });
    for (let i = 0; i < 400; i++) await store.claim(`key-${i}`, 1_000);
    expect(new Set(names).size).toBe(8);
    expect([...new Set(names)].every((name) => /^d-[0-7]$/.test(name))).toBe(true);
    names.length = 0;
    await store.claim("key-1", 1_000);
    await store.release("key-1");
    expect(names[0]).toBe(names[1]);
  });

  it("throws when the object fails, so the webhook is answered 500 and retried", async () => {
    const namespace = {
      idFromName: (name: string) => name,
      get: () => ({ fetch: async () => new Response("internal", { status: 500 }) }),
    };
    await expect(createDurableObjectDedupeStore(namespace).claim("k", 1)).rejects.toThrow(/500/);
  });
});
