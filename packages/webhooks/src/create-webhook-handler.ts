import { createMemoryDedupeStore, type DedupeStore } from "./dedupe-store.js";
import { formatOf } from "./internal/content-type.js";
import { DEFAULT_MAX_BYTES } from "./internal/decode-body.js";
import { parseBody } from "./internal/parse-body.js";
import { readBody } from "./internal/read-body.js";
import { positiveWhole, requireToken } from "./internal/token.js";
import type {
  ParsedReceivedWebhook,
  ParsedStatusWebhook,
  ParsedWebhook,
  UnknownWebhook,
} from "./parsed-webhook.js";
import { verifyFailure } from "./verify-webhook.js";
import { webhookEventKey } from "./webhook-event-key.js";
import { WebhookParseError } from "./webhook-parse-error.js";
import type { WebhookXmlParser } from "./webhook-xml-parser.js";

/** What a callback gets besides the webhook. */
export interface WebhookContext {
  /** The incoming request; its body has been read. */
  request: Request;
}

/** A callback for one kind of webhook. Throwing (or rejecting) answers 500, so BestSMS retries. */
export type WebhookCallback<W> = (webhook: W, context: WebhookContext) => void | Promise<void>;

/** Options of the handler's duplicate suppression. */
export interface DedupeOptions {
  /** Where claims live. Default: {@link createMemoryDedupeStore} with the handler's `now`. */
  store?: DedupeStore | undefined;
  /**
   * How long a handled event is remembered, a positive whole number of milliseconds. Default
   * 25 hours: BestSMS retries for 24.
   */
  ttlMs?: number | undefined;
  /**
   * With a store that can `confirm`: how long an event being handled stays claimed. Default
   * 4 minutes, under the service's 5 between retries, so the retry of an event whose receiver
   * died mid-callback is handled. Keep it above your callbacks' longest run. A positive whole
   * number of milliseconds.
   */
  leaseMs?: number | undefined;
}

/** Options of {@link createWebhookHandler}. */
export interface WebhookHandlerOptions {
  /**
   * Your webhook token, compared in constant time. Surrounding whitespace is trimmed (as it is
   * from the presented token); one that is empty or only whitespace throws a TypeError.
   */
  token: string;
  /** Called for each status report (`Type: SMS`). */
  onStatus: WebhookCallback<ParsedStatusWebhook>;
  /** Called for each received SMS (`Type: SMSReply` or `SMSInbound`). */
  onReceived: WebhookCallback<ParsedReceivedWebhook>;
  /** Called for a `Type` the spec does not name; without it such webhooks get 400. */
  onUnknown?: WebhookCallback<UnknownWebhook> | undefined;
  /**
   * Told when a callback or the dedupe store throws; the answer is then 500 (BestSMS retries).
   * Without it the error is reported nowhere: nothing is logged.
   */
  onError?:
    | ((
        error: unknown,
        context: WebhookContext & { webhook: ParsedWebhook | UnknownWebhook | undefined },
      ) => void | Promise<void>)
    | undefined;
  /** The largest body read, a positive whole number of bytes. Default 256 KiB. */
  maxBodyBytes?: number | undefined;
  /** Suppress repeats of an event: `true` for an in-memory store, or your own store. Default off. */
  dedupe?: boolean | DedupeOptions | undefined;
  /**
   * If set, refuse webhooks whose `X-Timestamp` is further than this from `now()`: a positive
   * whole number of milliseconds.
   */
  maxSkewMs?: number | undefined;
  /** The clock, in milliseconds since the epoch, for skew and the in-memory store. */
  now?: (() => number) | undefined;
  /** XML support: `xmlParser` from `@bestsms/webhooks/xml`. Without it XML bodies get 415. */
  xml?: WebhookXmlParser | undefined;
}

/** A fetch-style handler, as Cloudflare Workers, Deno, Bun and Node adapters take. */
export type WebhookHandler = (request: Request) => Promise<Response>;

/**
 * Creates a fetch handler that receives BestSMS webhooks. It checks, in order: method (405),
 * Content-Type (415), size (413, from Content-Length and then while reading), a token in
 * `Authorization` (401, before the body is read), the body (400), else the body's token (401);
 * then it answers repeats (200) and calls your callback (200, or 500 if it throws, told to
 * `onError` and to nothing else). It never rejects and never echoes the request. A bad option
 * (a blank `token`, or a number option that is not a positive whole number, such as NaN from
 * `Number(process.env.UNSET)`) throws a TypeError naming it.
 *
 * @example
 * export default {
 *   fetch: createWebhookHandler({
 *     token: "my-webhook-token",
 *     onStatus: (webhook) => console.log(webhook.payload.MessageID, webhook.payload.Status),
 *     onReceived: (webhook) => console.log(webhook.payload.Destination, webhook.payload.Message),
 *     onError: (error) => console.error("webhook failed", error),
 *   }),
 * };
 */
export function createWebhookHandler(options: WebhookHandlerOptions): WebhookHandler {
  const { xml, now, onUnknown, onError, maxSkewMs } = options;
  const token = requireToken(options.token);
  const maxBytes = positiveWhole("maxBodyBytes", options.maxBodyBytes ?? DEFAULT_MAX_BYTES);
  if (maxSkewMs !== undefined) positiveWhole("maxSkewMs", maxSkewMs);
  const verifyOptions = { token, maxSkewMs, now };
  const dedupe = options.dedupe === true ? {} : options.dedupe || undefined;
  const store = dedupe && (dedupe.store ?? createMemoryDedupeStore({ now }));
  const ttlMs = positiveWhole("dedupe.ttlMs", dedupe?.ttlMs ?? 25 * 3_600_000);
  const leaseMs = store?.confirm
    ? positiveWhole("dedupe.leaseMs", dedupe?.leaseMs ?? 240_000)
    : ttlMs;

  return async (request) => {
    const { body, headers } = request;
    const format = formatOf(headers.get("content-type"), xml);
    let webhook: ParsedWebhook | UnknownWebhook | undefined;
    let claimed: string | undefined;
    try {
      // A token in the header is checked before the body is read; without one ("missing_token"),
      // the body's is checked after.
      const early = verifyFailure(verifyOptions, headers);
      const refusal: [number, string] | undefined =
        request.method !== "POST"
          ? [405, "method_not_allowed"]
          : format === undefined
            ? [415, "unsupported_content_type"]
            : Number(headers.get("content-length")) > maxBytes
              ? [413, "too_large"]
              : early && early !== "missing_token"
                ? [401, "unauthorized"]
                : undefined;
      // An unread body needs no cancelling: the runtime drops it with the request.
      if (refusal) return answer(...refusal);
      let bytes: Uint8Array | undefined;
      try {
        bytes = await readBody(body, maxBytes);
      } catch {
        return answer(400, "unreadable_body");
      }
      if (!bytes) return answer(413, "too_large");
      try {
        webhook = parseBody(bytes, format, maxBytes, xml);
      } catch (error) {
        // Not too_large: the body was read within the same limit.
        const reason = error instanceof WebhookParseError ? error.reason : "invalid_body";
        return answer(reason === "unsupported_content_type" ? 415 : 400, reason);
      }
      if (early && verifyFailure(verifyOptions, headers, webhook.payload)) {
        return answer(401, "unauthorized");
      }
      if (webhook.kind === "unknown" && !onUnknown) return answer(400, "unknown_type");
      const key = store && (await webhookEventKey(webhook.payload));
      if (store && key && !(await store.claim(key, leaseMs))) return answer(200, "duplicate");
      claimed = key;
      const context = { request };
      if (webhook.kind === "status") await options.onStatus(webhook, context);
      else if (webhook.kind === "received") await options.onReceived(webhook, context);
      else await onUnknown?.(webhook, context);
      // Handled: remember it for the whole window. Should that fail, the lease still ends and a
      // retry is handled again, rather than an event lost.
      if (key) await settle(() => store?.confirm?.(key, ttlMs));
      return answer(200, "ok");
    } catch (error) {
      // Unclaim, so the service's retry is handled rather than taken for a repeat. A failing
      // store or error reporter must not change the answer.
      const key = claimed;
      if (store && key) await settle(() => store.release(key));
      await settle(() => onError?.(error, { request, webhook }));
      return answer(500, "internal_error");
    }
  };
}

/** Runs a side task whose failure must not change the answer. */
async function settle(task: () => unknown): Promise<void> {
  try {
    await task();
  } catch {
    // Nothing to do: the answer is already decided.
  }
}

/**
 * A tiny plain-text answer: a reason word, never anything from the request. A string body makes
 * the Content-Type `text/plain;charset=UTF-8` by itself.
 */
function answer(status: number, reason: string): Response {
  return new Response(reason, { status, headers: status === 405 ? { allow: "POST" } : {} });
}
