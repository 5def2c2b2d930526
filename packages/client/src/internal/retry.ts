// Every retry decision of the client: which answers and which failures are tried again, for a
// call that is safe to repeat and for one that is not, and what a later attempt may pass.
import { ApiError, ConnectionError, TimeoutError } from "../errors.js";
import type { Clock } from "./clock.js";

/** Longest wait a `Retry-After` may impose. */
export const MAX_RETRY_AFTER_MS = 60_000;
const BASE_DELAY_MS = 500;
const MAX_DELAY_MS = 8_000;

/** Statuses worth another attempt when the request is safe to repeat. */
function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/** Statuses that say the service did not act on the request: safe to retry even a send. */
function isNotActedOn(status: number): boolean {
  return status === 429 || status === 503;
}

/**
 * `safe`: may be repeated after any retryable failure. `unsafe` (a send or a create): repeated
 * only when the service cannot have acted on it (connection refused, 429, 503).
 */
export type RetryClass = "safe" | "unsafe";

/** How an attempt failed without an answer. */
export type FailureKind = "refused" | "network" | "timeout";

/** Whether an answer with this status is worth another attempt of a call of this class. */
export function retriesAnswer(status: number, retry: RetryClass): boolean {
  return isRetryableStatus(status) && (retry === "safe" || isNotActedOn(status));
}

/** Whether an attempt that got no answer is worth another attempt of a call of this class. */
export function retriesFailure(kind: FailureKind, retry: RetryClass): boolean {
  return retry === "safe" || kind === "refused";
}

/**
 * Whether a call that threw `error` failed on something a later attempt of a safe call may pass:
 * no answer at all (ConnectionError, TimeoutError), or an answer {@link retriesAnswer} retries.
 */
export function isRetryableError(error: unknown): boolean {
  if (error instanceof ApiError) return retriesAnswer(error.status, "safe");
  // A ConnectionError is a refused or broken connection: either way no answer came.
  const kind: FailureKind | undefined =
    error instanceof TimeoutError
      ? "timeout"
      : error instanceof ConnectionError
        ? "network"
        : undefined;
  return kind !== undefined && retriesFailure(kind, "safe");
}

/** Exponential backoff, 0.5 s doubling to 8 s, less up to a quarter at random. */
export function backoffMs(retry: number, random: () => number): number {
  const base = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** retry);
  return Math.round(base * (1 - 0.25 * random()));
}

/** `Retry-After` in seconds or as an HTTP date, capped at 60 s; undefined when absent or bad. */
export function retryAfterMs(value: string | null, clock: Clock): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  let ms: number;
  if (/^\d+(\.\d+)?$/.test(trimmed)) ms = Number(trimmed) * 1000;
  else {
    // An HTTP date names its day and month; `-5` or `1e3` would parse as some year.
    const at = Date.parse(/[a-z]/i.test(trimmed) ? trimmed : "");
    if (Number.isNaN(at)) return undefined;
    ms = at - clock.now();
  }
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, Math.round(ms)));
}

/** True when a fetch error means the connection was never made, so nothing was sent. */
export function isConnectionRefused(error: unknown): boolean {
  const seen = new Set<unknown>();
  const stack: unknown[] = [error];
  while (stack.length > 0) {
    const current = stack.pop();
    if (current === null || typeof current !== "object" || seen.has(current)) continue;
    seen.add(current);
    const { code, message, cause, errors } = current as {
      code?: unknown;
      message?: unknown;
      cause?: unknown;
      errors?: unknown;
    };
    if (
      typeof code === "string" &&
      /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ConnectionRefused)$/.test(code)
    ) {
      return true;
    }
    if (
      typeof message === "string" &&
      /ECONNREFUSED|connection refused|ConnectionRefused/i.test(message)
    ) {
      return true;
    }
    stack.push(cause);
    if (Array.isArray(errors)) stack.push(...errors);
  }
  return false;
}
