import {
  type DedupeOptions,
  type ParsedReceivedWebhook,
  type ParsedStatusWebhook,
  type ParsedWebhook,
  parseWebhook,
  type UnknownWebhook,
  type WebhookFormat,
  webhookEventKey,
} from "@bestsms/webhooks";
import type { ExecutionContextLike } from "./webhook-worker.js";

/** What `webhookWorker({ queue })` sends: the verified webhook, without its token. */
export interface WebhookQueueMessage {
  /** The format the webhook came in. */
  format: WebhookFormat;
  /** Every field as sent, except `APIKey` and `AuthToken`. */
  payload: Record<string, unknown>;
}

/** A queue producer binding (Cloudflare's `Queue`): only `send` is used. */
export interface QueueLike<Body = WebhookQueueMessage> {
  /** Enqueues one message; resolves once the queue has it. */
  send(body: Body, options?: { contentType?: "json" | "text" | "bytes" | "v8" }): Promise<unknown>;
}

/** One message of a batch (Cloudflare's `Message`). */
export interface QueueMessageLike<Body = unknown> {
  /** The queue's id of the message. */
  readonly id: string;
  /** What was sent. */
  readonly body: Body;
  /** How many times it has been delivered, this time included. */
  readonly attempts: number;
  /** Marks it done: it is not delivered again. */
  ack(): void;
  /** Has it delivered again later. */
  retry(options?: { delaySeconds?: number }): void;
}

/** A batch of messages (Cloudflare's `MessageBatch`). */
export interface MessageBatchLike<Body = unknown> {
  /** The queue's name. */
  readonly queue: string;
  /** The messages. */
  readonly messages: readonly QueueMessageLike<Body>[];
}

/** What a callback of {@link webhookQueueConsumer} gets besides the webhook. */
export interface WebhookQueueContext<Env extends object = Record<string, unknown>> {
  /** The queue message the webhook came in. */
  message: QueueMessageLike;
  /** The Worker's env binding. */
  env: Env;
  /** The execution context, when the runtime gave one. */
  ctx: ExecutionContextLike | undefined;
}

/** A callback of {@link webhookQueueConsumer} for one kind of webhook. */
export type WebhookQueueCallback<W, Env extends object = Record<string, unknown>> = (
  webhook: W,
  context: WebhookQueueContext<Env>,
) => void | Promise<void>;

/** Options of {@link webhookQueueConsumer}. */
export interface WebhookQueueConsumerOptions<Env extends object = Record<string, unknown>> {
  /** Called for each status report. */
  onStatus: WebhookQueueCallback<ParsedStatusWebhook, Env>;
  /** Called for each received SMS. */
  onReceived: WebhookQueueCallback<ParsedReceivedWebhook, Env>;
  /** Called for a `Type` the spec does not name; without it such messages are acknowledged. */
  onUnknown?: WebhookQueueCallback<UnknownWebhook, Env> | undefined;
  /**
   * Suppress messages of an event already handled (a queue delivers at least once): a store,
   * or a function of `env` giving one. Default off.
   */
  dedupe?: DedupeOptions | ((env: Env) => DedupeOptions) | undefined;
  /** Delay before a failed message is delivered again, in seconds. Default: the queue's. */
  retryDelaySeconds?: number | undefined;
  /** Told when a message fails (it is then retried) or cannot be read (acknowledged). */
  onError?:
    | ((error: unknown, context: WebhookQueueContext<Env>) => void | Promise<void>)
    | undefined;
}

/** A queue consumer: `export default { ...webhookQueueConsumer({ … }) }`. */
export interface WebhookQueueConsumer<Env extends object = Record<string, unknown>> {
  /** Handles one batch: each message is acknowledged or retried on its own. */
  queue(batch: MessageBatchLike, env: Env, ctx?: ExecutionContextLike): Promise<void>;
}

/** The message `webhookWorker({ queue })` sends for a verified webhook. */
export function webhookQueueMessage(webhook: ParsedWebhook | UnknownWebhook): WebhookQueueMessage {
  const {
    APIKey: _apiKey,
    AuthToken: _authToken,
    ...payload
  } = webhook.payload as Record<string, unknown>;
  return { format: webhook.format, payload };
}

/**
 * Handles the webhooks `webhookWorker({ queue })` enqueued: each message's callback runs once it
 * is parsed again, and the message is acknowledged when the callback returns or retried when it
 * throws, one message at a time (the others of the batch are not held back). With `dedupe`, an
 * event is claimed before its callback and released when it fails, so a message the queue
 * delivers twice is handled once.
 *
 * @example
 * export default {
 *   ...webhookWorker<Env>({ queue: (env) => env.BESTSMS_WEBHOOKS }),
 *   ...webhookQueueConsumer<Env>({ onStatus, onReceived }),
 * };
 */
export function webhookQueueConsumer<Env extends object = Record<string, unknown>>(
  options: WebhookQueueConsumerOptions<Env>,
): WebhookQueueConsumer<Env> {
  const ttlOf = (dedupe: DedupeOptions) => dedupe.ttlMs ?? 25 * 3_600_000;
  const report = async (error: unknown, context: WebhookQueueContext<Env>) => {
    try {
      if (options.onError) await options.onError(error, context);
      else console.error("@bestsms/edge: a queued webhook failed", error);
    } catch {
      // A failing reporter changes nothing.
    }
  };
  const handle = async (
    message: QueueMessageLike,
    env: Env,
    ctx: ExecutionContextLike | undefined,
  ) => {
    const context: WebhookQueueContext<Env> = { message, env, ctx };
    let webhook: ParsedWebhook | UnknownWebhook;
    try {
      const body = message.body as Partial<WebhookQueueMessage> | null;
      webhook = parseWebhook(JSON.stringify(body?.payload ?? null), { acceptUnknownType: true });
      if (body?.format === "xml") webhook.format = "xml";
    } catch (error) {
      // Retrying cannot mend it: acknowledge, and tell.
      message.ack();
      await report(error, context);
      return;
    }
    const dedupe = typeof options.dedupe === "function" ? options.dedupe(env) : options.dedupe;
    const store = dedupe?.store;
    let claimed: string | undefined;
    try {
      if (store && dedupe) {
        const key = await webhookEventKey(webhook.payload);
        if (!(await store.claim(key, ttlOf(dedupe)))) {
          message.ack();
          return;
        }
        claimed = key;
      }
      if (webhook.kind === "status") await options.onStatus(webhook, context);
      else if (webhook.kind === "received") await options.onReceived(webhook, context);
      else if (options.onUnknown) await options.onUnknown(webhook, context);
      message.ack();
    } catch (error) {
      if (store && claimed !== undefined) {
        const key = claimed;
        await Promise.resolve()
          .then(() => store.release(key))
          .catch(() => {});
      }
      const delaySeconds = options.retryDelaySeconds;
      message.retry(delaySeconds === undefined ? {} : { delaySeconds });
      await report(error, context);
    }
  };
  return {
    async queue(batch, env, ctx) {
      const context = typeof ctx?.waitUntil === "function" ? ctx : undefined;
      await Promise.all(batch.messages.map((message) => handle(message, env, context)));
    },
  };
}
