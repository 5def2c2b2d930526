import {
  createMemoryDedupeStore,
  createWebhookHandler,
  type DedupeOptions,
  type ParsedReceivedWebhook,
  type ParsedStatusWebhook,
  type ParsedWebhook,
  type UnknownWebhook,
  type WebhookContext,
  type WebhookHandler,
  type WebhookHandlerOptions,
} from "@bestsms/webhooks";
import { envString } from "./internal/env.js";
import { type QueueLike, type WebhookQueueMessage, webhookQueueMessage } from "./webhook-queue.js";

/**
 * The part of a Worker's `ExecutionContext` used here (Cloudflare's, Vercel's `context` and
 * Netlify's all have it): work that may outlive the response.
 */
export interface ExecutionContextLike {
  /** Lets `promise` run on after the response is returned: the runtime waits until it settles. */
  waitUntil(promise: Promise<unknown>): void;
}

/** What a callback of {@link webhookWorker} gets besides the webhook. */
export interface WebhookWorkerContext<Env extends object = Record<string, unknown>>
  extends WebhookContext {
  /** The Worker's env binding. */
  env: Env;
  /** The request's execution context, when the runtime gave one. */
  ctx: ExecutionContextLike | undefined;
}

/** A callback of {@link webhookWorker} for one kind of webhook. */
export type WebhookWorkerCallback<W, Env extends object = Record<string, unknown>> = (
  webhook: W,
  context: WebhookWorkerContext<Env>,
) => void | Promise<void>;

/** Options of {@link webhookWorker}. */
export interface WebhookWorkerOptions<Env extends object = Record<string, unknown>>
  extends Pick<WebhookHandlerOptions, "maxBodyBytes" | "maxSkewMs" | "now" | "xml"> {
  /** Called for each status report (`Type: SMS`). */
  onStatus: WebhookWorkerCallback<ParsedStatusWebhook, Env>;
  /** Called for each received SMS (`Type: SMSReply` or `SMSInbound`). */
  onReceived: WebhookWorkerCallback<ParsedReceivedWebhook, Env>;
  /** Called for a `Type` the spec does not name; without it such webhooks get 400. */
  onUnknown?: WebhookWorkerCallback<UnknownWebhook, Env> | undefined;
  /**
   * Told when a callback, the dedupe store or the configuration fails — also, with
   * `respondFirst`, of a callback failing after the answer. Without it such failures are
   * logged with `console.error`.
   */
  onError?:
    | ((
        error: unknown,
        context: WebhookWorkerContext<Env> & {
          webhook: ParsedWebhook | UnknownWebhook | undefined;
        },
      ) => void | Promise<void>)
    | undefined;
  /** Your webhook token. Default: `env.BESTSMS_WEBHOOK_TOKEN`, else `env.BESTSMS_AUTH_TOKEN`. */
  token?: string | undefined;
  /**
   * Suppress repeats of an event: `true` for an in-memory store (per isolate), your own store
   * (`createDurableObjectDedupeStore`, shared by every isolate), or a function of `env` giving
   * one (a binding is only known per request; it is called once). Default off.
   */
  dedupe?: boolean | DedupeOptions | ((env: Env) => DedupeOptions) | undefined;
  /**
   * Answer as soon as the webhook is parsed and verified, and run the callback afterwards in
   * `ctx.waitUntil`. Default `true`: the service gets its 200 fast, but a callback that fails
   * after that is not retried by the service — it only reaches `onError`. With `false` the
   * callback is awaited and a failure answers 500, so the service retries (for 24 hours).
   * Without a `ctx` the callback is always awaited.
   */
  respondFirst?: boolean | undefined;
  /** Only with `WebhookQueueWorkerOptions`: callbacks and a queue do not go together. */
  queue?: undefined;
}

/**
 * Options of {@link webhookWorker} handing webhooks to a queue: every verified webhook is sent
 * to `queue` and answered 200 once the queue has it (500 if it refused it, so the service
 * retries); `webhookQueueConsumer` handles them.
 */
export interface WebhookQueueWorkerOptions<Env extends object = Record<string, unknown>>
  extends Omit<
    WebhookWorkerOptions<Env>,
    "onStatus" | "onReceived" | "onUnknown" | "respondFirst" | "queue"
  > {
  /** The queue's producer binding, or a function of `env` giving it (e.g. `env.BESTSMS_WEBHOOKS`). */
  queue: QueueLike<WebhookQueueMessage> | ((env: Env) => QueueLike<WebhookQueueMessage>);
  /** The callbacks belong to `webhookQueueConsumer`. */
  onStatus?: undefined;
  /** The callbacks belong to `webhookQueueConsumer`. */
  onReceived?: undefined;
  /** The callbacks belong to `webhookQueueConsumer`. */
  onUnknown?: undefined;
  /** Always `false` in effect: the answer waits for the queue. */
  respondFirst?: undefined;
}

/** A Worker (an `ExportedHandler`): `export default webhookWorker({ … })`. */
export interface WebhookWorker<Env extends object = Record<string, unknown>> {
  /**
   * Answers one request as `createWebhookHandler` does, with the token from `options` or `env`;
   * without a token it answers 500 (`internal_error`) and reports it to `onError` (else
   * `console.error`). `ctx`, when given, lets callbacks run after the answer. It never rejects.
   */
  fetch(request: Request, env: Env, ctx?: ExecutionContextLike): Promise<Response>;
}

/** Where a request's callbacks find the env and ctx of their request. */
interface Scope<Env extends object> {
  env: Env;
  ctx: ExecutionContextLike | undefined;
}

/**
 * A Worker that receives BestSMS webhooks with `@bestsms/webhooks`: method, Content-Type, size
 * and token are checked and the body parsed before it answers; the callbacks then run after
 * the answer (`respondFirst`, the default) or before it.
 *
 * @example
 * ```ts
 * export default webhookWorker<Env>({
 *   onStatus: async ({ payload }, { env }) => {
 *     await env.STATUS.put(payload.MessageID ?? "", payload.Status ?? "");
 *   },
 *   onReceived: ({ payload }) => console.log(payload.Message),
 * });
 * ```
 */
export function webhookWorker<Env extends object = Record<string, unknown>>(
  options: WebhookWorkerOptions<Env> | WebhookQueueWorkerOptions<Env>,
): WebhookWorker<Env> {
  const { onError } = options;
  const scopes = new WeakMap<Request, Scope<Env>>();
  const scopeOf = (context: WebhookContext): WebhookWorkerContext<Env> => {
    const scope = scopes.get(context.request);
    if (!scope) throw new Error("webhookWorker: a request without its scope");
    return { ...context, env: scope.env, ctx: scope.ctx };
  };
  const report = async (
    error: unknown,
    context: WebhookWorkerContext<Env> & { webhook: ParsedWebhook | UnknownWebhook | undefined },
  ): Promise<void> => {
    try {
      if (onError) await onError(error, context);
      else console.error("@bestsms/edge: a webhook failed", error);
    } catch {
      // A failing reporter changes nothing.
    }
  };
  // With a queue, every verified webhook (of any Type) is sent to it before the answer.
  const callbacks = (() => {
    if (isQueueWorker(options)) {
      const { queue } = options;
      const enqueue = async (webhook: ParsedWebhook | UnknownWebhook, context: WebhookContext) => {
        const { env } = scopeOf(context);
        const producer = typeof queue === "function" ? queue(env) : queue;
        await producer.send(webhookQueueMessage(webhook), { contentType: "json" });
      };
      return { onStatus: enqueue, onReceived: enqueue, onUnknown: enqueue };
    }
    const {
      onStatus,
      onReceived,
      onUnknown,
      respondFirst = true,
    } = options as WebhookWorkerOptions<Env>;
    // The callbacks as the handler calls them: with env and ctx, and after the answer when
    // `respondFirst` and a ctx allow it.
    const run =
      <W extends ParsedWebhook | UnknownWebhook>(callback: WebhookWorkerCallback<W, Env>) =>
      (webhook: W, context: WebhookContext): void | Promise<void> => {
        const full = scopeOf(context);
        if (!respondFirst || full.ctx === undefined) return callback(webhook, full);
        full.ctx.waitUntil(
          (async () => {
            try {
              await callback(webhook, full);
            } catch (error) {
              await report(error, { ...full, webhook });
            }
          })(),
        );
      };
    return {
      onStatus: run(onStatus),
      onReceived: run(onReceived),
      onUnknown: onUnknown && run(onUnknown),
    };
  })();

  // One dedupe store for the isolate, made on the first request (Workers refuse some work at
  // global scope, and bindings come with a request), shared by the handlers of every token.
  let dedupe: DedupeOptions | undefined;
  const dedupeOptions = (env: Env): DedupeOptions | undefined => {
    if (!options.dedupe) return undefined;
    if (dedupe) return dedupe;
    const given =
      options.dedupe === true
        ? {}
        : typeof options.dedupe === "function"
          ? options.dedupe(env)
          : options.dedupe;
    dedupe = { ...given, store: given.store ?? createMemoryDedupeStore({ now: options.now }) };
    return dedupe;
  };
  // A handler per token: env is only known per request, and is the same on every one.
  const handlers = new Map<string, WebhookHandler>();
  const handlerFor = (token: string, env: Env): WebhookHandler => {
    let handler = handlers.get(token);
    if (!handler) {
      handler = createWebhookHandler({
        token,
        maxBodyBytes: options.maxBodyBytes,
        maxSkewMs: options.maxSkewMs,
        now: options.now,
        xml: options.xml,
        dedupe: dedupeOptions(env),
        ...callbacks,
        onError: (error, context) =>
          report(error, { ...scopeOf(context), webhook: context.webhook }),
      });
      handlers.set(token, handler);
    }
    return handler;
  };

  return {
    async fetch(request, env, ctx) {
      const context = typeof ctx?.waitUntil === "function" ? ctx : undefined;
      const token =
        (options.token?.trim() || undefined) ??
        envString(env, "BESTSMS_WEBHOOK_TOKEN") ??
        envString(env, "BESTSMS_AUTH_TOKEN");
      let handler: WebhookHandler;
      try {
        if (token === undefined) {
          throw new Error(
            "@bestsms/edge: no webhook token: set BESTSMS_WEBHOOK_TOKEN (or BESTSMS_AUTH_TOKEN), or pass `token`",
          );
        }
        handler = handlerFor(token, env);
      } catch (error) {
        // A configuration error: 500, so the service retries once it is fixed.
        await report(error, { request, env, ctx: context, webhook: undefined });
        return new Response("internal_error", { status: 500 });
      }
      scopes.set(request, { env, ctx: context });
      return handler(request);
    },
  };
}

function isQueueWorker<Env extends object>(
  options: WebhookWorkerOptions<Env> | WebhookQueueWorkerOptions<Env>,
): options is WebhookQueueWorkerOptions<Env> {
  return options.queue !== undefined;
}
