// A DedupeStore on Redis or Valkey; a separate entry, so receivers without Redis never bundle it.
export type {
  IoRedisLike,
  NodeRedisLike,
  RedisDedupeClient,
  RedisDedupeStoreOptions,
} from "./redis-dedupe-store.js";
export { createRedisDedupeStore } from "./redis-dedupe-store.js";
