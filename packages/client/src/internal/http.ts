import { AbortError, ConnectionError, TimeoutError } from "../errors.js";
import { type Clock, sleep } from "./clock.js";
import {
  backoffMs,
  type FailureKind,
  isConnectionRefused,
  type RetryClass,
  retriesAnswer,
  retriesFailure,
  retryAfterMs,
} from "./retry.js";

/** Where the client's log lines go. Each method is optional; none receives a secret. */
export interface Logger {
  /** Every response: `operationId`, `method`, `url`, `attempt`, `durationMs` and `status`. */
  debug?(message: string, fields: Readonly<Record<string, unknown>>): void;
  /** A retry about to happen: the same fields, `reason`, and `delayMs` the client waits first. */
  info?(message: string, fields: Readonly<Record<string, unknown>>): void;
  /** The last attempt failed without an answer (`reason`: refused, network, timeout); the call throws. */
  warn?(message: string, fields: Readonly<Record<string, unknown>>): void;
  /** Not called by the client today; there for loggers that forward every level. */
  error?(message: string, fields: Readonly<Record<string, unknown>>): void;
}

/** What one client shares across calls. */
export interface HttpContext {
  readonly fetch: typeof fetch;
  /** Headers of every request, `authorization` included; names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  readonly clock: Clock;
  readonly random: () => number;
  readonly logger: Logger | undefined;
}

/** One call, however many attempts it takes. */
export interface HttpCall {
  readonly operationId: string | undefined;
  readonly method: string;
  readonly url: string;
  readonly body: string | undefined;
  /** Whether the call may be repeated after any retryable failure (see {@link RetryClass}). */
  readonly retry: RetryClass;
  readonly timeoutMs: number;
  readonly maxRetries: number;
  readonly signal: AbortSignal | undefined;
  /** Headers of this call (names in lower case); they replace the client's of the same name. */
  readonly headers?: Readonly<Record<string, string>> | undefined;
}

/** A response read to the end. */
export interface HttpResult {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
}

type Outcome =
  | { readonly kind: "response"; readonly result: HttpResult }
  | { readonly kind: FailureKind; readonly error: unknown };

function aborted(call: HttpCall): AbortError {
  return new AbortError(`${call.operationId ?? call.method}: aborted by the caller`, {
    operationId: call.operationId,
    cause: call.signal?.reason,
  });
}

async function attempt(ctx: HttpContext, call: HttpCall): Promise<Outcome> {
  const controller = new AbortController();
  let timedOut = false;
  const cancelTimer = ctx.clock.setTimer(call.timeoutMs, () => {
    timedOut = true;
    controller.abort();
  });
  const onAbort = (): void => controller.abort(call.signal?.reason);
  call.signal?.addEventListener("abort", onAbort, { once: true });
  try {
    const init: RequestInit = {
      method: call.method,
      headers: call.headers ? { ...ctx.headers, ...call.headers } : ctx.headers,
      signal: controller.signal,
    };
    if (call.body !== undefined) init.body = call.body;
    const response = await ctx.fetch(call.url, init);
    // Read the whole body inside the attempt, so a stalled body is a timeout too.
    const text = await response.text();
    return {
      kind: "response",
      result: { status: response.status, headers: response.headers, text },
    };
  } catch (error) {
    if (call.signal?.aborted) throw aborted(call);
    if (timedOut) return { kind: "timeout", error };
    return { kind: isConnectionRefused(error) ? "refused" : "network", error };
  } finally {
    cancelTimer();
    call.signal?.removeEventListener("abort", onAbort);
  }
}

/**
 * Sends a call, retrying with backoff and jitter as its `retry` class allows; honours
 * `Retry-After`; stops at once when the caller's signal aborts. Returns the last response
 * (whatever its status) or throws ConnectionError, TimeoutError or AbortError.
 */
export async function send(ctx: HttpContext, call: HttpCall): Promise<HttpResult> {
  for (let retries = 0; ; retries++) {
    if (call.signal?.aborted) throw aborted(call);
    const started = ctx.clock.now();
    const outcome = await attempt(ctx, call);
    const fields = {
      operationId: call.operationId,
      method: call.method,
      url: call.url,
      attempt: retries + 1,
      durationMs: ctx.clock.now() - started,
    };
    let delay: number | undefined;
    let reason: string;
    if (outcome.kind === "response") {
      const { status, headers } = outcome.result;
      ctx.logger?.debug?.("bestsms response", { ...fields, status });
      if (!retriesAnswer(status, call.retry) || retries >= call.maxRetries) return outcome.result;
      delay = retryAfterMs(headers.get("retry-after"), ctx.clock) ?? backoffMs(retries, ctx.random);
      reason = `status ${status}`;
    } else {
      if (!retriesFailure(outcome.kind, call.retry) || retries >= call.maxRetries) {
        ctx.logger?.warn?.("bestsms request failed", { ...fields, reason: outcome.kind });
        const name = call.operationId ?? `${call.method} ${call.url}`;
        if (outcome.kind === "timeout") {
          throw new TimeoutError(`${name}: no response within ${call.timeoutMs} ms`, {
            operationId: call.operationId,
            timeoutMs: call.timeoutMs,
          });
        }
        throw new ConnectionError(
          `${name}: ${outcome.kind === "refused" ? "could not connect" : "the connection failed"}`,
          { operationId: call.operationId, cause: outcome.error },
        );
      }
      delay = backoffMs(retries, ctx.random);
      reason = outcome.kind;
    }
    ctx.logger?.info?.("bestsms retry", { ...fields, reason, delayMs: delay });
    try {
      await sleep(ctx.clock, delay, call.signal);
    } catch {
      throw aborted(call);
    }
  }
}
