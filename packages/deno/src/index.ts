// Everything of the shared packages, plus what is native to Deno. The client and validation both
// export the spec's generated `components`, `operations`, `paths` and `webhooks` types; the
// client's are the ones exported here.

export type { components, operations, paths, webhooks } from "@bestsms/client";
export * from "@bestsms/client";
export * from "@bestsms/validation";
export * from "@bestsms/webhooks";
export { type ClientFromEnvOptions, clientFromEnv } from "./client-from-env.js";
export {
  createDenoKvDedupeStore,
  type DenoKv,
  type DenoKvAtomic,
  type DenoKvDedupeStoreOptions,
  type DenoKvKey,
} from "./deno-kv-dedupe-store.js";
export type {
  DenoEnv,
  DenoHttpServer,
  DenoNetAddr,
} from "./deno-types.js";
export { type ServeWebhooksOptions, serveWebhooks } from "./serve-webhooks.js";
