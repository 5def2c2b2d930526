import type { paths } from "@bestsms/validation";
import createClient, { type Client } from "openapi-fetch";
import type { BestSMSCore } from "./core.js";
import { newRequestId } from "./internal/call.js";
import { send } from "./internal/http.js";
import { stateOf } from "./internal/state.js";

const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/** One raw client per client, so middleware added to it with `use` stays on it. */
const made = /* @__PURE__ */ new WeakMap<BestSMSCore, Client<paths>>();

/**
 * The typed [openapi-fetch](https://openapi-ts.dev/openapi-fetch/) client over a client's
 * connection policy: its token, base URL, timeouts, retries and middleware. For calling a path
 * directly, by the wire's names. A function rather than a property of the client, so a program
 * that never calls it does not carry openapi-fetch; it takes a `BestSMS` or a `BestSMSCore`, and
 * returns the same openapi-fetch client for the same client each time.
 *
 * @example
 * ```ts
 * import { BestSMS, rawClient } from "@bestsms/client";
 * const client = new BestSMS({ authToken: process.env.BESTSMS_AUTH_TOKEN ?? "" });
 * const raw = rawClient(client);
 * const { data, error } = await raw.GET("/get/status/{MessageID}", {
 *   params: { path: { MessageID: "ID123456" } },
 * });
 * ```
 */
export function rawClient(client: BestSMSCore): Client<paths> {
  const state = stateOf(client);
  const known = made.get(client);
  if (known !== undefined) return known;
  const rawFetch = async (request: Request): Promise<Response> => {
    const body = request.body === null ? undefined : await request.text();
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      if (name !== "authorization") headers[name] = value;
    });
    const result = await send(state.http, {
      operationId: undefined,
      method: request.method,
      url: request.url,
      body,
      headers,
      retry: request.method === "POST" ? "unsafe" : "safe",
      timeoutMs: state.timeoutMs,
      maxRetries: state.maxRetries,
      signal: request.signal,
      requestId: newRequestId(),
    });
    return new Response(NULL_BODY_STATUSES.has(result.status) ? null : result.text, {
      status: result.status,
      headers: result.headers,
    });
  };
  const raw = createClient<paths>({ baseUrl: state.baseUrl, fetch: rawFetch });
  made.set(client, raw);
  return raw;
}
