// Everything of the shared packages, plus what edge runtimes need. The client and validation
// both export the spec's generated `components`, `operations`, `paths` and `webhooks` types; the
// client's are the ones exported here. Nothing here, nor below, uses a Node built-in.

export type { components, operations, paths, webhooks } from "@bestsms/client";
export * from "@bestsms/client";
export * from "@bestsms/validation";
export * from "@bestsms/webhooks";
export { clientFromEnv } from "./client-from-env.js";
export {
  type ExecutionContextLike,
  type WebhookWorker,
  type WebhookWorkerCallback,
  type WebhookWorkerContext,
  type WebhookWorkerOptions,
  webhookWorker,
} from "./webhook-worker.js";
