/// <reference types="bun-types" />
import { createWebhookHandler, type WebhookHandlerOptions } from "@bestsms/webhooks";
import { bunRuntime } from "./internal/bun-runtime.js";

/** Options of {@link serveWebhooks}: the handler's, and where to listen. */
export type ServeWebhooksOptions = WebhookHandlerOptions & {
  /** Default: Bun's (`$PORT`, else 3000). `0` picks a free port (read it from `server.port`). */
  port?: number | undefined;
  /** Default: Bun's, `0.0.0.0`. */
  hostname?: string | undefined;
  /** The one path webhooks are taken at, e.g. `/webhooks`; others get 404. Default: every path. */
  path?: string | undefined;
};

/**
 * The server {@link serveWebhooks} starts: the part of Bun's `Server` most callers need, typed
 * here so that these declarations do not need Bun's types.
 */
export interface WebhookServer {
  /** The port it listens on. */
  readonly port: number;
  /** The hostname it listens on. */
  readonly hostname: string;
  /** Its URL, e.g. `http://localhost:3000/`. */
  readonly url: URL;
  /** Stops listening; with `true`, also drops the connections under way. */
  stop(closeActiveConnections?: boolean): Promise<void>;
}

/**
 * Receives BestSMS webhooks on `Bun.serve`: the `@bestsms/webhooks` handler behind an HTTP
 * server, answering 404 off `path`.
 *
 * @example
 * ```ts
 * const server = serveWebhooks({
 *   token: Bun.env.BESTSMS_WEBHOOK_TOKEN ?? "",
 *   path: "/webhooks",
 *   onStatus: ({ payload }) => console.log(payload.MessageID, payload.Status),
 *   onReceived: ({ payload }) => console.log(payload.Message),
 * });
 * console.log(`webhooks on ${server.url}`);
 * ```
 */
export function serveWebhooks(options: ServeWebhooksOptions): WebhookServer {
  const { port, hostname, path, ...handlerOptions } = options;
  const handler = createWebhookHandler(handlerOptions);
  const server = bunRuntime().serve({
    ...(port === undefined ? {} : { port }),
    ...(hostname === undefined ? {} : { hostname }),
    fetch: (request) =>
      path === undefined || new URL(request.url).pathname === path
        ? handler(request)
        : new Response("not_found", { status: 404 }),
    // The handler never rejects; this covers anything else, without details.
    error: () => new Response("internal_error", { status: 500 }),
  });
  return {
    get port() {
      return server.port ?? 0;
    },
    get hostname() {
      return server.hostname ?? "";
    },
    get url() {
      return server.url;
    },
    stop: (closeActiveConnections) => server.stop(closeActiveConnections),
  };
}
