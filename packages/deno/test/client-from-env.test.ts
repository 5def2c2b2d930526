import { describe, expect, it } from "vitest";
import { BestSMS, BestSMSError, clientFromEnv, serveWebhooks } from "../src/index.js";

describe("clientFromEnv outside Deno", () => {
  it("reads a given env, a record or an object with get()", () => {
    const record = clientFromEnv({
      env: { BESTSMS_AUTH_TOKEN: "t", BESTSMS_BASE_URL: "https://a.example/" },
    });
    expect(record).toBeInstanceOf(BestSMS);
    expect(record.baseUrl).toBe("https://a.example");
    const variables = new Map([["BESTSMS_AUTH_TOKEN", "t"]]);
    const denoLike = clientFromEnv({ env: { get: (key: string) => variables.get(key) } });
    expect(denoLike).toBeInstanceOf(BestSMS);
  });

  it("names a missing token and a wrong scheme, never showing the token", () => {
    expect(() => clientFromEnv({ env: {} })).toThrow(BestSMSError);
    expect(() => clientFromEnv({ env: {} })).toThrow(/BESTSMS_AUTH_TOKEN is not set/);
    expect(() =>
      clientFromEnv({ env: { BESTSMS_AUTH_TOKEN: "very-secret", BESTSMS_AUTH_SCHEME: "x" } }),
    ).toThrow(/^BestSMS: BESTSMS_AUTH_SCHEME must be Basic or Bearer$/);
  });

  it("says Deno is needed for what only Deno has", () => {
    expect(() => clientFromEnv()).toThrow(/needs the Deno runtime/);
    expect(() => serveWebhooks({ token: "t", onStatus: () => {}, onReceived: () => {} })).toThrow(
      /needs the Deno runtime/,
    );
  });
});
