/// <reference types="node" />
// What a caller can see of each call: the response and its request id (`.withResponse()`, on
// errors, in log lines), middleware around every attempt, and headers per call.
import { describe, expect, it } from "vitest";
import {
  AbortError,
  ApiError,
  BestSMSError,
  ConnectionError,
  clientFromEnv,
  type Logger,
  type Middleware,
  NotFoundError,
  rawClient,
  TimeoutError,
  ValidationError,
} from "../src/index.js";
import { settle } from "./helpers/fake-clock.js";
import { StubFetch } from "./helpers/fetch.js";
import { GROUP_ID, MESSAGE_ID, TOKEN, useHarness } from "./helpers/harness.js";

const h = useHarness();

function run<T>(promise: Promise<T>): Promise<T> {
  return settle(promise, h.clock, { inFlight: h.tracked.inFlight });
}

describe(".withResponse()", () => {
  it("gives the output, the response and the service's X-Request-Id", async () => {
    const client = h.client();
    const { data, response, requestId } = await client.reports.status
      .poll({ MessageID: MESSAGE_ID })
      .withResponse();
    expect(data.Result).toBe("Success");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(await response.json()).toMatchObject({ Result: "Success" });
    expect(requestId).toBe("srv-1");
  });

  it("awaiting the call itself gives the output, with one request", async () => {
    const client = h.client();
    const call = client.reports.status.poll({ MessageID: MESSAGE_ID });
    expect(call).toBeInstanceOf(Promise);
    const [a, b] = await Promise.all([call, call.withResponse()]);
    expect(a).toBe(b.data);
    expect(h.server.requests).toHaveLength(1);
  });

  it("without X-Request-Id, the id the client made", async () => {
    h.server.enqueue({
      json: h.server.operation("reports.status.poll").example,
      headers: { "x-request-id": "" },
    });
    const { requestId } = await h
      .client()
      .reports.status.poll({ MessageID: MESSAGE_ID })
      .withResponse();
    expect(requestId).toMatch(/^req_[0-9a-f]{8}_[0-9a-z]+$/);
  });

  it("the standalone functions offer it too", async () => {
    const { messagingSmsSendMessage } = await import("../src/index.js");
    const { data, requestId } = await messagingSmsSendMessage(h.core(), {
      MessageText: "Hi",
      Recipients: "+61421000001",
    }).withResponse();
    expect(data.Result).toBe("Success");
    expect(requestId).toBe("srv-1");
  });

  it("a failure rejects .withResponse() once, with the ApiError", async () => {
    h.server.enqueue({
      status: 404,
      json: { Result: "RecordNotFound", ErrorMessage: ["No such message"] },
    });
    const error = await h
      .client()
      .reports.status.poll({ MessageID: MESSAGE_ID })
      .withResponse()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
  });
});

describe("errors carry status, headers and requestId", () => {
  it("an ApiError from a 400", async () => {
    h.server.enqueue({
      status: 400,
      headers: { "x-request-id": "abc-123", "x-extra": "1" },
      json: { Result: "Failed", ErrorMessage: ["Bad"] },
    });
    const error = (await h
      .client()
      .reports.status.poll({ MessageID: MESSAGE_ID })
      .catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(400);
    expect(error.requestId).toBe("abc-123");
    expect(error.headers.get("x-extra")).toBe("1");
  });

  it("a 502 HTML page: its first 200 characters are in the message, the token redacted", async () => {
    const page = `<html><body><h1>502 Bad Gateway</h1><p>upstream said ${TOKEN}</p>${"x".repeat(400)}</body></html>`;
    h.server.enqueue(...Array.from({ length: 3 }, () => ({ status: 502, text: page })));
    const error = (await run(
      h
        .client()
        .reports.status.poll({ MessageID: MESSAGE_ID })
        .catch((e: unknown) => e),
    )) as ApiError;
    expect(error.status).toBe(502);
    expect(error.message).toContain("502 Bad Gateway");
    expect(error.message).toContain("[redacted]");
    expect(error.message).not.toContain(TOKEN);
    expect(error.bodyExcerpt).toHaveLength(200);
    expect(error.requestId).toBe("srv-3");
  });
});

describe("log lines", () => {
  it("carry the request id", async () => {
    const lines: [string, Readonly<Record<string, unknown>>][] = [];
    const logger: Logger = { debug: (m, f) => void lines.push([m, f]) };
    await h.client({ logger }).reports.status.poll({ MessageID: MESSAGE_ID });
    expect(lines).toEqual([
      [
        "bestsms response",
        expect.objectContaining({ requestId: "srv-1", status: 200, attempt: 1 }),
      ],
    ]);
  });

  it("BESTSMS_LOG=debug in clientFromEnv logs each attempt to the console", async () => {
    const seen: unknown[][] = [];
    const original = console.debug;
    console.debug = (...args: unknown[]) => void seen.push(args);
    try {
      const client = clientFromEnv(
        { BESTSMS_AUTH_TOKEN: TOKEN, BESTSMS_BASE_URL: h.server.url, BESTSMS_LOG: "debug" },
        { fetch: h.tracked.fetch, clock: h.clock },
      );
      await client.reports.status.poll({ MessageID: MESSAGE_ID });
    } finally {
      console.debug = original;
    }
    expect(seen).toEqual([["bestsms response", expect.objectContaining({ requestId: "srv-1" })]]);
    expect(JSON.stringify(seen)).not.toContain(TOKEN);
  });

  it("BESTSMS_LOG with an unknown level is refused", () => {
    expect(() => clientFromEnv({ BESTSMS_AUTH_TOKEN: TOKEN, BESTSMS_LOG: "loud" })).toThrow(
      /BESTSMS_LOG must be off, error, warn, info or debug/,
    );
  });
});

describe("middleware", () => {
  it("sees every attempt, retries included, with the token redacted", async () => {
    h.server.enqueue({ status: 500, json: { Result: "Failed", ErrorMessage: ["busy"] } });
    const seen: string[] = [];
    const client = h.client();
    client.use({
      onRequest: ({ request, attempt, operationId }) => {
        seen.push(
          `${operationId} #${attempt} ${request.method} ${request.headers.get("authorization")}`,
        );
        return undefined;
      },
      onResponse: ({ response, attempt, requestId }) => {
        seen.push(`#${attempt} ${response.status} ${requestId}`);
        return undefined;
      },
    });
    await run(client.reports.status.poll({ MessageID: MESSAGE_ID }));
    expect(seen).toEqual([
      "reports.status.poll #1 GET Basic [redacted]",
      expect.stringMatching(/^#1 500 req_/),
      "reports.status.poll #2 GET Basic [redacted]",
      expect.stringMatching(/^#2 200 req_/),
    ]);
    // The real token still went out.
    expect(h.server.requests.map((r) => r.headers.authorization)).toEqual([
      `Basic ${TOKEN}`,
      `Basic ${TOKEN}`,
    ]);
  });

  it("includeToken: true shows the token", async () => {
    let auth: string | null = null;
    const client = h.client();
    client.use({
      includeToken: true,
      onRequest: ({ request }) => {
        auth = request.headers.get("authorization");
        return undefined;
      },
    });
    await client.reports.status.poll({ MessageID: MESSAGE_ID });
    expect(auth).toBe(`Basic ${TOKEN}`);
  });

  it("onRequest may change the request; onResponse may replace the response", async () => {
    const client = h.client();
    client.use({
      onRequest: ({ request }) => {
        const next = new Request(request);
        next.headers.set("x-trace", "t-1");
        return next;
      },
      onResponse: ({ response }) =>
        new Response(JSON.stringify({ Result: "Success", MessageID: "changed", Recipients: [] }), {
          status: 200,
          headers: response.headers,
        }),
    });
    const status = await client.reports.status.poll({ MessageID: MESSAGE_ID });
    expect(status.MessageID).toBe("changed");
    expect(h.server.requests[0]?.headers["x-trace"]).toBe("t-1");
    expect(h.server.requests[0]?.headers.authorization).toBe(`Basic ${TOKEN}`);
  });

  it("a hook that returns nothing may set headers on the request it was shown", async () => {
    const client = h.client();
    const statuses: number[] = [];
    client.use({
      // Block bodies without `return`, as loggers and tracers are written.
      onRequest: ({ request }) => {
        request.headers.set("x-trace", "t-2");
      },
      onResponse: ({ response }) => {
        statuses.push(response.status);
      },
    });
    await client.messaging.sms.sendMessage({
      MessageText: "Hello",
      Recipients: ["+61421000001"],
    });
    const sent = h.server.requests[0];
    expect(sent?.headers["x-trace"]).toBe("t-2");
    // The real token and the whole body still went out.
    expect(sent?.headers.authorization).toBe(`Basic ${TOKEN}`);
    expect(sent?.body).toMatchObject({
      MessageData: { Message: "Hello", Destinations: [{ Recipient: "+61421000001" }] },
    });
    expect(statuses).toEqual([200]);
  });

  it("onRequest may answer without sending; onError may recover a failure", async () => {
    const client = h.client({ maxRetries: 0 });
    const answer: Middleware = {
      onRequest: () =>
        new Response(JSON.stringify({ Result: "Success", Recipients: [] }), { status: 200 }),
    };
    client.use(answer);
    await client.reports.status.poll({ MessageID: MESSAGE_ID });
    expect(h.server.requests).toHaveLength(0);
    client.eject(answer);

    const broken = h.client({ maxRetries: 0, baseUrl: "http://127.0.0.1:9" });
    const errors: unknown[] = [];
    broken.use({
      onError: ({ error }) => {
        errors.push(error);
        return new Response(JSON.stringify({ Result: "Success", Recipients: [] }), { status: 200 });
      },
    });
    const status = await broken.reports.status.poll({ MessageID: MESSAGE_ID });
    expect(status.Result).toBe("Success");
    expect(errors).toHaveLength(1);
  });

  it("onError may replace the error, which becomes the cause", async () => {
    const broken = h.client({ maxRetries: 0, baseUrl: "http://127.0.0.1:9" });
    const mine = new Error("mine");
    broken.use({ onError: () => mine });
    const error = (await broken.reports.status
      .poll({ MessageID: MESSAGE_ID })
      .catch((e: unknown) => e)) as ConnectionError;
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.cause).toBe(mine);
    expect(error.message).toMatch(/127\.0\.0\.1:9 after 1 attempt: mine$/);
  });

  it("a hook that throws fails the call once, as itself: no request, no retry", async () => {
    const client = h.client();
    const bug = new TypeError("bug in my middleware");
    let calls = 0;
    client.use({
      onRequest: () => {
        calls++;
        throw bug;
      },
    });
    const error = await run(client.reports.status.poll({ MessageID: MESSAGE_ID })).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(BestSMSError);
    expect(error).not.toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toBe("reports.status.poll: middleware onRequest threw");
    expect((error as Error).cause).toBe(bug);
    expect((error as BestSMSError).requestId).toMatch(/^req_/);
    expect(calls).toBe(1);
    expect(h.server.requests).toHaveLength(0);

    const late = h.client();
    late.use({
      onResponse: async () => {
        throw bug;
      },
    });
    const after = await run(late.reports.status.poll({ MessageID: MESSAGE_ID })).catch(
      (e: unknown) => e,
    );
    expect((after as Error).message).toBe("reports.status.poll: middleware onResponse threw");
    expect(h.server.requests).toHaveLength(1);
  });

  it("a hook that never answers ends with the attempt: its time limit, or the caller's abort", async () => {
    const client = h.client({ timeoutMs: 300, maxRetries: 0 });
    client.use({ onRequest: () => new Promise<undefined>(() => {}) });
    const timedOut = await run(client.reports.status.poll({ MessageID: MESSAGE_ID })).catch(
      (e: unknown) => e,
    );
    expect(timedOut).toBeInstanceOf(TimeoutError);
    expect(h.clock.elapsed()).toBe(300);

    const controller = new AbortController();
    const call = client.reports.status.poll(
      { MessageID: MESSAGE_ID },
      { signal: controller.signal, timeoutMs: 60_000 },
    );
    const settled = call.catch((e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort();
    const aborted = await settled;
    expect(aborted).toBeInstanceOf(AbortError);
    expect((aborted as AbortError).requestId).toMatch(/^req_/);
    expect(h.server.requests).toHaveLength(0);
  });

  it("onError may still answer an attempt that timed out, however long it takes", async () => {
    const stub = new StubFetch([{ hang: true }]);
    const client = h.client({ fetch: stub.fetch, timeoutMs: 300, maxRetries: 0 });
    client.use({
      onError: async () => {
        await Promise.resolve();
        await new Promise((resolve) => setTimeout(resolve, 1));
        return new Response(JSON.stringify({ Result: "Success", Recipients: [] }), { status: 200 });
      },
    });
    const status = await run(client.reports.status.poll({ MessageID: MESSAGE_ID }));
    expect(status.Result).toBe("Success");
  });

  it("an SDK error a hook throws on purpose passes as it is", async () => {
    const client = h.client();
    const mine = new ValidationError("reports.status.poll", [
      { message: "MessageID: not mine", path: ["MessageID"], rule: "custom" },
    ]);
    client.use({
      onRequest: () => {
        throw mine;
      },
    });
    const error = await run(client.reports.status.poll({ MessageID: MESSAGE_ID })).catch(
      (e: unknown) => e,
    );
    expect(error).toBe(mine);
  });

  it("eject removes it; the middleware option registers it at construction", async () => {
    const calls: number[] = [];
    const m: Middleware = { onRequest: ({ attempt }) => void calls.push(attempt) };
    const client = h.client({ middleware: [m] });
    await client.reports.status.poll({ MessageID: MESSAGE_ID });
    client.eject(m);
    await client.reports.status.poll({ MessageID: MESSAGE_ID });
    expect(calls).toEqual([1]);
  });

  it("rawClient(client) goes through it too", async () => {
    const seen: string[] = [];
    const client = h.client();
    client.use({
      onRequest: ({ request, operationId }) =>
        void seen.push(`${operationId} ${new URL(request.url).pathname}`),
    });
    const { data } = await rawClient(client).GET("/get/status/{MessageID}", {
      params: { path: { MessageID: MESSAGE_ID } },
    });
    expect(data?.Result).toBe("Success");
    expect(seen).toEqual([
      expect.stringMatching(new RegExp(`^undefined .*/get/status/${MESSAGE_ID}$`)),
    ]);
  });
});

describe("headers per call", () => {
  it("are sent, and replace the client's of the same name", async () => {
    const client = h.client({ headers: { "X-App": "one" } });
    await client.addressbook.group.detail(
      { GroupID: GROUP_ID },
      { headers: { "X-App": "two", "X-Call": "c" } },
    );
    expect(h.server.requests[0]?.headers["x-app"]).toBe("two");
    expect(h.server.requests[0]?.headers["x-call"]).toBe("c");
    expect(h.server.requests[0]?.problems).toEqual([]);
  });

  it("Authorization is refused", async () => {
    const error = await h
      .client()
      .addressbook.group.detail({ GroupID: GROUP_ID }, { headers: { authorization: "Basic x" } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BestSMSError);
    expect(String(error)).toContain("set the token with authToken");
    expect(h.server.requests).toHaveLength(0);
  });
});
