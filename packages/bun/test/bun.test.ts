/// <reference types="bun-types" />
// Runs in Bun, on the built package: `bun test ./test/bun.test.ts` (bun-runtime.test.ts runs it
// under vitest).
import { afterEach, describe, expect, test } from "bun:test";
import { BestSMSError, clientFromEnv, serveWebhooks, type WebhookServer } from "../dist/index.js";

const TOKEN = "bun-webhook-token";

const payload = (token: string) => ({
  Version: "2.04",
  APIKey: token,
  Type: "SMS",
  Destination: "+61421000001",
  MessageID: "bun-1",
  Status: "SUCCESS",
  Result: "Sent OK",
  Price: "0.20",
});

const servers: { stop(force?: boolean): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.stop(true)));
});

describe("serveWebhooks on Bun.serve", () => {
  test("receives a webhook on its path and nothing else", async () => {
    const seen: string[] = [];
    const server: WebhookServer = serveWebhooks({
      token: TOKEN,
      port: 0,
      hostname: "127.0.0.1",
      path: "/webhooks",
      onStatus: ({ payload, parsed }) => {
        seen.push(`${payload.MessageID} ${payload.Status} ${parsed.price}`);
      },
      onReceived: () => {},
    });
    servers.push(server);
    expect(server.port).toBeGreaterThan(0);
    expect(server.url.href).toBe(`http://127.0.0.1:${server.port}/`);
    const post = (path: string, body: unknown) =>
      fetch(new URL(path, server.url), {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });

    const ok = await post("/webhooks", payload(TOKEN));
    expect([ok.status, await ok.text()]).toEqual([200, "ok"]);
    expect(seen).toEqual(["bun-1 SUCCESS 0.2"]);

    const wrong = await post("/webhooks", payload("wrong"));
    expect([wrong.status, await wrong.text()]).toEqual([401, "unauthorized"]);

    const elsewhere = await post("/other", payload(TOKEN));
    expect([elsewhere.status, await elsewhere.text()]).toEqual([404, "not_found"]);

    const get = await fetch(new URL("/webhooks", server.url));
    expect([get.status, get.headers.get("allow"), await get.text()]).toEqual([
      405,
      "POST",
      "method_not_allowed",
    ]);
    expect(seen).toHaveLength(1);
  });

  test("takes webhooks on every path without one, and stops", async () => {
    const server = serveWebhooks({
      token: TOKEN,
      port: 0,
      hostname: "127.0.0.1",
      onStatus: () => {},
      onReceived: () => {},
    });
    const response = await fetch(new URL("/anything", server.url), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(payload(TOKEN)),
    });
    expect(response.status).toBe(200);
    await server.stop(true);
    await expect(fetch(new URL("/anything", server.url))).rejects.toThrow();
  });
});

describe("clientFromEnv on Bun.env", () => {
  test("reads the token, base URL and scheme", async () => {
    const calls: string[] = [];
    const api = Bun.serve({
      port: 0,
      hostname: "127.0.0.1",
      fetch: async (request) => {
        calls.push(
          `${request.method} ${new URL(request.url).pathname} ${request.headers.get("authorization")}`,
        );
        await request.arrayBuffer();
        return Response.json({ Result: "Success", MessageID: "env-1", ErrorMessage: [] });
      },
    });
    servers.push(api);
    Bun.env.BESTSMS_AUTH_TOKEN = "bun-api-token";
    Bun.env.BESTSMS_BASE_URL = api.url.origin;
    Bun.env.BESTSMS_AUTH_SCHEME = "Bearer";
    try {
      const client = clientFromEnv({ maxRetries: 0 });
      const sent = await client.messaging.sms.sendMessage({
        MessageID: "env-1",
        MessageText: "Hi",
        Recipients: "+61421000001",
      });
      expect(sent.MessageID).toBe("env-1");
      expect(calls).toEqual(["POST /send/sms Bearer bun-api-token"]);
      delete Bun.env.BESTSMS_AUTH_TOKEN;
      expect(() => clientFromEnv()).toThrow(BestSMSError);
      expect(() => clientFromEnv()).toThrow(/BESTSMS_AUTH_TOKEN is not set/);
    } finally {
      delete Bun.env.BESTSMS_AUTH_TOKEN;
      delete Bun.env.BESTSMS_BASE_URL;
      delete Bun.env.BESTSMS_AUTH_SCHEME;
    }
  });
});
