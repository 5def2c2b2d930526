import type { paths } from "@bestsms/validation";
import createClient, { type Client } from "openapi-fetch";
import { newRequestId } from "./internal/call.js";
import { send } from "./internal/http.js";
import { stateOf } from "./internal/state.js";

const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/**
 * The typed openapi-fetch client over a client's connection policy (token, timeouts, retries,
 * middleware): `client.raw`.
 */
export function createRawClient(client: object): Client<paths> {
  const state = stateOf(client);
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
  return createClient<paths>({ baseUrl: state.baseUrl, fetch: rawFetch });
}
