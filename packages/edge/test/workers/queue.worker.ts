// A Worker for workerd (bundled by test/webhook-queue.test.ts): webhooks are verified, deduped
// on Durable Objects and enqueued; the consumer of the same queue reports each one it handles
// to a loopback recorder, and fails the first delivery of any MessageID starting "flaky".
import {
  createDurableObjectDedupeStore,
  type DurableObjectNamespaceLike,
} from "../../src/durable-object-dedupe-store.js";
import {
  type MessageBatchLike,
  type QueueLike,
  webhookQueueConsumer,
} from "../../src/webhook-queue.js";
import { type ExecutionContextLike, webhookWorker } from "../../src/webhook-worker.js";

export { WebhookDedupeObject } from "../../src/durable-object-dedupe-store.js";

interface Env {
  BESTSMS_WEBHOOK_TOKEN: string;
  BESTSMS_WEBHOOKS: QueueLike;
  DEDUPE: DurableObjectNamespaceLike;
  RECORDER_URL: string;
}

const intake = webhookWorker<Env>({
  queue: (env) => env.BESTSMS_WEBHOOKS,
  dedupe: (env) => ({ store: createDurableObjectDedupeStore(env.DEDUPE, { name: "intake" }) }),
});

const consumer = webhookQueueConsumer<Env>({
  dedupe: (env) => ({ store: createDurableObjectDedupeStore(env.DEDUPE, { name: "consumer" }) }),
  onStatus: async ({ payload, parsed }, { env, message }) => {
    if (payload.MessageID?.startsWith("flaky") && message.attempts < 2) {
      throw new Error("flaky callback");
    }
    await fetch(env.RECORDER_URL, {
      method: "POST",
      body: JSON.stringify({
        MessageID: payload.MessageID,
        attempts: message.attempts,
        fields: Object.keys(payload).sort(),
        price: parsed.price,
      }),
    });
  },
  onReceived: () => {},
  onError: async (error, { env }) => {
    await fetch(env.RECORDER_URL, {
      method: "POST",
      body: JSON.stringify({ error: String(error) }),
    });
  },
});

export default {
  fetch: (request: Request, env: Env, ctx: ExecutionContextLike) => intake.fetch(request, env, ctx),
  queue: (batch: MessageBatchLike, env: Env, ctx: ExecutionContextLike) =>
    consumer.queue(batch, env, ctx),
};
