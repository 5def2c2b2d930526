import { createWebhookHandler, type WebhookHandlerOptions } from "@bestsms/webhooks";
import { type DenoHttpServer, type DenoNetAddr, denoNamespace } from "./deno-types.js";

/** Options of {@link serveWebhooks}: the handler's, and where to listen. */
export type ServeWebhooksOptions = WebhookHandlerOptions & {
  /** Default: Deno's, 8000. `0` picks a free port (read it from `server.addr.port`). */
  port?: number | undefined;
  /** Default: Deno's, `0.0.0.0`. */
  hostname?: string | undefined;
  /** The one path webhooks are taken at, e.g. `/webhooks`; others get 404. Default: every path. */
  path?: string | undefined;
  /** Aborting it shuts the server down. */
  signal?: AbortSignal | undefined;
  /** Called once listening. Default: Deno prints the address. */
  onListen?: ((addr: DenoNetAddr) => void) | undefined;
};

/**
 * Receives BestSMS webhooks on `Deno.serve` (needs `--allow-net`): the `@bestsms/webhooks`
 * handler behind an HTTP server, answering 404 off `path`.
 *
 * @example
 * ```ts
 * const server = serveWebhooks({
 *   token: Deno.env.get("BESTSMS_WEBHOOK_TOKEN") ?? "",
 *   path: "/webhooks",
 *   onStatus: ({ payload }) => console.log(payload.MessageID, payload.Status),
 *   onReceived: ({ payload }) => console.log(payload.Message),
 * });
 * await server.finished;
 * ```
 */
export function serveWebhooks(options: ServeWebhooksOptions): DenoHttpServer {
  const { port, hostname, path, signal, onListen, ...handlerOptions } = options;
  const handler = createWebhookHandler(handlerOptions);
  return denoNamespace().serve({
    ...(port === undefined ? {} : { port }),
    ...(hostname === undefined ? {} : { hostname }),
    ...(signal === undefined ? {} : { signal }),
    ...(onListen === undefined ? {} : { onListen }),
    // The handler never rejects; this covers anything else, without details.
    onError: () => new Response("internal_error", { status: 500 }),
    handler: (request) =>
      path === undefined || new URL(request.url).pathname === path
        ? handler(request)
        : new Response("not_found", { status: 404 }),
  });
}
