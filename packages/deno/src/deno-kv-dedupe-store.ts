import type { DedupeStore } from "@bestsms/webhooks";

/** A Deno KV key (`Deno.KvKey`): a list of parts. */
export type DenoKvKey = readonly (string | number | bigint | boolean | Uint8Array)[];

/** The part of `Deno.AtomicOperation` used here. */
export interface DenoKvAtomic {
  /** Makes the commit fail unless `key`'s versionstamp is still the one given (`null`: absent). */
  check(...checks: { key: DenoKvKey; versionstamp: string | null }[]): DenoKvAtomic;
  /** Writes `value` at `key`; with `expireIn`, Deno KV deletes it that many ms later. */
  set(key: DenoKvKey, value: unknown, options?: { expireIn?: number }): DenoKvAtomic;
  /** Applies every write, or none when a check failed (`ok: false`). */
  commit(): Promise<{ ok: boolean }>;
}

/** The part of `Deno.Kv` (from `Deno.openKv()`) used here. */
export interface DenoKv {
  /** Reads `key`: its value and versionstamp, both `null` when it is absent. */
  get(key: DenoKvKey): Promise<{ value: unknown; versionstamp: string | null }>;
  /** Deletes `key`; nothing happens when it is absent. */
  delete(key: DenoKvKey): Promise<void>;
  /** Starts an atomic operation. */
  atomic(): DenoKvAtomic;
}

/** Options of {@link createDenoKvDedupeStore}. */
export interface DenoKvDedupeStoreOptions {
  /** Put before every event key. Default `["bestsms", "webhook"]`. */
  prefix?: DenoKvKey | undefined;
  /** The clock, in milliseconds since the epoch. Default `Date.now`. */
  now?: (() => number) | undefined;
}

/**
 * A {@link DedupeStore} on Deno KV, shared by every isolate and process that opens the same
 * database: Deno Deploy's KV, or one file given to `Deno.openKv(path)`. A claim reads the key
 * and writes it in an atomic operation checked on the versionstamp it read, so of two
 * concurrent claims one commits and the other sees the key. The value is the claim's expiry
 * time, checked on every claim (Deno KV deletes expired keys late, not at the millisecond);
 * `expireIn` lets Deno KV delete it afterwards. A release deletes the key; a confirm writes a later
 * expiry on a claim still held.
 *
 * @example
 * const kv = await Deno.openKv();
 * serveWebhooks({ token, dedupe: { store: createDenoKvDedupeStore(kv) }, onStatus, onReceived });
 */
export function createDenoKvDedupeStore(
  kv: DenoKv,
  options: DenoKvDedupeStoreOptions = {},
): DedupeStore {
  const prefix = options.prefix ?? ["bestsms", "webhook"];
  const now = options.now ?? Date.now;
  return {
    async claim(key, ttlMs) {
      const at = [...prefix, key];
      // A failed commit means the key changed between the read and the write: a claim, a
      // release or an expiry elsewhere. Read it again and decide on what is there now.
      for (let attempt = 0; attempt < 32; attempt++) {
        const entry = await whileBusy(() => kv.get(at));
        const time = now();
        const expiresAt = typeof entry.value === "number" ? entry.value : 0;
        if (entry.versionstamp !== null && expiresAt > time) return false;
        const expireIn = Math.max(1, Math.ceil(ttlMs));
        const result = await whileBusy(() =>
          kv
            .atomic()
            .check({ key: at, versionstamp: entry.versionstamp })
            .set(at, time + ttlMs, { expireIn })
            .commit(),
        );
        if (result.ok) return true;
      }
      throw new Error("Deno KV: the dedupe key kept changing; claim given up");
    },
    async release(key) {
      await whileBusy(() => kv.delete([...prefix, key]));
    },
    async confirm(key, ttlMs) {
      // Only a claim still held is kept longer: one whose lease ended, or that was never made,
      // stays free. The check on the versionstamp keeps a claim made meanwhile elsewhere.
      const at = [...prefix, key];
      const entry = await whileBusy(() => kv.get(at));
      const time = now();
      const expiresAt = typeof entry.value === "number" ? entry.value : 0;
      if (entry.versionstamp === null || expiresAt <= time) return;
      await whileBusy(() =>
        kv
          .atomic()
          .check({ key: at, versionstamp: entry.versionstamp })
          .set(at, time + ttlMs, { expireIn: Math.max(1, Math.ceil(ttlMs)) })
          .commit(),
      );
    },
  };
}

/**
 * Runs `task` again while a local database file is locked by another process's write (SQLite's
 * "database is locked"), after a short random pause; any other error, or a lock held through
 * about two seconds of tries, is thrown. Deno Deploy's KV never answers so.
 */
async function whileBusy<T>(task: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await task();
    } catch (error) {
      const locked = error instanceof Error && /database is locked/i.test(error.message);
      if (!locked || attempt >= 100) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1 + Math.random() * 20));
    }
  }
}
