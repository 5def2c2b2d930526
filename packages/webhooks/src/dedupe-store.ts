/**
 * Where the handler remembers events it took, to answer repeats without calling you again.
 * Backed by anything with an atomic "set if absent": in Redis, `claim` is
 * `SET key 1 NX PX ttlMs` and `release` is `DEL key`.
 */
export interface DedupeStore {
  /**
   * Claims `key` for `ttlMs`. Returns `false` when it is already claimed, by an event being
   * handled right now or one handled within the window.
   */
  claim(key: string, ttlMs: number): boolean | Promise<boolean>;
  /** Gives up a claim after the callback failed, so the service's retry is handled. */
  release(key: string): void | Promise<void>;
  /**
   * Keeps a claim for `ttlMs` from now, once its event has been handled. A store with `confirm`
   * is claimed for a short lease first (`DedupeOptions.leaseMs`), so a receiver that dies while
   * handling an event leaves a claim that expires before the service's next retry; a store
   * without it is claimed for the whole `ttlMs` at once.
   */
  confirm?(key: string, ttlMs: number): void | Promise<void>;
}

/** Options of {@link createMemoryDedupeStore}. */
export interface MemoryDedupeStoreOptions {
  /** The most keys kept; the least recently claimed go first. Default 10,000. */
  maxEntries?: number | undefined;
  /** The clock, in milliseconds since the epoch. Default `Date.now`. */
  now?: (() => number) | undefined;
}

/**
 * A {@link DedupeStore} in memory, bounded in size and time. It only sees the requests of its
 * own process or isolate; across instances share one: `createRedisDedupeStore`
 * (`@bestsms/webhooks/redis`), `createDurableObjectDedupeStore` (`@bestsms/edge`) or
 * `createDenoKvDedupeStore` (`@bestsms/deno`).
 *
 * @example
 * const dedupe = { store: createMemoryDedupeStore({ maxEntries: 1000 }) };
 */
export function createMemoryDedupeStore({
  maxEntries = 10_000,
  now = Date.now,
}: MemoryDedupeStoreOptions = {}): DedupeStore {
  // A Map iterates in insertion order, and a claim re-inserts its key: the first key is the oldest.
  const expiries = new Map<string, number>();
  return {
    claim(key, ttlMs) {
      const time = now();
      if ((expiries.get(key) ?? time) > time) return false;
      expiries.delete(key);
      expiries.set(key, time + ttlMs);
      // Expired keys are skipped on lookup; the cap drops the least recently claimed.
      for (const oldest of expiries.keys()) {
        if (expiries.size <= maxEntries) break;
        expiries.delete(oldest);
      }
      return true;
    },
    release(key) {
      expiries.delete(key);
    },
    // No `confirm`: claims in memory end with the process, so a receiver that dies mid-callback
    // leaves none behind; a claim is taken for the whole window at once.
  };
}
