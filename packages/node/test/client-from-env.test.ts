import type { Server } from "node:http";
import { afterEach, describe, expect, it, vi } from "vitest";
import { BestSMS, BestSMSError, clientFromEnv } from "../src/index.js";
import { close, listen } from "./helpers.js";

const servers: Server[] = [];
afterEach(async () => {
  vi.unstubAllEnvs();
  await Promise.all(servers.splice(0).map(close));
});

/** A stand-in for the API that answers every send and notes how it was called. */
async function fakeApi() {
  const calls: string[] = [];
  const { server, url } = await listen((req, res) => {
    calls.push(`${req.method} ${req.url} ${req.headers.authorization}`);
    req.resume();
    req.on("end", () => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ Result: "Success", MessageID: "env-1", ErrorMessage: [] }));
    });
  });
  servers.push(server);
  return { calls, url };
}

const send = (client: BestSMS) =>
  client.messaging.sms.sendMessage({
    MessageID: "env-1",
    MessageText: "Hi",
    Recipients: "+61421000001",
  });

describe("clientFromEnv", () => {
  it("reads process.env", async () => {
    const api = await fakeApi();
    vi.stubEnv("BESTSMS_AUTH_TOKEN", "node-api-token");
    vi.stubEnv("BESTSMS_BASE_URL", api.url);
    vi.stubEnv("BESTSMS_AUTH_SCHEME", "Bearer");
    const client = clientFromEnv();
    expect(client).toBeInstanceOf(BestSMS);
    expect(client.baseUrl).toBe(api.url);
    expect((await send(client)).MessageID).toBe("env-1");
    expect(api.calls).toEqual(["POST /send/sms Bearer node-api-token"]);
  });

  it("reads a given env, with options winning over it", async () => {
    const api = await fakeApi();
    const client = clientFromEnv({
      env: { BESTSMS_AUTH_TOKEN: " from-env ", BESTSMS_BASE_URL: "http://127.0.0.1:9" },
      baseUrl: api.url,
      maxRetries: 0,
    });
    await send(client);
    expect(api.calls).toEqual(["POST /send/sms Basic from-env"]);
  });

  it("names a missing BESTSMS_AUTH_TOKEN", () => {
    for (const env of [{}, { BESTSMS_AUTH_TOKEN: "" }, { BESTSMS_AUTH_TOKEN: "  " }]) {
      expect(() => clientFromEnv({ env })).toThrow(BestSMSError);
      expect(() => clientFromEnv({ env })).toThrow(/BESTSMS_AUTH_TOKEN is not set/);
    }
  });

  it("refuses an unknown scheme without showing the token", () => {
    const env = { BESTSMS_AUTH_TOKEN: "very-secret", BESTSMS_AUTH_SCHEME: "Digest" };
    let message = "";
    try {
      clientFromEnv({ env });
    } catch (error) {
      expect(error).toBeInstanceOf(BestSMSError);
      message = String(error);
    }
    expect(message).toMatch(/BESTSMS_AUTH_SCHEME must be Basic or Bearer/);
    expect(message).not.toContain("very-secret");
    expect(clientFromEnv({ env: { ...env, BESTSMS_AUTH_SCHEME: "bearer" } })).toBeInstanceOf(
      BestSMS,
    );
  });

  it("never shows the token on the client", () => {
    const client = clientFromEnv({ env: { BESTSMS_AUTH_TOKEN: "very-secret" } });
    expect(`${String(client)} ${JSON.stringify(client)}`).not.toContain("very-secret");
  });
});
