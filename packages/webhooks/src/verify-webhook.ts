import { timingSafeEqual } from "./internal/constant-time.js";
import { ownString } from "./internal/fields.js";
import { headerValue } from "./internal/headers.js";
import { parseRfc3339 } from "./internal/rfc3339.js";
import { headerToken, positiveWhole, requireToken } from "./internal/token.js";

/** What {@link verifyWebhook} looks at. */
export interface VerifyWebhookInput {
  /** The request headers: `Authorization` and, when skew is bounded, `X-Timestamp`. */
  headers: Headers | Record<string, string>;
  /** The parsed payload, whose `APIKey` or `AuthToken` counts when `Authorization` is absent. */
  payload?: { readonly [field: string]: unknown } | undefined;
}

/** Options of {@link verifyWebhook}. */
export interface VerifyWebhookOptions {
  /**
   * Your webhook token. It is compared in constant time, never logged or returned. Surrounding
   * whitespace is trimmed; one that is empty or only whitespace throws a TypeError.
   */
  token: string;
  /**
   * If set, refuse webhooks whose `X-Timestamp` is further than this from `now()`: a positive
   * whole number of milliseconds (anything else throws a TypeError).
   */
  maxSkewMs?: number | undefined;
  /** The clock, in milliseconds since the epoch. Default `Date.now`. */
  now?: (() => number) | undefined;
}

/** Why {@link verifyWebhook} refused a webhook. */
export type VerifyWebhookFailure = "missing_token" | "bad_token" | "stale" | "bad_timestamp";

/** The outcome of {@link verifyWebhook}. */
export type VerifyWebhookResult =
  | {
      /** `true`: the webhook carries your token (and, with `maxSkewMs`, a recent `X-Timestamp`). */
      ok: true;
    }
  | {
      /** `false`: refuse the webhook. */
      ok: false;
      /** Why it was refused. */
      reason: VerifyWebhookFailure;
    };

/**
 * Checks that a webhook carries your token. BestSMS webhooks are not signed, so this compares
 * the shared token (in constant time) and can bound the `X-Timestamp` skew; accept webhooks
 * over HTTPS only.
 *
 * The token is read from `Authorization` (raw, `Basic <token>` or `Bearer <token>`); only when
 * that header is absent or empty does the payload's `APIKey`, else `AuthToken`, count. With
 * `maxSkewMs`, a missing or malformed `X-Timestamp` is `bad_timestamp`, one too far off `stale`.
 *
 * @example
 * const result = await verifyWebhook({ headers: request.headers, payload: webhook.payload }, {
 *   token: env.BESTSMS_WEBHOOK_TOKEN,
 * });
 * if (!result.ok) return new Response("unauthorized", { status: 401 });
 */
export async function verifyWebhook(
  input: VerifyWebhookInput,
  options: VerifyWebhookOptions,
): Promise<VerifyWebhookResult> {
  const token = requireToken(options.token);
  if (options.maxSkewMs !== undefined) positiveWhole("maxSkewMs", options.maxSkewMs);
  const reason = verifyFailure({ ...options, token }, input.headers, input.payload);
  return reason ? { ok: false, reason } : { ok: true };
}

/**
 * Why a webhook fails {@link verifyWebhook}, or `undefined` when it passes. The options are
 * taken as already checked (the token trimmed and not empty).
 */
export function verifyFailure(
  { token, maxSkewMs, now = Date.now }: VerifyWebhookOptions,
  headers: VerifyWebhookInput["headers"],
  payload?: VerifyWebhookInput["payload"],
): VerifyWebhookFailure | undefined {
  const presented =
    headerToken(headers) ?? ownString(payload, "APIKey") ?? ownString(payload, "AuthToken");
  if (presented === undefined) return "missing_token";
  if (!timingSafeEqual(presented, token)) return "bad_token";
  if (maxSkewMs !== undefined) {
    const sentAt = parseRfc3339(headerValue(headers, "x-timestamp")?.trim());
    if (sentAt === undefined) return "bad_timestamp";
    if (!(Math.abs(now() - sentAt) <= maxSkewMs)) return "stale";
  }
  return undefined;
}
