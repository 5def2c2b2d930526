import { AbortError, BestSMSError, ConnectionError, TimeoutError } from "../errors.js";
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

/**
 * What a middleware hook returns: a replacement, or nothing (a hook with a block body and no
 * `return`, such as a logger, is fine), at once or as a promise.
 */
// biome-ignore lint/suspicious/noConfusingVoidType: `void` lets a hook that returns nothing type-check.
export type Hooked<T> = T | undefined | void | Promise<T | undefined | void>;

/** What every hook of a {@link Middleware} is told about the attempt. */
export interface MiddlewareContext {
  /**
   * The request of this attempt. Its `Authorization` shows `[redacted]` in place of the token
   * unless the middleware has `includeToken: true`.
   */
  readonly request: Request;
  /** The operation (`messaging.sms.sendMessage` …); undefined for `rawClient(client)`. */
  readonly operationId: string | undefined;
  /** 1 for the first attempt, 2 for the first retry … */
  readonly attempt: number;
  /** The id the client made for the call (the response's `X-Request-Id` wins once there is one). */
  readonly requestId: string;
}

/**
 * Hooks around every attempt of every call, retries and `rawClient(client)` included (the shape of
 * openapi-fetch's middleware). `onRequest` may return a new `Request`, or a `Response` to answer
 * without sending; `onResponse` may return another `Response` (read the body of a `clone()`);
 * `onError` sees a failure without an answer and may return a `Response` or another `Error`.
 */
export interface Middleware {
  /**
   * Before each attempt: return a `Request` to send instead, a `Response` to answer without
   * sending, or nothing to go on unchanged.
   */
  onRequest?(context: MiddlewareContext): Hooked<Request | Response>;
  /** After each attempt's answer: return a `Response` to use instead, or nothing. */
  onResponse?(context: MiddlewareContext & { readonly response: Response }): Hooked<Response>;
  /**
   * When an attempt fails without an answer: return a `Response` to use instead, an `Error` to
   * throw instead, or nothing to let the failure go on (retries included).
   */
  onError?(context: MiddlewareContext & { readonly error: unknown }): Hooked<Response | Error>;
  /** Show this middleware the real token in `Authorization`. Default: `[redacted]`. */
  readonly includeToken?: boolean;
}

/** What one client shares across calls. */
export interface HttpContext {
  readonly fetch: typeof fetch;
  /** Headers of every request, `authorization` included; names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  readonly clock: Clock;
  readonly random: () => number;
  readonly logger: Logger | undefined;
  /** Registered with `client.use`, in order. */
  readonly middleware: Middleware[];
  /** Runs the middleware around a fetch; set by `BestSMS`, so the core alone does not carry it. */
  through?: Through;
}

/** See {@link HttpContext.through}. */
export type Through = (
  ctx: HttpContext,
  call: HttpCall,
  url: string,
  init: ThroughInit,
  attemptNumber: number,
) => Promise<Response>;

/**
 * The attempt's request as the middleware runner gets it: headers as the client's record (names
 * in lower case) until a middleware replaces the request, then as its `Headers`.
 */
export type ThroughInit = RequestInit & { headers: Readonly<Record<string, string>> | Headers };

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
  /** The id the client made for this call. */
  readonly requestId: string;
}

/** A response read to the end. */
export interface HttpResult {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The response's `X-Request-Id`, else the call's own. */
  readonly requestId: string;
}

type Outcome =
  | { readonly kind: "response"; readonly result: HttpResult }
  | { readonly kind: FailureKind; readonly error: unknown };

function aborted(call: HttpCall): AbortError {
  return new AbortError(`${call.operationId ?? call.method}: aborted by the caller`, {
    operationId: call.operationId,
    requestId: call.requestId,
    cause: call.signal?.reason,
  });
}

async function attempt(ctx: HttpContext, call: HttpCall, attemptNumber: number): Promise<Outcome> {
  const controller = new AbortController();
  let timedOut = false;
  const cancelTimer = ctx.clock.setTimer(call.timeoutMs, () => {
    timedOut = true;
    controller.abort();
  });
  const onAbort = (): void => controller.abort(call.signal?.reason);
  call.signal?.addEventListener("abort", onAbort, { once: true });
  try {
    const headers = call.headers ? { ...ctx.headers, ...call.headers } : ctx.headers;
    const init: ThroughInit = { method: call.method, headers, signal: controller.signal };
    if (call.body !== undefined) init.body = call.body;
    const response =
      ctx.middleware.length === 0 || !ctx.through
        ? await ctx.fetch(call.url, init)
        : await ctx.through(ctx, call, call.url, init, attemptNumber);
    // Read the whole body inside the attempt, so a stalled body is a timeout too.
    const text = await response.text();
    return {
      kind: "response",
      result: {
        status: response.status,
        headers: response.headers,
        text,
        requestId: response.headers.get("x-request-id") ?? call.requestId,
      },
    };
  } catch (error) {
    if (call.signal?.aborted) throw aborted(call);
    // A middleware hook that threw: the caller's own code, not the connection.
    if (error instanceof BestSMSError) throw error;
    if (timedOut) return { kind: "timeout", error };
    return { kind: isConnectionRefused(error) ? "refused" : "network", error };
  } finally {
    cancelTimer();
    call.signal?.removeEventListener("abort", onAbort);
  }
}

/** `host:port` of a URL, the port spelled out. */
function hostPort(url: string): string {
  // The URL was built from a base URL the client parsed, or by openapi-fetch from one.
  const u = new URL(url);
  return `${u.hostname}:${u.port || (u.protocol === "http:" ? 80 : 443)}`;
}

/** The runtime's words for a failed fetch, with the code of its cause (`ECONNREFUSED`). */
function errorText(error: Error): string {
  const code = (error.cause as { code?: unknown } | undefined)?.code;
  return typeof code === "string" ? `${error.message} (${code})` : error.message;
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
    const outcome = await attempt(ctx, call, retries + 1);
    const fields = {
      operationId: call.operationId,
      requestId: outcome.kind === "response" ? outcome.result.requestId : call.requestId,
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
        const tries = `${retries + 1} attempt${retries === 0 ? "" : "s"}`;
        if (outcome.kind === "timeout") {
          throw new TimeoutError(`${name}: no response within ${call.timeoutMs} ms (${tries})`, {
            operationId: call.operationId,
            requestId: call.requestId,
            timeoutMs: call.timeoutMs,
          });
        }
        const what =
          outcome.kind === "refused" ? "could not connect to" : "the connection failed to";
        const why = outcome.error instanceof Error ? `: ${errorText(outcome.error)}` : "";
        throw new ConnectionError(`${name}: ${what} ${hostPort(call.url)} after ${tries}${why}`, {
          operationId: call.operationId,
          requestId: call.requestId,
          cause: outcome.error,
        });
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
