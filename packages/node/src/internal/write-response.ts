import type { IncomingMessage, ServerResponse } from "node:http";

/** Writes `response` to `res`, honouring backpressure, and stops if the client goes away. */
export async function writeResponse(
  response: Response,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const body = response.body;
  if (res.destroyed || res.writableEnded) {
    await body?.cancel().catch(() => {});
    return;
  }
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie") headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers["set-cookie"] = cookies;
  // Part of the body is still unread (refused early, or too large): the connection cannot be
  // reused, and closing it spares reading the rest. A server being closed keeps none open.
  if (!req.complete || isClosing(req)) headers.connection = "close";
  if (response.statusText) res.writeHead(response.status, response.statusText, headers);
  else res.writeHead(response.status, headers);

  if (body === null || req.method === "HEAD") {
    await body?.cancel().catch(() => {});
    res.end();
    return;
  }
  const reader = body.getReader();
  const onClose = (): void => {
    reader.cancel().catch(() => {});
  };
  res.once("close", onClose);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (res.destroyed) return;
      if (!res.write(value)) await drained(res);
    }
    res.end();
  } finally {
    res.off("close", onClose);
  }
}

/** Whether `server.close()` was called on the server the request came to. */
function isClosing(req: IncomingMessage): boolean {
  const server = (req.socket as { server?: { listening?: unknown } } | null)?.server;
  return server?.listening === false;
}

function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.on("drain", done);
    res.on("close", done);
  });
}

/** Answers 500 without details, or drops the connection if the answer has begun. */
export function fail(res: ServerResponse): void {
  try {
    if (res.headersSent || res.destroyed) {
      res.destroy();
      return;
    }
    res.writeHead(500, { "content-type": "text/plain;charset=UTF-8", connection: "close" });
    res.end("internal_error");
  } catch {
    res.destroy();
  }
}
