import { describe, expect, it } from "vitest";
import { BestSMS, BestSMSError, clientFromEnv } from "../src/index.js";

interface Env {
  BESTSMS_AUTH_TOKEN: string;
  BESTSMS_BASE_URL?: string;
  KV: { get(key: string): Promise<string | null> };
}

describe("clientFromEnv", () => {
  it("takes the token and base URL from the binding", async () => {
    const calls: string[] = [];
    const env: Env = {
      BESTSMS_AUTH_TOKEN: "edge-api-token",
      BESTSMS_BASE_URL: "https://api.example/v2",
      KV: { get: async () => null },
    };
    const client = clientFromEnv(env, {
      maxRetries: 0,
      fetch: async (input, init) => {
        const request = new Request(input, init);
        calls.push(`${request.method} ${request.url} ${request.headers.get("authorization")}`);
        return Response.json({ Result: "Success", MessageID: "m-1", ErrorMessage: [] });
      },
    });
    expect(client).toBeInstanceOf(BestSMS);
    await client.messaging.sms.sendMessage({
      MessageID: "m-1",
      MessageText: "Hi",
      Recipients: "+61421000001",
    });
    expect(calls).toEqual(["POST https://api.example/v2/send/sms Basic edge-api-token"]);
  });

  it("lets options win and reads the scheme", () => {
    const client = clientFromEnv(
      {
        BESTSMS_AUTH_TOKEN: "t",
        BESTSMS_BASE_URL: "https://a.example",
        BESTSMS_AUTH_SCHEME: "Bearer",
      },
      { baseUrl: "https://b.example" },
    );
    expect(client.baseUrl).toBe("https://b.example");
  });

  it("names a missing or non-string BESTSMS_AUTH_TOKEN, never showing values", () => {
    for (const env of [{}, { BESTSMS_AUTH_TOKEN: " " }, { BESTSMS_AUTH_TOKEN: 42 }]) {
      expect(() => clientFromEnv(env)).toThrow(BestSMSError);
      expect(() => clientFromEnv(env)).toThrow(/BESTSMS_AUTH_TOKEN is not set/);
    }
    expect(() =>
      clientFromEnv({ BESTSMS_AUTH_TOKEN: "very-secret", BESTSMS_AUTH_SCHEME: "Digest" }),
    ).toThrow(/^BestSMS: BESTSMS_AUTH_SCHEME must be Basic or Bearer$/);
  });
});
