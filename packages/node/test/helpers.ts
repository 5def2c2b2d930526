import { once } from "node:events";
import { createServer, type RequestListener, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createWebhookHandler, type ParsedStatusWebhook } from "@bestsms/webhooks";
import { shortStatusPayload } from "../../webhooks/test/helpers/requests.js";

export const TOKEN = "node-webhook-token";

/** A status report as the service posts it. */
export function statusPayload(overrides: Record<string, string> = {}): Record<string, string> {
  return shortStatusPayload(TOKEN, "node-1", overrides);
}

/** A webhook handler taking {@link TOKEN} that puts every status webhook in `seen`. */
export function webhookHandler(seen: ParsedStatusWebhook[], maxBodyBytes?: number) {
  return createWebhookHandler({
    token: TOKEN,
    maxBodyBytes,
    onStatus: (webhook) => {
      seen.push(webhook);
    },
    onReceived: () => {},
  });
}

/** Starts `listener` on 127.0.0.1 and a free port. */
export async function listen(listener: RequestListener): Promise<{ server: Server; url: string }> {
  const server = createServer(listener);
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}` };
}

export async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve, reject) =>
    server.close((error) => (error ? reject(error) : resolve())),
  );
}

/** POSTs JSON and reads the answer. */
export async function postJson(
  url: string,
  payload: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; text: string }> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(payload),
  });
  return { status: response.status, text: await response.text() };
}

/**
 * POSTs an endless chunked JSON-looking body until the server answers, and reports the answer
 * and how much was written before it came.
 */
export function postEndless(
  url: string,
  chunkSize = 64 * 1024,
  maxBytes = 32 * 1024 * 1024,
): Promise<{ status: number; text: string; written: number }> {
  return new Promise((resolve, reject) => {
    let written = 0;
    let finished = false;
    const req = request(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
    });
    const chunk = Buffer.alloc(chunkSize, 0x20);
    const pump = (): void => {
      while (!finished && written < maxBytes) {
        written += chunk.length;
        if (!req.write(chunk)) {
          req.once("drain", pump);
          return;
        }
      }
      if (!finished) req.end();
    };
    req.on("response", (res) => {
      finished = true;
      const parts: Buffer[] = [];
      res.on("data", (part: Buffer) => parts.push(part));
      res.on("end", () => {
        resolve({ status: res.statusCode ?? 0, text: Buffer.concat(parts).toString(), written });
        req.destroy();
      });
      res.on("error", reject);
    });
    // Writing into a connection the server closed fails; the answer is what counts.
    req.on("error", (error) => {
      if (!finished) reject(error);
    });
    req.write("{");
    pump();
  });
}
