// Checked by `tsc -p tsconfig.json`: what must compile, and what must not.
import type * as client from "@bestsms/client";
import { expectTypeOf } from "vitest";
import {
  type BestSMS,
  clientFromEnv,
  type components,
  createDurableObjectDedupeStore,
  type DurableObjectNamespaceLike,
  type ExecutionContextLike,
  type MessageBatchLike,
  type QueueLike,
  type WebhookWorker,
  webhookQueueConsumer,
  webhookWorker,
} from "../src/index.js";

// A Worker's Env is an interface (as `wrangler types` writes it), with bindings of any kind.
interface Env {
  BESTSMS_AUTH_TOKEN: string;
  BESTSMS_WEBHOOK_TOKEN: string;
  STATUS: { put(key: string, value: string): Promise<void> };
}
declare const env: Env;

expectTypeOf<components>().toEqualTypeOf<client.components>();
expectTypeOf(clientFromEnv(env)).toEqualTypeOf<BestSMS>();
// @ts-expect-error: the env binding is an object
clientFromEnv("BESTSMS_AUTH_TOKEN");

const worker = webhookWorker<Env>({
  onStatus: async ({ payload }, { env, ctx }) => {
    expectTypeOf(ctx).toEqualTypeOf<ExecutionContextLike | undefined>();
    await env.STATUS.put(payload.MessageID ?? "", payload.Status ?? "");
  },
  onReceived: ({ payload }) => {
    expectTypeOf(payload.Message).toEqualTypeOf<string | undefined>();
  },
});
expectTypeOf(worker).toEqualTypeOf<WebhookWorker<Env>>();

// The ExportedHandler shape: Cloudflare's ExecutionContext has more than waitUntil.
declare const cloudflareCtx: {
  waitUntil(promise: Promise<unknown>): void;
  passThroughOnException(): void;
  props: unknown;
};
declare const request: Request;
expectTypeOf(worker.fetch(request, env, cloudflareCtx)).toEqualTypeOf<Promise<Response>>();

// @ts-expect-error: both kinds of webhook need a callback
webhookWorker({ onStatus: () => {} });
// @ts-expect-error: respondFirst is a boolean
webhookWorker({ onStatus: () => {}, onReceived: () => {}, respondFirst: "yes" });

// With a queue, no callback: webhooks go to the queue; the consumer has the callbacks.
declare const queue: QueueLike;
expectTypeOf(webhookWorker<Env>({ queue })).toEqualTypeOf<WebhookWorker<Env>>();
webhookWorker<Env & { Q: QueueLike }>({ queue: (env) => env.Q });
// @ts-expect-error: the queue's binding must be able to send
webhookWorker({ queue: {} });
// @ts-expect-error: a queue worker takes no callback
webhookWorker({ queue, onStatus: () => {}, onReceived: () => {}, respondFirst: false });
// A store made from a binding, once, on the first request.
webhookWorker<Env & { D: DurableObjectNamespaceLike }>({
  dedupe: (env) => ({ store: createDurableObjectDedupeStore(env.D, { shards: 4 }) }),
  onStatus: () => {},
  onReceived: () => {},
});
const consumer = webhookQueueConsumer<Env>({
  onStatus: (webhook, { message, env: bound }) => {
    expectTypeOf(webhook.kind).toEqualTypeOf<"status">();
    expectTypeOf(message.attempts).toEqualTypeOf<number>();
    expectTypeOf(bound).toEqualTypeOf<Env>();
  },
  onReceived: () => {},
});
declare const batch: MessageBatchLike;
expectTypeOf(consumer.queue(batch, env)).toEqualTypeOf<Promise<void>>();
// @ts-expect-error: both kinds of webhook need a callback
webhookQueueConsumer({ onStatus: () => {} });
