/**
 * A fault-injecting HTTP proxy on 127.0.0.1, in front of an upstream (the sandbox).
 *
 * Each request that reaches the proxy takes the next fault of its script; when the script is
 * empty, requests pass through. "refuse" is special: it is taken by the next *attempt* made with
 * `proxy.fetch` (the proxy closes its listening socket, so the connection is refused by the
 * kernel), because a refused connection never reaches the proxy.
 */
import { createServer, request as httpRequest, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/** One scripted fault. */
export type Fault =
  /** Pass the request through unchanged (useful to place a fault on a later request). */
  | { readonly kind: "pass" }
  /** The listening socket is closed for this attempt: ECONNREFUSED. Taken by `proxy.fetch`. */
  | { readonly kind: "refuse" }
  /** TCP reset as soon as the request head is parsed; the body is not read, nothing forwarded. */
  | { readonly kind: "reset-before-request" }
  /** The request is forwarded and answered upstream, then the client's connection is reset. */
  | { readonly kind: "reset-after-request" }
  /** Forwarded; the status line, headers and half the body are written, then a reset. */
  | { readonly kind: "reset-mid-response" }
  /** Never answers (nothing forwarded); the socket stays open until the client gives up. */
  | { readonly kind: "stall" }
  /** Forwarded; headers at once, then the body one byte every `intervalMs` (default 100). */
  | { readonly kind: "drip"; readonly intervalMs?: number }
  /** The proxy answers this status itself (nothing forwarded), with an optional body. */
  | {
      readonly kind: "status";
      readonly status: number;
      readonly headers?: Readonly<Record<string, string>>;
      readonly body?: string;
    }
  /** Forwarded; the upstream's JSON answer is cut in half. */
  | { readonly kind: "truncate-json" }
  /** Not forwarded: a 200 with an HTML error page. */
  | { readonly kind: "html-200" }
  /** Not forwarded: a 200 with an empty body. */
  | { readonly kind: "empty-200" }
  /** Forwarded; the upstream's answer with `Content-Type: text/plain`. */
  | { readonly kind: "wrong-content-type" }
  /** Not forwarded: 200 with `Result: "Failed"` and the given ErrorMessage. */
  | { readonly kind: "result-failed"; readonly errorMessage: string | readonly string[] };

/** A request as it reached the upstream. */
export interface ForwardedRequest {
  readonly method: string;
  readonly path: string;
  readonly body: string;
}

/** A request as it reached the proxy, and the fault it met. */
export interface ReceivedRequest {
  readonly method: string;
  readonly path: string;
  readonly fault: Fault["kind"];
}

export interface FaultProxy {
  /** `http://127.0.0.1:<port>`: the client's baseUrl. */
  readonly url: string;
  readonly port: number;
  /** Requests that reached the proxy, in order. */
  readonly received: ReceivedRequest[];
  /** Requests forwarded to the upstream, in order. */
  readonly forwarded: ForwardedRequest[];
  /** Attempts made through `fetch` (refused ones included). */
  readonly attempts: number;
  /** Replaces the script: one fault per request, then pass-through. */
  script(faults: readonly Fault[]): void;
  /** Faults not used yet. */
  pending(): readonly Fault[];
  /** Clears the script and the records, and reopens the listener if it was closed. */
  reset(): Promise<void>;
  /** A fetch for the client under test: counts attempts and takes "refuse" faults. */
  fetch: typeof fetch;
  close(): Promise<void>;
}

const HTML_PAGE =
  "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1><p>The upstream server is unavailable.</p></body></html>";

function readAll(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("end", () => resolve(Buffer.concat(chunks)));
    stream.on("error", reject);
  });
}

interface UpstreamAnswer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: Buffer;
}

function forward(
  upstream: URL,
  method: string,
  path: string,
  headers: IncomingMessage["headers"],
  body: Buffer,
): Promise<UpstreamAnswer> {
  return new Promise((resolve, reject) => {
    const outHeaders: Record<string, string> = {};
    for (const [name, value] of Object.entries(headers)) {
      if (value === undefined || name === "host" || name === "connection") continue;
      if (name === "keep-alive" || name === "transfer-encoding") continue;
      outHeaders[name] = Array.isArray(value) ? value.join(", ") : value;
    }
    outHeaders["content-length"] = String(body.length);
    const req = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        method,
        path,
        headers: outHeaders,
        agent: false,
      },
      (res) => {
        readAll(res).then((answer) => {
          const resHeaders: Record<string, string> = {};
          for (const [name, value] of Object.entries(res.headers)) {
            if (value === undefined) continue;
            if (name === "connection" || name === "keep-alive" || name === "transfer-encoding") {
              continue;
            }
            resHeaders[name] = Array.isArray(value) ? value.join(", ") : value;
          }
          resHeaders["content-length"] = String(answer.length);
          resolve({ status: res.statusCode ?? 502, headers: resHeaders, body: answer });
        }, reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** Starts a fault proxy in front of `upstreamUrl` (an http:// origin on 127.0.0.1). */
export async function startFaultProxy(upstreamUrl: string): Promise<FaultProxy> {
  const upstream = new URL(upstreamUrl);
  let queue: Fault[] = [];
  const received: ReceivedRequest[] = [];
  const forwarded: ForwardedRequest[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<ReturnType<typeof setInterval>>();
  let attempts = 0;
  let listening = false;
  let port = 0;

  const server: Server = createServer((req, res) => {
    void handle(req, res).catch(() => {
      req.socket.destroy();
    });
  });
  server.keepAliveTimeout = 1_000;
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    // A reset racing the client's own close is expected here.
    socket.on("error", () => {});
  });

  const pass = async (req: IncomingMessage, body: Buffer): Promise<UpstreamAnswer> => {
    const method = req.method ?? "GET";
    const path = req.url ?? "/";
    forwarded.push({ method, path, body: body.toString("utf8") });
    return forward(upstream, method, path, req.headers, body);
  };

  async function handle(
    req: IncomingMessage,
    res: import("node:http").ServerResponse,
  ): Promise<void> {
    const next = queue.shift() ?? { kind: "pass" as const };
    // A "refuse" left in the queue when a request arrives means the attempt came through a
    // connection opened earlier; treat it as a reset before the request, the nearest fault.
    const fault: Fault = next.kind === "refuse" ? { kind: "reset-before-request" } : next;
    received.push({ method: req.method ?? "GET", path: req.url ?? "/", fault: fault.kind });
    const socket = req.socket;
    if (fault.kind === "reset-before-request") {
      socket.resetAndDestroy();
      return;
    }
    const body = await readAll(req);
    switch (fault.kind) {
      case "stall":
        // Nothing is written; the client's timeout (or close()) ends it.
        return;
      case "status":
        res.writeHead(fault.status, {
          "content-type": "application/json; charset=utf-8",
          ...fault.headers,
        });
        res.end(fault.body ?? "");
        return;
      case "html-200":
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
        res.end(HTML_PAGE);
        return;
      case "empty-200":
        res.writeHead(200, { "content-type": "application/json", "content-length": "0" });
        res.end();
        return;
      case "result-failed":
        res.writeHead(200, { "content-type": "application/json; charset=utf-8" });
        res.end(JSON.stringify({ Result: "Failed", ErrorMessage: fault.errorMessage }));
        return;
      default:
        break;
    }
    const answer = await pass(req, body);
    switch (fault.kind) {
      case "pass":
        res.writeHead(answer.status, answer.headers);
        res.end(answer.body);
        return;
      case "reset-after-request":
        socket.resetAndDestroy();
        return;
      case "reset-mid-response": {
        res.writeHead(answer.status, answer.headers);
        res.write(answer.body.subarray(0, Math.max(1, Math.floor(answer.body.length / 2))), () =>
          socket.resetAndDestroy(),
        );
        return;
      }
      case "truncate-json": {
        const cut = answer.body.subarray(0, Math.floor(answer.body.length / 2));
        res.writeHead(answer.status, { ...answer.headers, "content-length": String(cut.length) });
        res.end(cut);
        return;
      }
      case "wrong-content-type":
        res.writeHead(answer.status, { ...answer.headers, "content-type": "text/plain" });
        res.end(answer.body);
        return;
      case "drip": {
        res.writeHead(answer.status, answer.headers);
        let index = 0;
        const timer = setInterval(() => {
          if (index >= answer.body.length || socket.destroyed) {
            clearInterval(timer);
            timers.delete(timer);
            if (!socket.destroyed) res.end();
            return;
          }
          res.write(answer.body.subarray(index, index + 1));
          index += 1;
        }, fault.intervalMs ?? 100);
        timers.add(timer);
        return;
      }
      default:
        res.writeHead(500);
        res.end();
    }
  }

  const listen = (): Promise<void> =>
    new Promise((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => {
        server.off("error", reject);
        port = (server.address() as AddressInfo).port;
        listening = true;
        resolve();
      });
    });

  const closeListener = (): Promise<void> =>
    new Promise((resolve) => {
      if (!listening) {
        resolve();
        return;
      }
      listening = false;
      server.close(() => resolve());
      for (const socket of sockets) socket.destroy();
      server.closeAllConnections();
    });

  await listen();

  const proxyFetch: typeof fetch = async (input, init) => {
    attempts += 1;
    if (queue[0]?.kind === "refuse") {
      queue.shift();
      await closeListener();
    } else if (!listening) {
      await listen();
    }
    return globalThis.fetch(input, init);
  };

  return {
    get url() {
      return `http://127.0.0.1:${port}`;
    },
    get port() {
      return port;
    },
    received,
    forwarded,
    get attempts() {
      return attempts;
    },
    script(faults) {
      queue = [...faults];
    },
    pending: () => [...queue],
    async reset() {
      queue = [];
      received.length = 0;
      forwarded.length = 0;
      attempts = 0;
      for (const timer of timers) clearInterval(timer);
      timers.clear();
      if (!listening) await listen();
    },
    fetch: proxyFetch,
    async close() {
      queue = [];
      for (const timer of timers) clearInterval(timer);
      timers.clear();
      await closeListener();
    },
  };
}
