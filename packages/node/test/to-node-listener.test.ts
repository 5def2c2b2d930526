import { once } from "node:events";
import { Agent, type IncomingMessage, request, type Server } from "node:http";
import type { ParsedStatusWebhook } from "@bestsms/webhooks";
import { afterEach, describe, expect, it } from "vitest";
import { toNodeListener } from "../src/index.js";
import { close, listen, postEndless, postJson, statusPayload, webhookHandler } from "./helpers.js";

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map(close));
});

/** A node:http server running `handler` through toNodeListener; notes each request's bytes read. */
async function serve(
  handler: (request: Request) => Promise<Response>,
  options: { maxBodyBytes?: number } = {},
) {
  const listener = toNodeListener(handler, options);
  const bytesRead: number[] = [];
  const { server, url } = await listen((req, res) => {
    res.on("finish", () => bytesRead.push(req.socket.bytesRead));
    listener(req, res);
  });
  servers.push(server);
  return { url, bytesRead };
}

describe("toNodeListener with createWebhookHandler on node:http", () => {
  it("answers 200 and calls back for a good webhook", async () => {
    const seen: ParsedStatusWebhook[] = [];
    const { url } = await serve(webhookHandler(seen));
    expect(await postJson(`${url}/webhooks`, statusPayload())).toEqual({ status: 200, text: "ok" });
    expect(seen.map((webhook) => [webhook.payload.MessageID, webhook.parsed.price])).toEqual([
      ["node-1", 0.2],
    ]);
  });

  it("answers 401 for a wrong token, in the body or the header", async () => {
    const seen: ParsedStatusWebhook[] = [];
    const { url } = await serve(webhookHandler(seen));
    expect(await postJson(url, statusPayload({ APIKey: "wrong" }))).toEqual({
      status: 401,
      text: "unauthorized",
    });
    expect(await postJson(url, statusPayload(), { authorization: "Bearer wrong" })).toEqual({
      status: 401,
      text: "unauthorized",
    });
    expect(seen).toEqual([]);
  });

  it("answers 405 with Allow for a GET", async () => {
    const { url } = await serve(webhookHandler([]));
    const response = await fetch(url);
    expect([response.status, response.headers.get("allow"), await response.text()]).toEqual([
      405,
      "POST",
      "method_not_allowed",
    ]);
  });

  it("answers 413 for a Content-Length over the limit, reading nothing", async () => {
    const { url } = await serve(webhookHandler([], 1024));
    const body = JSON.stringify(statusPayload({ Message: "x".repeat(2000) }));
    expect(await postJson(url, JSON.parse(body))).toEqual({ status: 413, text: "too_large" });
  });

  it("answers 413 for an endless chunked body without reading past the limit", async () => {
    const { url, bytesRead } = await serve(webhookHandler([], 1024));
    const answer = await postEndless(url);
    expect([answer.status, answer.text]).toEqual([413, "too_large"]);
    // Socket buffers hold some: a body read to the end would be 32 MiB.
    expect(bytesRead[0]).toBeLessThan(1024 * 1024);
    expect(answer.written).toBeLessThan(32 * 1024 * 1024);
  });

  it("keeps serving after a client aborts mid-body", async () => {
    const seen: ParsedStatusWebhook[] = [];
    const { url } = await serve(webhookHandler(seen));
    const req = request(url, { method: "POST", headers: { "content-type": "application/json" } });
    req.on("error", () => {});
    req.write('{"Type":"SMS",');
    await new Promise((resolve) => setTimeout(resolve, 50));
    req.destroy();
    expect(await postJson(url, statusPayload())).toEqual({ status: 200, text: "ok" });
    expect(seen).toHaveLength(1);
  });
});

describe("toNodeListener with any fetch handler", () => {
  it("builds the Request: method, URL from Host and path, repeated headers, streamed body", async () => {
    const { url } = await serve(async (request) =>
      Response.json({
        method: request.method,
        url: request.url,
        multi: request.headers.get("x-multi"),
        body: await request.text(),
      }),
    );
    const { port } = new URL(url);
    const answer = await new Promise<{ status: number; json: unknown }>((resolve, reject) => {
      const req = request({
        host: "127.0.0.1",
        port,
        method: "PUT",
        path: "/a/b?c=1",
        headers: [
          "Host",
          "receiver.example",
          "X-Multi",
          "one",
          "X-Multi",
          "two",
          "Content-Type",
          "text/plain",
        ],
      });
      req.on("response", async (res) => {
        const parts: Buffer[] = [];
        for await (const part of res) parts.push(part as Buffer);
        resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(parts).toString()) });
      });
      req.on("error", reject);
      req.end("hello");
    });
    expect(answer).toEqual({
      status: 200,
      json: {
        method: "PUT",
        url: "http://receiver.example/a/b?c=1",
        multi: "one, two",
        body: "hello",
      },
    });
  });

  it("never lets `//host` paths or odd Host headers change the origin", async () => {
    const { url } = await serve(async (request) => new Response(request.url));
    const { port } = new URL(url);
    const ask = (path: string, host: string) =>
      new Promise<string>((resolve, reject) => {
        const req = request({ host: "127.0.0.1", port, path, headers: { host } });
        req.on("response", async (res) => {
          let text = "";
          for await (const part of res) text += String(part);
          resolve(text);
        });
        req.on("error", reject);
        req.end();
      });
    expect(await ask("//evil.example/x", "good.example")).toBe(
      "http://good.example//evil.example/x",
    );
    expect(await ask("/x", "user@evil.example")).toBe("http://localhost/x");
  });

  it("writes status, headers (each Set-Cookie) and a large body back", async () => {
    const big = "x".repeat(5 * 1024 * 1024);
    const { url } = await serve(async () => {
      const headers = new Headers({ "content-type": "text/plain", "x-answer": "42" });
      headers.append("set-cookie", "a=1");
      headers.append("set-cookie", "b=2");
      return new Response(big, { status: 201, headers });
    });
    const response = await fetch(url);
    expect(response.status).toBe(201);
    expect(response.headers.get("x-answer")).toBe("42");
    expect(response.headers.getSetCookie()).toEqual(["a=1", "b=2"]);
    expect((await response.text()).length).toBe(big.length);
  });

  it("keeps no connection open once the server is being closed", async () => {
    let closing: Server | undefined;
    const { server, url } = await listen(
      toNodeListener(async () => {
        closing?.close();
        return new Response("bye");
      }),
    );
    closing = server;
    const closed = once(server, "close");
    const answer = await new Promise<{ connection: string | undefined; text: string }>(
      (resolve, reject) => {
        request(url, { agent: new Agent({ keepAlive: true }) }, async (res) => {
          let text = "";
          for await (const part of res) text += String(part);
          resolve({ connection: res.headers.connection, text });
        })
          .on("error", reject)
          .end();
      },
    );
    expect(answer).toEqual({ connection: "close", text: "bye" });
    await closed;
  });

  it("answers 500 without details when the handler throws", async () => {
    const { url } = await serve(async () => {
      throw new Error("secret detail");
    });
    const response = await fetch(url, { method: "POST", body: "x" });
    expect([response.status, await response.text()]).toEqual([500, "internal_error"]);
  });

  it("answers 413 past its own maxBodyBytes, whatever the handler says", async () => {
    const { url, bytesRead } = await serve(
      async (request) => {
        await request.arrayBuffer().catch(() => {});
        return new Response("read");
      },
      { maxBodyBytes: 1000 },
    );
    const answer = await postEndless(url);
    expect([answer.status, answer.text]).toEqual([413, "too_large"]);
    expect(bytesRead[0]).toBeLessThan(1024 * 1024);
    const declared = await fetch(url, { method: "POST", body: "x".repeat(2000) });
    expect([declared.status, await declared.text()]).toEqual([413, "too_large"]);
  });

  it("aborts the Request's signal when the client goes away", async () => {
    let aborted: Promise<unknown> | undefined;
    let arrived: () => void = () => {};
    const arrival = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    const { url } = await serve(async (request) => {
      aborted = once(request.signal, "abort");
      arrived();
      await aborted;
      return new Response("late");
    });
    const req = request(url);
    req.on("error", () => {});
    req.end();
    await arrival;
    req.destroy();
    await expect(aborted).resolves.toBeDefined();
  });

  it("does not throw when called with a request it cannot read", async () => {
    const listener = toNodeListener(async () => new Response("ok"));
    const { server, url } = await listen((req: IncomingMessage, res) => {
      req.destroy();
      expect(() => listener(req, res)).not.toThrow();
    });
    servers.push(server);
    await expect(fetch(url)).rejects.toThrow();
  });

  it("refuses a maxBodyBytes that is not a byte count", () => {
    expect(() => toNodeListener(async () => new Response(), { maxBodyBytes: -1 })).toThrow(
      TypeError,
    );
  });
});
