import type { IncomingMessage } from "node:http";
import { type BodyState, bodyStream, toBytes } from "./body-stream.js";

/** `req` with what Express adds: the URL before routing, and a body a parser already read. */
interface ExpressRequest extends IncomingMessage {
  originalUrl?: unknown;
  body?: unknown;
}

const HOST = /^[A-Za-z0-9._~\-[\]:%]+$/;

/** The URL the client asked for: scheme from the socket, host from `Host`, path as sent. */
export function requestUrl(req: ExpressRequest): string {
  const encrypted = (req.socket as { encrypted?: unknown } | undefined)?.encrypted === true;
  const host = req.headers.host;
  const origin = `${encrypted ? "https" : "http"}://${host !== undefined && HOST.test(host) ? host : "localhost"}`;
  const path = typeof req.originalUrl === "string" ? req.originalUrl : (req.url ?? "/");
  // A path of `//x` must not become the host `x`; absolute-form targets (proxies) keep their path.
  let target = "/";
  if (path.startsWith("/")) target = path;
  else if (URL.canParse(path)) {
    const url = new URL(path);
    target = url.pathname + url.search;
  }
  return URL.canParse(origin + target) ? origin + target : `${origin}/`;
}

/** The request's headers, repeated ones kept, in the order sent. */
export function requestHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  const raw = req.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i];
    const value = raw[i + 1];
    // HTTP/2 pseudo-headers (`:path`) are not headers of a fetch Request.
    if (name === undefined || value === undefined || name.startsWith(":")) continue;
    try {
      headers.append(name, value);
    } catch {
      // A header the fetch API refuses is left out rather than failing the request.
    }
  }
  return headers;
}

/**
 * The body already read by an Express body parser, as bytes: a Buffer (`express.raw()`) or a
 * string (`express.text()`) as is, and an object parsed from JSON (`express.json()`) written
 * back as JSON. `undefined` when the body is still in the stream.
 */
export function parsedBody(req: ExpressRequest): Uint8Array<ArrayBuffer> | undefined {
  const body = req.body;
  if (body instanceof Uint8Array) return toBytes(body);
  if (typeof body === "string") return toBytes(body);
  const consumed = req.readableEnded || (req as { _body?: unknown })._body === true;
  if (consumed && body !== null && typeof body === "object") {
    const type = req.headers["content-type"] ?? "";
    if (/\bjson\b/i.test(type)) return toBytes(JSON.stringify(body));
  }
  if (consumed) return new Uint8Array(0);
  return undefined;
}

/** A fetch Request for `req`, its body streamed from `req` unless a parser already read it. */
export function toRequest(
  req: IncomingMessage,
  signal: AbortSignal,
  maxBytes: number | undefined,
  state: BodyState,
): Request {
  const method = req.method ?? "GET";
  const headers = requestHeaders(req);
  let body: ReadableStream<Uint8Array<ArrayBuffer>> | Uint8Array<ArrayBuffer> | null = null;
  if (method !== "GET" && method !== "HEAD") {
    const parsed = parsedBody(req);
    if (parsed === undefined) {
      body = bodyStream(req, maxBytes, state);
    } else {
      // The bytes differ from what was sent: the length and framing headers must follow them.
      headers.delete("transfer-encoding");
      headers.set("content-length", String(parsed.byteLength));
      if (maxBytes !== undefined && parsed.byteLength > maxBytes) state.exceeded = true;
      body = parsed;
    }
  }
  // `duplex` is required by Node's fetch for a stream body, and missing from the DOM typings.
  const init: RequestInit & { duplex: "half" } = { method, headers, body, signal, duplex: "half" };
  return new Request(requestUrl(req), init);
}
