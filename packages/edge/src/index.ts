// Everything of the shared packages, plus what edge runtimes need. The client and validation
// both export the spec's generated `components`, `operations`, `paths` and `webhooks` types; the
// client's are the ones exported here. Nothing here, nor below, uses a Node built-in.

export type { components, operations, paths, webhooks } from "@bestsms/client";
export * from "@bestsms/client";
// A Worker passes its env binding: the client's own clientFromEnv(env, options) fits as it is.
export { clientFromEnv } from "@bestsms/client";
export * from "@bestsms/validation";
export * from "@bestsms/webhooks";
export {
  createDurableObjectDedupeStore,
  type DurableObjectDedupeStoreOptions,
  type DurableObjectNamespaceLike,
  type DurableObjectStateLike,
  type DurableObjectStorageLike,
  type DurableObjectStubLike,
  WebhookDedupeObject,
} from "./durable-object-dedupe-store.js";
export {
  type MessageBatchLike,
  type QueueLike,
  type QueueMessageLike,
  type WebhookQueueCallback,
  type WebhookQueueConsumer,
  type WebhookQueueConsumerOptions,
  type WebhookQueueContext,
  type WebhookQueueMessage,
  webhookQueueConsumer,
  webhookQueueMessage,
} from "./webhook-queue.js";
export {
  type ExecutionContextLike,
  type WebhookQueueWorkerOptions,
  type WebhookWorker,
  type WebhookWorkerCallback,
  type WebhookWorkerContext,
  type WebhookWorkerOptions,
  webhookWorker,
} from "./webhook-worker.js";
