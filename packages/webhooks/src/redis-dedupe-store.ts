import type { DedupeStore } from "./dedupe-store.js";

/**
 * A node-redis client (v4 or v5, `createClient()`), or anything that sends one raw command the
 * same way: `sendCommand(["SET", key, "1", "NX", "PX", "60000"])`.
 */
export interface NodeRedisLike {
  /** Sends one command, its name first, and resolves to the server's reply. */
  sendCommand(args: string[]): Promise<unknown>;
}

/** An ioredis client (`new Redis()` or a `Cluster`), or anything with the same `call`. */
export interface IoRedisLike {
  /** Sends one command by name with its arguments, and resolves to the server's reply. */
  call(command: string, ...args: string[]): Promise<unknown>;
}

/** The Redis (or Valkey) client {@link createRedisDedupeStore} takes. */
export type RedisDedupeClient = NodeRedisLike | IoRedisLike;

/** Options of {@link createRedisDedupeStore}. */
export interface RedisDedupeStoreOptions {
  /**
   * Put before every event key, to keep these keys apart from the rest of the database (and one
   * receiver's from another's). Default `"bestsms:webhook:"`.
   */
  prefix?: string | undefined;
}

/**
 * A {@link DedupeStore} on Redis or Valkey, shared by every process that uses the same server:
 * a claim is `SET <prefix><key> 1 NX PX <ttlMs>` (atomic on the server), a release is `DEL`,
 * and a confirm `SET … XX PX <ttlMs>` (the claim of a handled event kept for the whole window).
 * Redis expires the key itself, so nothing needs cleaning up. Takes a node-redis or an ioredis
 * client as it is; this package depends on neither.
 *
 * @example
 * import { createClient } from "redis";
 * const redis = await createClient({ url: process.env.REDIS_URL }).connect();
 * const dedupe = { store: createRedisDedupeStore(redis, { prefix: "sms:" }) };
 */
export function createRedisDedupeStore(
  client: RedisDedupeClient,
  options: RedisDedupeStoreOptions = {},
): DedupeStore {
  const prefix = options.prefix ?? "bestsms:webhook:";
  const send: (args: string[]) => Promise<unknown> =
    // ioredis has a `sendCommand` too, of another shape: look for its `call` first.
    "call" in client
      ? ([command = "", ...args]) => client.call(command, ...args)
      : (args) => client.sendCommand(args);
  return {
    async claim(key, ttlMs) {
      // PX takes a positive whole number of milliseconds.
      const px = String(Math.max(1, Math.ceil(ttlMs)));
      const reply = await send(["SET", prefix + key, "1", "NX", "PX", px]);
      // "OK" when set; null (nil) when the key exists.
      if (reply === null) return false;
      if (reply === "OK") return true;
      throw new TypeError("Unexpected reply to SET NX from the Redis client");
    },
    async release(key) {
      await send(["DEL", prefix + key]);
    },
    async confirm(key, ttlMs) {
      // XX: only a claim still held is extended; one whose lease ended stays free.
      await send(["SET", prefix + key, "1", "XX", "PX", String(Math.max(1, Math.ceil(ttlMs)))]);
    },
  };
}
