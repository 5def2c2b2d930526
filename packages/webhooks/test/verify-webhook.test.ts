import { afterEach, describe, expect, test, vi } from "vitest";
import { verifyWebhook } from "../src/index.js";
import { equalBytes, timingSafeEqual } from "../src/internal/constant-time.js";
import { statusPayload, TOKEN } from "./helpers/requests.js";

const options = { token: TOKEN };

afterEach(() => {
  vi.restoreAllMocks();
});

describe("verifyWebhook", () => {
  test.each([
    ["raw", TOKEN],
    ["Basic", `Basic ${TOKEN}`],
    ["Bearer", `Bearer ${TOKEN}`],
    ["lower-case scheme", `bearer ${TOKEN}`],
    ["padded", `  Basic   ${TOKEN}  `],
  ])("accepts the token in Authorization, %s", async (_name, authorization) => {
    expect(await verifyWebhook({ headers: { Authorization: authorization } }, options)).toEqual({
      ok: true,
    });
    expect(await verifyWebhook({ headers: new Headers({ authorization }) }, options)).toEqual({
      ok: true,
    });
  });

  test("accepts the token in the body when Authorization is absent or blank", async () => {
    for (const headers of [{}, { authorization: "" }, { authorization: "   " }]) {
      expect(await verifyWebhook({ headers, payload: { APIKey: TOKEN } }, options)).toEqual({
        ok: true,
      });
      expect(await verifyWebhook({ headers, payload: { AuthToken: TOKEN } }, options)).toEqual({
        ok: true,
      });
    }
    // APIKey is the deployed service's name and wins over the document's.
    const both = { APIKey: TOKEN, AuthToken: "other" };
    expect(await verifyWebhook({ headers: {}, payload: both }, options)).toEqual({ ok: true });
    expect(
      await verifyWebhook({ headers: {}, payload: { APIKey: "", AuthToken: TOKEN } }, options),
    ).toEqual({
      ok: true,
    });
  });

  test("lets the header decide when it is present", async () => {
    const payload = statusPayload(); // carries the right APIKey
    expect(await verifyWebhook({ headers: { authorization: "wrong" }, payload }, options)).toEqual({
      ok: false,
      reason: "bad_token",
    });
  });

  test.each([
    ["nothing", {}, undefined, "missing_token"],
    ["an empty APIKey", {}, { APIKey: "" }, "missing_token"],
    ["a non-string APIKey", {}, { APIKey: 42 }, "missing_token"],
    [
      "an inherited APIKey",
      {},
      Object.create({ APIKey: TOKEN }) as Record<string, unknown>,
      "missing_token",
    ],
    ["the token in X-Sender", { "x-sender": TOKEN }, undefined, "missing_token"],
    ["the token in a cookie", { cookie: `token=${TOKEN}` }, undefined, "missing_token"],
    ["the token in another field", {}, { Token: TOKEN }, "missing_token"],
    ["a wrong token", { authorization: "Basic nope" }, undefined, "bad_token"],
    ["a token prefix", { authorization: TOKEN.slice(0, -1) }, undefined, "bad_token"],
    ["a token with a suffix", { authorization: `${TOKEN}x` }, undefined, "bad_token"],
    ["another scheme", { authorization: `Digest ${TOKEN}` }, undefined, "bad_token"],
    [
      "base64 of user:token",
      { authorization: `Basic ${btoa(`user:${TOKEN}`)}` },
      undefined,
      "bad_token",
    ],
    ["a different case", { authorization: TOKEN.toUpperCase() }, undefined, "bad_token"],
  ])("refuses %s", async (_name, headers, payload, reason) => {
    const result = await verifyWebhook({ headers, payload }, options);
    expect(result).toEqual({ ok: false, reason });
    expect(JSON.stringify(result)).not.toContain(TOKEN);
  });

  test("trims its own token, refuses a blank one and a bad maxSkewMs", async () => {
    const headers = { authorization: `Bearer ${TOKEN}` };
    expect(await verifyWebhook({ headers }, { token: ` ${TOKEN}\r\n` })).toEqual({ ok: true });
    await expect(verifyWebhook({ headers }, { token: " \n" })).rejects.toThrow(
      new TypeError("token must be a non-blank string"),
    );
    await expect(
      verifyWebhook({ headers }, { token: TOKEN, maxSkewMs: Number.NaN }),
    ).rejects.toThrow(new TypeError("maxSkewMs must be a positive whole number"));
  });

  test("refuses to run without a token of its own", async () => {
    await expect(verifyWebhook({ headers: {} }, { token: "" })).rejects.toThrow(TypeError);
    await expect(
      verifyWebhook({ headers: {} }, { token: undefined as unknown as string }),
    ).rejects.toThrow(TypeError);
  });

  describe("X-Timestamp skew", () => {
    const now = () => Date.parse("2018-10-16T02:43:05Z");
    const check = (timestamp: string | undefined, maxSkewMs = 60_000) =>
      verifyWebhook(
        {
          headers: {
            authorization: TOKEN,
            ...(timestamp === undefined ? {} : { "X-Timestamp": timestamp }),
          },
        },
        { token: TOKEN, maxSkewMs, now },
      );

    test("accepts a timestamp within the bound, either side", async () => {
      expect(await check("2018-10-16T02:43:05Z")).toEqual({ ok: true });
      expect(await check("2018-10-16T02:42:06Z")).toEqual({ ok: true });
      expect(await check("2018-10-16T02:44:04.999Z")).toEqual({ ok: true });
      expect(await check("2018-10-16T13:43:05+11:00")).toEqual({ ok: true });
      expect(await check("2018-10-15T21:43:05-05:00")).toEqual({ ok: true });
    });

    test("refuses one outside it", async () => {
      expect(await check("2018-10-16T02:41:05Z")).toEqual({ ok: false, reason: "stale" });
      expect(await check("2018-10-16T02:45:05Z")).toEqual({ ok: false, reason: "stale" });
      expect(await check("2018-10-16T02:43:05+01:00")).toEqual({ ok: false, reason: "stale" });
    });

    test.each([
      undefined,
      "",
      "yesterday",
      "2018-10-16T02:43:05",
      "2018-02-30T02:43:05Z",
      "1539657785",
      "2018-10-16T24:00:00Z",
    ])("refuses %j as a bad timestamp", async (timestamp) => {
      expect(await check(timestamp)).toEqual({ ok: false, reason: "bad_timestamp" });
    });

    test("checks the token first, and ignores the timestamp without a bound", async () => {
      expect(
        await verifyWebhook(
          { headers: { authorization: "bad", "x-timestamp": "bad" } },
          { token: TOKEN, maxSkewMs: 1 },
        ),
      ).toEqual({ ok: false, reason: "bad_token" });
      expect(
        await verifyWebhook({ headers: { authorization: TOKEN, "x-timestamp": "bad" } }, options),
      ).toEqual({
        ok: true,
      });
    });
  });
});

describe("constant-time comparison", () => {
  test("compares equal-length and different-length strings correctly", () => {
    expect(timingSafeEqual(TOKEN, TOKEN)).toBe(true);
    expect(timingSafeEqual(TOKEN, `${TOKEN.slice(0, -1)}X`)).toBe(false); // same length
    expect(timingSafeEqual(TOKEN, TOKEN.slice(0, 5))).toBe(false); // shorter
    expect(timingSafeEqual(TOKEN, TOKEN.repeat(40))).toBe(false); // longer
    expect(timingSafeEqual(TOKEN.repeat(40), TOKEN.repeat(40))).toBe(true); // long tokens
    expect(timingSafeEqual(`${TOKEN.repeat(40)}x`, `${TOKEN.repeat(40)}y`)).toBe(false);
  });

  test("an expected token that changes between calls is compared as it is now", () => {
    expect(timingSafeEqual("first-token", "first-token")).toBe(true);
    expect(timingSafeEqual("first-token", "other-token")).toBe(false);
    expect(timingSafeEqual("other-token", "other-token")).toBe(true);
    expect(timingSafeEqual("other-token", "first-token")).toBe(false);
    expect(timingSafeEqual("", "")).toBe(true);
    expect(timingSafeEqual("\u00e9", "e\u0301")).toBe(false);
    expect(timingSafeEqual("\u00e9", "\u00e8")).toBe(false); // same length in bytes, last differs
  });

  /** Bytes that count how many times one of them is read. */
  function counted(bytes: Uint8Array): { bytes: ArrayLike<number>; reads: () => number } {
    let reads = 0;
    const proxy = new Proxy(bytes, {
      get(target, key) {
        if (typeof key === "string" && /^\d+$/.test(key)) reads++;
        return target[key as keyof Uint8Array];
      },
    });
    return { bytes: proxy, reads: () => reads };
  }

  test("reads every byte of equal-length tokens, wherever they first differ", () => {
    const expected = new TextEncoder().encode(TOKEN);
    const guesses = [
      TOKEN,
      `X${TOKEN.slice(1)}`,
      `${TOKEN.slice(0, 10)}X${TOKEN.slice(11)}`,
      `${TOKEN.slice(0, -1)}X`,
      "X".repeat(TOKEN.length),
    ];
    for (const guess of guesses) {
      const left = counted(new TextEncoder().encode(guess));
      const right = counted(expected);
      expect(equalBytes(left.bytes, right.bytes)).toBe(guess === TOKEN);
      expect([left.reads(), right.reads()]).toEqual([expected.length, expected.length]);
    }
  });

  test("reads no byte when the lengths differ, and never hashes", () => {
    const digest = vi.spyOn(crypto.subtle, "digest");
    for (const guess of ["x", TOKEN.slice(0, -1), `${TOKEN}X`, TOKEN.repeat(100)]) {
      const left = counted(new TextEncoder().encode(guess));
      const right = counted(new TextEncoder().encode(TOKEN));
      expect(equalBytes(left.bytes, right.bytes)).toBe(false);
      expect([left.reads(), right.reads()]).toEqual([0, 0]);
      expect(timingSafeEqual(guess, TOKEN)).toBe(false);
    }
    expect(digest).not.toHaveBeenCalled();
    digest.mockRestore();
  });
});
