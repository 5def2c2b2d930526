// The middleware runner: only `BestSMS` installs it (`state.http.through`), so a Worker built on
// `BestSMSCore` and one standalone function does not carry it.
import type { HttpCall, HttpContext, Middleware } from "./http.js";

const REDACTED = "[redacted]";

/** The request a middleware sees: the token replaced unless it asked for it. */
function viewFor(m: Middleware, url: string, init: RequestInit & { headers: Headers }): Request {
  const headers = new Headers(init.headers);
  const auth = headers.get("authorization");
  if (!m.includeToken && auth !== null) {
    headers.set("authorization", `${auth.split(" ")[0] ?? ""} ${REDACTED}`);
  }
  return new Request(url, { ...init, headers });
}

/** Runs the middleware around one fetch; without any, the fetch itself. */
export async function fetchThrough(
  ctx: HttpContext,
  call: HttpCall,
  url: string,
  init: RequestInit & { headers: Headers },
  attemptNumber: number,
): Promise<Response> {
  const list = ctx.middleware;
  const auth = init.headers.get("authorization");
  const base = { operationId: call.operationId, attempt: attemptNumber, requestId: call.requestId };
  let answered: Response | undefined;
  for (const m of list) {
    if (!m.onRequest) continue;
    const view = viewFor(m, url, init);
    const out = (await m.onRequest({ ...base, request: view })) ?? view;
    if (out instanceof Response) {
      answered = out;
      break;
    }
    const headers = new Headers(out.headers);
    // A redacted token put back as it was; a header the middleware set itself is kept.
    if (auth !== null && headers.get("authorization")?.endsWith(REDACTED)) {
      headers.set("authorization", auth);
    }
    url = out.url;
    const body = out.body === null ? undefined : await out.text();
    init = { ...init, method: out.method, headers };
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
        const out = await m.onError({ ...base, request: viewFor(m, url, init), error });
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
    const out = await m.onResponse({ ...base, request: viewFor(m, url, init), response });
    if (out instanceof Response) response = out;
  }
  return response;
}
