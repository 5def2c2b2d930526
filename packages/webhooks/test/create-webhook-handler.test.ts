import { describe, expect, test, vi } from "vitest";
import {
  createMemoryDedupeStore,
  createWebhookHandler,
  type DedupeStore,
  type ParsedReceivedWebhook,
  type ParsedStatusWebhook,
  type UnknownWebhook,
  type WebhookHandlerOptions,
  webhookEventKey,
} from "../src/index.js";
import { xmlParser } from "../src/xml.js";
import {
  deferred,
  endlessBody,
  jsonRequest,
  statusPayload,
  TOKEN,
  toXml,
  webhookRequest,
} from "./helpers/requests.js";

function setup(options: Partial<WebhookHandlerOptions> = {}) {
  const onStatus = vi.fn<(webhook: ParsedStatusWebhook) => void>();
  const onReceived = vi.fn<(webhook: ParsedReceivedWebhook) => void>();
  const handler = createWebhookHandler({ token: TOKEN, onStatus, onReceived, ...options });
  return { handler, onStatus, onReceived };
}

async function answer(response: Response): Promise<[number, string]> {
  return [response.status, await response.text()];
}

describe("createWebhookHandler", () => {
  test("calls onStatus for a status report and answers 200", async () => {
    const { handler, onStatus, onReceived } = setup();
    expect(await answer(await handler(jsonRequest(statusPayload())))).toEqual([200, "ok"]);
    expect(onStatus).toHaveBeenCalledOnce();
    expect(onStatus.mock.calls[0]?.[0]).toMatchObject({
      kind: "status",
      payload: { MessageID: "js82hn8n", Status: "SUCCESS" },
      parsed: { price: 0.2, detail: { SMSParts: 2 } },
    });
    expect(onReceived).not.toHaveBeenCalled();
  });

  test("calls onReceived for a received SMS, with the request", async () => {
    const { handler, onReceived } = setup();
    const request = jsonRequest(statusPayload({ Type: "SMSInbound", Message: "Call me" }));
    expect((await handler(request)).status).toBe(200);
    expect(onReceived).toHaveBeenCalledWith(expect.objectContaining({ kind: "received" }), {
      request,
    });
  });

  test("answers 405 with Allow: POST for other methods", async () => {
    const { handler, onStatus } = setup();
    for (const method of ["GET", "HEAD", "PUT", "DELETE", "OPTIONS", "PATCH"]) {
      const response = await handler(webhookRequest("{}", { method }));
      expect(response.status).toBe(405);
      expect(response.headers.get("allow")).toBe("POST");
    }
    expect(onStatus).not.toHaveBeenCalled();
  });

  test("answers 415 for a content type it does not take, before reading the body", async () => {
    const { handler } = setup();
    const { stream, pulled } = endlessBody(1024, 0);
    expect((await handler(webhookRequest(stream, { contentType: "text/plain" }))).status).toBe(415);
    expect(pulled()).toBe(0);
    // XML is only taken with the XML parser.
    expect(
      (await handler(webhookRequest(toXml(statusPayload()), { contentType: "text/xml" }))).status,
    ).toBe(415);
    const sniffed = webhookRequest(toXml(statusPayload()), { contentType: null });
    expect(await answer(await handler(sniffed))).toEqual([415, "unsupported_content_type"]);
  });

  test("takes XML with the XML parser", async () => {
    const { handler, onStatus } = setup({ xml: xmlParser });
    for (const contentType of ["application/xml", "text/xml; charset=utf-8", null]) {
      expect((await handler(webhookRequest(toXml(statusPayload()), { contentType }))).status).toBe(
        200,
      );
    }
    expect(onStatus).toHaveBeenCalledTimes(3);
    expect(onStatus.mock.calls[0]?.[0].format).toBe("xml");
  });

  describe("413 without reading past the limit", () => {
    const maxBodyBytes = 10 * 1024;
    const chunk = 1024;

    test("from Content-Length, reading nothing", async () => {
      const { handler } = setup({ maxBodyBytes });
      const { stream, pulled } = endlessBody(chunk, 0);
      const request = webhookRequest(stream, {
        headers: { "content-length": String(maxBodyBytes + 1) },
      });
      expect(await answer(await handler(request))).toEqual([413, "too_large"]);
      expect(pulled()).toBe(0);
    });

    test("while streaming, cancelling once the limit is crossed", async () => {
      const { handler } = setup({ maxBodyBytes });
      // The stream errors, which would make a 400, if more than one chunk past the limit is pulled.
      const { stream, pulled } = endlessBody(chunk, maxBodyBytes + chunk);
      expect((await handler(webhookRequest(stream))).status).toBe(413);
      expect(pulled()).toBe(maxBodyBytes + chunk);
    });

    test("when Content-Length understates the body", async () => {
      const { handler } = setup({ maxBodyBytes });
      const { stream, pulled } = endlessBody(chunk, maxBodyBytes + chunk);
      expect(
        (await handler(webhookRequest(stream, { headers: { "content-length": "10" } }))).status,
      ).toBe(413);
      expect(pulled()).toBeLessThanOrEqual(maxBodyBytes + chunk);
    });

    test("a body exactly at the limit is read", async () => {
      const { handler } = setup({ maxBodyBytes: 400 });
      const body = JSON.stringify(statusPayload());
      const padded = `${body.slice(0, -1)},"Pad":"${"x".repeat(400 - body.length - 9)}"}`;
      expect(new TextEncoder().encode(padded).length).toBe(400);
      expect((await handler(webhookRequest(padded))).status).toBe(200);
      expect((await handler(webhookRequest(`${padded} `))).status).toBe(413);
    });
  });

  describe("401", () => {
    test("for a wrong token in the header, before reading the body", async () => {
      const { handler } = setup();
      const { stream, pulled } = endlessBody(1024, 0);
      const response = await handler(
        webhookRequest(stream, { headers: { authorization: "Basic wrong" } }),
      );
      expect(await answer(response)).toEqual([401, "unauthorized"]);
      expect(pulled()).toBe(0);
    });

    test("for a wrong or missing token in the body", async () => {
      const { handler, onStatus } = setup();
      expect((await handler(jsonRequest(statusPayload({ APIKey: "wrong" })))).status).toBe(401);
      expect((await handler(jsonRequest(statusPayload({ APIKey: undefined })))).status).toBe(401);
      expect(onStatus).not.toHaveBeenCalled();
    });

    test("for a stale X-Timestamp when skew is bounded", async () => {
      const now = () => Date.parse("2018-10-16T02:43:05Z");
      const { handler } = setup({ maxSkewMs: 300_000, now });
      const fresh = { "x-timestamp": "2018-10-16T02:43:00Z" };
      const old = { "x-timestamp": "2018-10-16T01:43:00Z" };
      expect((await handler(jsonRequest(statusPayload(), { headers: fresh }))).status).toBe(200);
      expect((await handler(jsonRequest(statusPayload(), { headers: old }))).status).toBe(401);
      expect((await handler(jsonRequest(statusPayload()))).status).toBe(401);
      const header = { ...old, authorization: TOKEN };
      expect((await handler(jsonRequest(statusPayload(), { headers: header }))).status).toBe(401);
    });

    test("accepts a token in the header when the body has none", async () => {
      const { handler } = setup();
      const request = jsonRequest(statusPayload({ APIKey: undefined }), {
        headers: { authorization: `Basic ${TOKEN}` },
      });
      expect((await handler(request)).status).toBe(200);
    });
  });

  test("answers 400 naming the failed check, without echoing the body", async () => {
    const { handler } = setup();
    const cases: Array<[string, string]> = [
      ["{", "invalid_json"],
      ["[]", "invalid_root"],
      ["", "empty_body"],
      ['{"APIKey":"x"}', "missing_type"],
    ];
    for (const [body, reason] of cases) {
      expect(await answer(await handler(webhookRequest(body)))).toEqual([400, reason]);
    }
    const secret = statusPayload({ Type: "Nope", Message: "private" });
    const text = await (await handler(jsonRequest(secret))).text();
    expect(text).toBe("unknown_type");
  });

  test("answers 400 for an unreadable body", async () => {
    const { handler } = setup();
    const stream = new ReadableStream({
      pull(controller) {
        controller.error(new Error("connection reset"));
      },
    });
    expect(await answer(await handler(webhookRequest(stream)))).toEqual([400, "unreadable_body"]);
  });

  test("answers 400 when a custom XML parser throws something of its own", async () => {
    const xml = () => {
      throw new RangeError("parser bug");
    };
    const { handler } = setup({ xml });
    const request = webhookRequest("<Webhook/>", { contentType: "application/xml" });
    expect(await answer(await handler(request))).toEqual([400, "invalid_body"]);
  });

  test("passes an unknown Type to onUnknown when given", async () => {
    const onUnknown = vi.fn<(webhook: UnknownWebhook) => void>();
    const { handler } = setup({ onUnknown });
    expect((await handler(jsonRequest(statusPayload({ Type: "Email" })))).status).toBe(200);
    expect(onUnknown.mock.calls[0]?.[0]).toMatchObject({
      kind: "unknown",
      payload: { Type: "Email" },
    });
    // Still authenticated first.
    expect((await handler(jsonRequest(statusPayload({ Type: "Email", APIKey: "x" })))).status).toBe(
      401,
    );
    expect(onUnknown).toHaveBeenCalledOnce();
  });

  test("answers 500 when a callback throws, telling onError", async () => {
    const failure = new Error("database down");
    const onError = vi.fn();
    const { handler } = setup({
      onStatus: () => {
        throw failure;
      },
      onReceived: async () => {
        await Promise.resolve();
        throw failure;
      },
      onError,
    });
    expect(await answer(await handler(jsonRequest(statusPayload())))).toEqual([
      500,
      "internal_error",
    ]);
    expect(await answer(await handler(jsonRequest(statusPayload({ Type: "SMSReply" }))))).toEqual([
      500,
      "internal_error",
    ]);
    expect(onError).toHaveBeenCalledTimes(2);
    expect(onError.mock.calls[0]?.[0]).toBe(failure);
    expect(onError.mock.calls[0]?.[1]).toMatchObject({ webhook: { kind: "status" } });
  });

  test("answers 500 even when onError throws too", async () => {
    const { handler } = setup({
      onStatus: () => Promise.reject(new Error("a")),
      onError: () => {
        throw new Error("b");
      },
    });
    expect((await handler(jsonRequest(statusPayload()))).status).toBe(500);
  });

  test("refuses to be created without a token", () => {
    expect(() => setup({ token: "" })).toThrow(TypeError);
  });
});

/** What `create` throws, for a check of both its class and its message. */
function thrown(create: () => unknown): unknown {
  try {
    create();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe("options are checked when the handler is created", () => {
  const confirming: DedupeStore = { claim: () => true, release: () => {}, confirm: () => {} };
  // NaN is what `Number(process.env.UNSET)` gives; each of these once lifted a limit or turned
  // dedupe off without a word.
  const bad = [Number.NaN, Number.POSITIVE_INFINITY, 0, -1, 1024.5];
  const withValue: Record<string, (value: number) => Partial<WebhookHandlerOptions>> = {
    maxBodyBytes: (value) => ({ maxBodyBytes: value }),
    maxSkewMs: (value) => ({ maxSkewMs: value }),
    "dedupe.ttlMs": (value) => ({ dedupe: { ttlMs: value } }),
    "dedupe.leaseMs": (value) => ({ dedupe: { store: confirming, leaseMs: value } }),
  };
  test.each(Object.keys(withValue).flatMap((name) => bad.map((value) => [name, value] as const)))(
    "refuses %s: %d",
    (name, value) => {
      const error = thrown(() => setup(withValue[name]?.(value)));
      expect(error).toBeInstanceOf(TypeError);
      expect((error as TypeError).message).toBe(`${name} must be a positive whole number`);
    },
  );

  test("takes undefined as not given, and whole numbers", async () => {
    const { handler } = setup({
      maxBodyBytes: undefined,
      maxSkewMs: undefined,
      dedupe: { ttlMs: undefined, leaseMs: undefined },
    });
    expect((await handler(jsonRequest(statusPayload()))).status).toBe(200);
    const limited = setup({
      maxBodyBytes: 10,
      dedupe: { store: confirming, ttlMs: 1, leaseMs: 1 },
    });
    expect(await answer(await limited.handler(jsonRequest(statusPayload())))).toEqual([
      413,
      "too_large",
    ]);
  });

  test.each(["", " ", "\n", " \t\r\n"])("refuses a blank token: %j", (token) => {
    const error = thrown(() => setup({ token }));
    expect(error).toBeInstanceOf(TypeError);
    expect((error as TypeError).message).toBe("token must be a non-blank string");
  });

  test("trims the configured token, as it trims the presented one", async () => {
    // A token read from a secret file often ends in a newline.
    const { handler, onStatus } = setup({ token: `${TOKEN}\n` });
    const inHeader = jsonRequest(statusPayload({ APIKey: undefined }), {
      headers: { authorization: `Basic ${TOKEN}` },
    });
    expect(await answer(await handler(inHeader))).toEqual([200, "ok"]);
    expect(await answer(await handler(jsonRequest(statusPayload())))).toEqual([200, "ok"]);
    expect(onStatus).toHaveBeenCalledTimes(2);
    const wrong = jsonRequest(statusPayload(), { headers: { authorization: `${TOKEN}x` } });
    expect(await answer(await handler(wrong))).toEqual([401, "unauthorized"]);
  });
});

describe("dedupe", () => {
  test("answers a repeated event 200 without calling back", async () => {
    const { handler, onStatus } = setup({ dedupe: true });
    expect(await answer(await handler(jsonRequest(statusPayload())))).toEqual([200, "ok"]);
    expect(await answer(await handler(jsonRequest(statusPayload())))).toEqual([200, "duplicate"]);
    // A repeat in XML, with a new token field or Version, is the same event.
    const { handler: both, onStatus: calls } = setup({ dedupe: true, xml: xmlParser });
    await both(jsonRequest(statusPayload()));
    await both(
      webhookRequest(toXml(statusPayload({ Version: "2.05" })), { contentType: "text/xml" }),
    );
    expect(calls).toHaveBeenCalledOnce();
    expect(onStatus).toHaveBeenCalledOnce();
  });

  test("tells new events apart", async () => {
    const { handler, onStatus, onReceived } = setup({ dedupe: true });
    await handler(jsonRequest(statusPayload({ Status: "PENDING", Result: "" })));
    await handler(jsonRequest(statusPayload()));
    await handler(jsonRequest(statusPayload({ Destination: "+61421000002" })));
    await handler(jsonRequest(statusPayload({ MessageID: "other" })));
    await handler(jsonRequest(statusPayload({ Type: "SMSReply", Message: "one" })));
    await handler(jsonRequest(statusPayload({ Type: "SMSReply", Message: "two" })));
    expect(onStatus).toHaveBeenCalledTimes(4);
    expect(onReceived).toHaveBeenCalledTimes(2);
  });

  test("handles the retry of an event whose callback threw", async () => {
    let fail = true;
    const onStatus = vi.fn(() => {
      if (fail) throw new Error("transient");
    });
    const { handler } = setup({ dedupe: true, onStatus });
    expect((await handler(jsonRequest(statusPayload()))).status).toBe(500);
    fail = false;
    expect(await answer(await handler(jsonRequest(statusPayload())))).toEqual([200, "ok"]);
    expect(await answer(await handler(jsonRequest(statusPayload())))).toEqual([200, "duplicate"]);
    expect(onStatus).toHaveBeenCalledTimes(2);
  });

  test("calls back once for concurrent duplicates", async () => {
    const gate = deferred();
    const onStatus = vi.fn(() => gate.promise);
    const { handler } = setup({ dedupe: true, onStatus });
    // Either may claim the event first (each reads its body before claiming): the other is
    // answered as a duplicate while the first's callback is still running.
    const answers = [
      handler(jsonRequest(statusPayload())),
      handler(jsonRequest(statusPayload())),
    ].map(async (response) => answer(await response));
    expect(await Promise.race(answers)).toEqual([200, "duplicate"]);
    expect(onStatus).toHaveBeenCalledOnce();
    gate.resolve();
    expect((await Promise.all(answers)).sort()).toEqual([
      [200, "duplicate"],
      [200, "ok"],
    ]);
    expect(onStatus).toHaveBeenCalledOnce();
  });

  test("forgets events after the window, on the injected clock", async () => {
    let time = 0;
    const { handler, onStatus } = setup({ dedupe: { ttlMs: 1000 }, now: () => time });
    await handler(jsonRequest(statusPayload()));
    time = 999;
    await handler(jsonRequest(statusPayload()));
    time = 1000;
    await handler(jsonRequest(statusPayload()));
    expect(onStatus).toHaveBeenCalledTimes(2);
  });

  test("remembers 25 hours by default", async () => {
    let time = 0;
    const { handler, onStatus } = setup({ dedupe: true, now: () => time });
    await handler(jsonRequest(statusPayload()));
    time = 24.9 * 3_600_000;
    await handler(jsonRequest(statusPayload()));
    time = 25 * 3_600_000;
    await handler(jsonRequest(statusPayload()));
    expect(onStatus).toHaveBeenCalledTimes(2);
  });

  test("does not let an unauthenticated request claim an event", async () => {
    const { handler, onStatus } = setup({ dedupe: true });
    expect((await handler(jsonRequest(statusPayload({ APIKey: "forged" })))).status).toBe(401);
    expect((await handler(jsonRequest(statusPayload()))).status).toBe(200);
    expect(onStatus).toHaveBeenCalledOnce();
  });

  test("uses a given store with the event key, and survives its failures", async () => {
    const claimed = new Set<string>();
    const store: DedupeStore = {
      claim: vi.fn(async (key: string) => !claimed.has(key) && Boolean(claimed.add(key))),
      release: vi.fn(async (key: string) => {
        claimed.delete(key);
        throw new Error("store down"); // must not change the answer
      }),
    };
    let fail = true;
    const onError = vi.fn();
    const { handler } = setup({
      dedupe: { store, ttlMs: 5000 },
      onError,
      onStatus: () => {
        if (fail) throw new Error("x");
      },
    });
    expect((await handler(jsonRequest(statusPayload()))).status).toBe(500);
    const key = await webhookEventKey(statusPayload());
    expect(store.claim).toHaveBeenCalledWith(key, 5000);
    expect(store.release).toHaveBeenCalledWith(key);
    expect(onError).toHaveBeenCalledOnce();
    fail = false;
    expect((await handler(jsonRequest(statusPayload()))).status).toBe(200);
  });

  test("a store that can confirm: a short lease while handling, the whole window once handled", async () => {
    let time = 0;
    const expiries = new Map<string, number>();
    const held = (key: string) => (expiries.get(key) ?? -1) > time;
    const store: DedupeStore = {
      claim: vi.fn((key: string, ttlMs: number) => {
        if (held(key)) return false;
        expiries.set(key, time + ttlMs);
        return true;
      }),
      release: vi.fn((key: string) => void expiries.delete(key)),
      confirm: vi.fn((key: string, ttlMs: number) => {
        if (held(key)) expiries.set(key, time + ttlMs);
      }),
    };
    const key = await webhookEventKey(statusPayload());
    let dies = true;
    const onStatus = vi.fn(() =>
      // The receiver dies mid-callback: no answer, no release, no confirm.
      dies ? new Promise<void>(() => {}) : undefined,
    );
    const { handler } = setup({ dedupe: { store, ttlMs: 90_000_000 }, onStatus });
    void handler(jsonRequest(statusPayload()));
    await vi.waitFor(() => expect(onStatus).toHaveBeenCalledOnce());
    expect(store.claim).toHaveBeenCalledWith(key, 240_000);
    // A repeat within the lease is a duplicate; the service's retry 5 minutes on is handled.
    expect(await answer(await handler(jsonRequest(statusPayload())))).toEqual([200, "duplicate"]);
    time += 5 * 60_000;
    dies = false;
    expect(await answer(await handler(jsonRequest(statusPayload())))).toEqual([200, "ok"]);
    expect(store.confirm).toHaveBeenCalledWith(key, 90_000_000);
    expect(onStatus).toHaveBeenCalledTimes(2);
    // Handled and confirmed: remembered for the whole window, not just the lease.
    time += 24 * 3_600_000;
    expect(await answer(await handler(jsonRequest(statusPayload())))).toEqual([200, "duplicate"]);
    expect(store.release).not.toHaveBeenCalled();
  });

  test("a failing confirm does not change the answer (the lease ends; a retry is handled)", async () => {
    const store: DedupeStore = {
      claim: () => true,
      release: vi.fn(),
      confirm: () => Promise.reject(new Error("store down")),
    };
    const { handler, onStatus } = setup({ dedupe: { store, leaseMs: 1000 } });
    expect(await answer(await handler(jsonRequest(statusPayload())))).toEqual([200, "ok"]);
    expect(onStatus).toHaveBeenCalledOnce();
    expect(store.release).not.toHaveBeenCalled();
  });

  test("answers 500 when the store fails to claim, so the event is retried", async () => {
    const onError = vi.fn();
    const store: DedupeStore = {
      claim: () => Promise.reject(new Error("store down")),
      release: () => {},
    };
    const { handler, onStatus } = setup({ dedupe: { store }, onError });
    expect((await handler(jsonRequest(statusPayload()))).status).toBe(500);
    expect(onStatus).not.toHaveBeenCalled();
    expect(onError).toHaveBeenCalledOnce();
  });
});

describe("createMemoryDedupeStore", () => {
  test("claims once per window", () => {
    let time = 0;
    const store = createMemoryDedupeStore({ now: () => time });
    expect(store.claim("a", 10)).toBe(true);
    expect(store.claim("a", 10)).toBe(false);
    time = 10;
    expect(store.claim("a", 10)).toBe(true);
    store.release("a");
    expect(store.claim("a", 10)).toBe(true);
  });

  test("keeps at most maxEntries, dropping the oldest", () => {
    const store = createMemoryDedupeStore({ maxEntries: 3, now: () => 0 });
    for (const key of ["a", "b", "c", "d"]) expect(store.claim(key, 100)).toBe(true);
    expect(store.claim("a", 100)).toBe(true); // evicted
    expect(store.claim("d", 100)).toBe(false);
    expect(store.claim("c", 100)).toBe(false);
  });

  test("stays bounded under a flood of distinct keys", () => {
    let time = 0;
    const store = createMemoryDedupeStore({ maxEntries: 100, now: () => time });
    for (let i = 0; i < 10_000; i++) {
      time = i;
      store.claim(`k${i}`, 1_000_000);
    }
    expect(store.claim("k9999", 1)).toBe(false);
    expect(store.claim("k9900", 1)).toBe(false);
    expect(store.claim("k9899", 1)).toBe(true); // long gone
  });
});

describe("webhookEventKey", () => {
  test("is stable, short and leaves out the token, version and URL", async () => {
    const key = await webhookEventKey(statusPayload());
    expect(key).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(
      await webhookEventKey(statusPayload({ APIKey: "other", Version: "9", URL: "https://x" })),
    ).toBe(key);
    expect(await webhookEventKey(statusPayload({ Status: "FAILED" }))).not.toBe(key);
    expect(await webhookEventKey({ Type: "SMS", MessageID: "a", Destination: "" })).not.toBe(
      await webhookEventKey({ Type: "SMS", MessageID: "", Destination: "a" }),
    );
  });
});
