import type { IncomingMessage, ServerResponse } from "node:http";
import type { BodyState } from "./internal/body-stream.js";
import { toRequest } from "./internal/to-request.js";
import { fail, writeResponse } from "./internal/write-response.js";

/** Options of {@link toNodeListener}. */
export interface NodeListenerOptions {
  /**
   * The largest body passed on, in bytes: past it the client gets 413 and the rest is not read.
   * Default: no limit of its own (`createWebhookHandler` has its own, 256 KiB by default).
   */
  maxBodyBytes?: number | undefined;
}

/**
 * A `node:http` request listener, which is also an Express route handler. `next` is accepted
 * for Express and never called: every outcome is answered here.
 */
export type NodeListener = (
  req: IncomingMessage,
  res: ServerResponse,
  next?: (error?: unknown) => void,
) => void;

/**
 * Runs a fetch-style handler — such as `createWebhookHandler(…)` — for `node:http` and Express.
 * The body is streamed to the handler as it reads it (or taken from `req.body` when an Express
 * body parser got there first); the handler's answer is written back, headers and all. It never
 * throws: a failure answers 500 with no details.
 *
 * @example
 * ```ts
 * createServer(toNodeListener(createWebhookHandler({ token, onStatus, onReceived }))).listen(8788);
 * app.post("/webhooks", toNodeListener(handler)); // Express
 * ```
 */
export function toNodeListener(
  handler: (request: Request) => Promise<Response>,
  options: NodeListenerOptions = {},
): NodeListener {
  const { maxBodyBytes } = options;
  if (maxBodyBytes !== undefined && !(Number.isSafeInteger(maxBodyBytes) && maxBodyBytes >= 0)) {
    throw new TypeError("maxBodyBytes must be a whole number of bytes");
  }
  return (req, res) => {
    void handle(handler, req, res, maxBodyBytes);
  };
}

async function handle(
  handler: (request: Request) => Promise<Response>,
  req: IncomingMessage,
  res: ServerResponse,
  maxBodyBytes: number | undefined,
): Promise<void> {
  const aborted = new AbortController();
  // The client went away before the answer was written: tell the handler through its signal.
  const onClose = (): void => {
    if (!res.writableFinished) aborted.abort();
  };
  const ignore = (): void => {};
  res.once("close", onClose);
  // A write racing a closed socket must not become an uncaught error.
  res.on("error", ignore);
  try {
    const declared = Number(req.headers["content-length"]);
    let response: Response;
    if (maxBodyBytes !== undefined && declared > maxBodyBytes) {
      response = tooLarge();
    } else {
      const state: BodyState = { exceeded: false };
      const request = toRequest(req, aborted.signal, maxBodyBytes, state);
      response = state.exceeded ? tooLarge() : await handler(request);
      if (state.exceeded && response.status !== 413) {
        await response.body?.cancel().catch(() => {});
        response = tooLarge();
      }
    }
    await writeResponse(response, req, res);
  } catch {
    fail(res);
  } finally {
    res.off("close", onClose);
    res.off("error", ignore);
  }
}

function tooLarge(): Response {
  return new Response("too_large", { status: 413 });
}
