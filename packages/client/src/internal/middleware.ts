// The middleware runner: only `BestSMS` installs it (`state.http.through`), so a Worker built on
// `BestSMSCore` and one standalone function does not carry it.
import { BestSMSError } from "../errors.js";
import type { HttpCall, HttpContext, Middleware, MiddlewareContext, ThroughInit } from "./http.js";

const REDACTED = "[redacted]";

/**
 * What a hook is told: the attempt, and the request it would send, made only when the hook
 * reads it (a `Request` costs more than the rest of a call), with the token replaced unless the
 * middleware asked for it. `seen()` is that request, if it was made.
 */
function contextFor<Extra extends object>(
  m: Middleware,
  base: Omit<MiddlewareContext, "request">,
  url: string,
  init: ThroughInit,
  extra?: Extra,
): { context: MiddlewareContext & Extra; seen: () => Request | undefined } {
  let view: Request | undefined;
  // Written out, not spread: an object literal of fixed fields is made several times faster.
  const context = {
    operationId: base.operationId,
    attempt: base.attempt,
    requestId: base.requestId,
    get request(): Request {
      if (view === undefined) {
        const headers = new Headers(init.headers);
        const auth = headers.get("authorization");
        if (!m.includeToken && auth !== null) {
          headers.set("authorization", `${auth.split(" ")[0] ?? ""} ${REDACTED}`);
        }
        view = new Request(url, { ...init, headers });
      }
      return view;
    },
  };
  if (extra) Object.assign(context, extra);
  return { context: context as MiddlewareContext & Extra, seen: () => view };
}

/** Runs the middleware around one fetch; without any, the fetch itself. */
export async function fetchThrough(
  ctx: HttpContext,
  call: HttpCall,
  url: string,
  init: ThroughInit,
  attemptNumber: number,
): Promise<Response> {
  const list = ctx.middleware;
  // A hook ends when the attempt does (its time limit, the caller's abort), answered or not; one
  // that throws fails the call at once, as itself, not as a connection to retry. A hook that
  // answers at once (most do) costs no promise here.
  const signal = init.signal as AbortSignal;
  let stopped: Promise<never> | undefined;
  const run = <T>(name: string, hook: () => T): T | Promise<T> => {
    // Once the attempt has ended (onError after its time limit), a hook may still answer it.
    const ended = signal.aborted;
    const fail = (error: unknown): never => {
      // The SDK's own errors (a hook may throw a ValidationError on purpose) pass as they are.
      if ((signal.aborted && !ended) || error instanceof BestSMSError) throw error;
      throw new BestSMSError(`${call.operationId ?? call.method}: middleware ${name} threw`, {
        operationId: call.operationId,
        requestId: call.requestId,
        cause: error,
      });
    };
    try {
      const out = hook();
      if (!(out instanceof Promise)) return out;
      stopped ??= new Promise<never>((_, reject) => {
        signal.addEventListener("abort", () => reject(signal.reason), { once: true });
      });
      return (ended ? out : Promise.race([out, stopped])).catch(fail) as Promise<T>;
    } catch (error) {
      return fail(error);
    }
  };
  // The client's own headers: a record, names in lower case.
  const auth = (init.headers as Readonly<Record<string, string>>).authorization ?? null;
  const base = { operationId: call.operationId, attempt: attemptNumber, requestId: call.requestId };
  let answered: Response | undefined;
  for (const m of list) {
    if (!m.onRequest) continue;
    const { context, seen } = contextFor(m, base, url, init);
    const out = (await run("onRequest", () => m.onRequest?.(context))) ?? seen();
    // Neither replaced nor looked at: the attempt goes on as it was.
    if (out === undefined) continue;
    if (out instanceof Response) {
      answered = out;
      break;
    }
    const headers = new Headers(out.headers);
    // A redacted token put back as it was; a header the middleware set itself is kept.
    if (auth !== null && headers.get("authorization")?.endsWith(REDACTED)) {
      headers.set("authorization", auth);
    }
    init = { ...init, headers };
    // The request it was shown keeps the attempt's URL, method and body (headers may change).
    if (out === seen()) continue;
    url = out.url;
    const body = out.body === null ? undefined : await out.text();
    init.method = out.method;
    if (body === undefined) delete init.body;
    else init.body = body;
  }
  let response: Response;
  if (answered) response = answered;
  else {
    try {
      response = await ctx.fetch(url, init);
    } catch (error) {
      let replaced: Response | undefined;
      for (const m of list) {
        if (!m.onError) continue;
        const { context } = contextFor(m, base, url, init, { error });
        const out = await run("onError", () => m.onError?.(context));
        if (out instanceof Response) {
          replaced = out;
          break;
        }
        if (out instanceof Error) throw out;
      }
      if (!replaced) throw error;
      response = replaced;
    }
  }
  for (let i = list.length - 1; i >= 0; i--) {
    const m = list[i] as Middleware;
    if (!m.onResponse) continue;
    const { context } = contextFor(m, base, url, init, { response });
    const out = await run("onResponse", () => m.onResponse?.(context));
    if (out instanceof Response) response = out;
  }
  return response;
}
