/// <reference types="node" />
// The retry policy on a fake clock: how many attempts, and how long the client sleeps between
// them. Most tests use a scripted fetch (exact and instant); the rest use the spec server and
// real sockets for what only a network does (refused connections, broken connections).
import { describe, expect, it } from "vitest";
import {
  AbortError,
  ApiError,
  BestSMS,
  type ClientOptions,
  ConnectionError,
  RateLimitError,
  TimeoutError,
} from "../src/index.js";
import { closedPort } from "./helpers/closed-port.js";
import { flush, settle } from "./helpers/fake-clock.js";
import { StubFetch, type StubStep } from "./helpers/fetch.js";
import { CONTACT_ID, GROUP_ID, MESSAGE_ID, useHarness } from "./helpers/harness.js";

const h = useHarness();

/** A per-attempt time limit no sleep of the policy equals, so sleeps can be told from timeouts. */
const TIMEOUT = 99_999;

function stubbed(steps: readonly StubStep[], extra: Partial<ClientOptions> = {}) {
  const stub = new StubFetch(steps);
  const client = h.client({ fetch: stub.fetch, timeoutMs: TIMEOUT, ...extra });
  return { stub, client };
}

/** The sleeps the client asked the clock for (its per-attempt timers left out). */
function sleeps(timeout = TIMEOUT): number[] {
  return h.clock.requested.filter((ms) => ms !== timeout);
}

function status(code: number, headers: Record<string, string> = {}): StubStep {
  return { status: code, headers, json: { Result: "Failed", ErrorMessage: [`HTTP ${code}`] } };
}

async function outcome(promise: Promise<unknown>): Promise<unknown> {
  try {
    return await settle(promise, h.clock);
  } catch (error) {
    return error;
  }
}

const sendInput = { MessageText: "Hi", Recipients: "+61421000001" } as const;

type Call = (client: BestSMS) => Promise<unknown>;
const CALLS: Record<string, Call> = {
  "GET reports.status.poll": (c) => c.reports.status.poll({ MessageID: MESSAGE_ID }),
  "PATCH actions.abort.sendRequest": (c) => c.actions.abort.sendRequest({ MessageID: MESSAGE_ID }),
  "DELETE addressbook.contact.delete": (c) =>
    c.addressbook.contact.delete({ ContactID: CONTACT_ID }),
  "POST messaging.sms.sendMessage": (c) => c.messaging.sms.sendMessage(sendInput),
  "POST addressbook.contact.create": (c) => c.addressbook.contact.create({ FirstName: "Ann" }),
  "POST addressbook.groupContact.create": (c) =>
    c.addressbook.groupContact.create({ GroupID: GROUP_ID, ContactID: CONTACT_ID }),
};
const SAFE = Object.keys(CALLS).filter((name) => !name.startsWith("POST"));
const UNSAFE = Object.keys(CALLS).filter((name) => name.startsWith("POST"));

function callOf(name: string): Call {
  const call = CALLS[name];
  if (!call) throw new Error(`no call ${name}`);
  return call;
}

function pairs(names: readonly string[], causes: readonly (string | number)[]) {
  return names.flatMap((name) => causes.map((cause) => [name, cause] as const));
}

function stepFor(cause: string | number): StubStep {
  if (typeof cause === "number") return status(cause);
  if (cause === "timeout") return { hang: true };
  return { error: cause === "connection refused" ? "refused" : "reset" };
}

describe("which failures are retried", () => {
  it.each(
    pairs(SAFE, [
      408,
      409,
      429,
      500,
      502,
      503,
      504,
      "connection refused",
      "connection reset",
      "timeout",
    ]),
  )("%s is retried after %s", async (name, cause) => {
    const { stub, client } = stubbed([stepFor(cause)], { timeoutMs: 1000 });
    await outcome(callOf(name)(client));
    expect(stub.calls).toHaveLength(2);
    expect(stub.calls[0]?.url).toBe(stub.calls[1]?.url);
  });

  it.each(pairs(SAFE, [400, 401, 403, 404, 422]))(
    "%s is not retried after %s",
    async (name, cause) => {
      const { stub, client } = stubbed([stepFor(cause)]);
      expect(await outcome(callOf(name)(client))).toBeInstanceOf(ApiError);
      expect(stub.calls).toHaveLength(1);
    },
  );

  it.each(pairs(UNSAFE, [429, 503, "connection refused"]))(
    "%s (not acted on) is retried after %s",
    async (name, cause) => {
      const { stub, client } = stubbed([stepFor(cause)]);
      await outcome(callOf(name)(client));
      expect(stub.calls).toHaveLength(2);
    },
  );

  it.each(pairs(UNSAFE, [408, 409, 500, 502, 504, "connection reset", "timeout"]))(
    "%s (may have been acted on) is not retried after %s",
    async (name, cause) => {
      const { stub, client } = stubbed([stepFor(cause)], { timeoutMs: 1000 });
      const error = await outcome(callOf(name)(client));
      expect(stub.calls).toHaveLength(1);
      if (cause === "timeout") expect(error).toBeInstanceOf(TimeoutError);
      else if (cause === "connection reset") expect(error).toBeInstanceOf(ConnectionError);
      else expect(error).toMatchObject({ status: cause });
    },
  );

  it.each(pairs(UNSAFE, [500, 502, 504, "connection reset", "timeout"]))(
    "%s with idempotent: true is retried after %s",
    async (name, cause) => {
      const stub = new StubFetch([stepFor(cause)]);
      const client = h.client({ fetch: stub.fetch, timeoutMs: 1000 });
      const input = name.includes("sendMessage") ? sendInput : undefined;
      const call =
        input === undefined
          ? name.includes("contact.create")
            ? client.addressbook.contact.create({ FirstName: "Ann" }, { idempotent: true })
            : client.addressbook.groupContact.create(
                { GroupID: GROUP_ID, ContactID: CONTACT_ID },
                { idempotent: true },
              )
          : client.messaging.sms.sendMessage(input, { idempotent: true });
      await outcome(call);
      expect(stub.calls).toHaveLength(2);
    },
  );

  it("a successful answer is not retried", async () => {
    const { stub, client } = stubbed([]);
    await outcome(client.messaging.sms.sendMessage(sendInput));
    expect(stub.calls).toHaveLength(1);
    expect(h.clock.elapsed()).toBe(0);
  });
});

describe("backoff: 0.5 s doubling to 8 s, less up to 25% jitter", () => {
  const sixFailures = Array.from({ length: 6 }, () => status(503));

  it("without jitter (random 0): 500, 1000, 2000, 4000, 8000, 8000", async () => {
    const { stub, client } = stubbed(sixFailures, { maxRetries: 6, random: () => 0 });
    const result = await outcome(client.addressbook.group.list());
    expect(result).toMatchObject({ Result: "Success" });
    expect(stub.calls).toHaveLength(7);
    expect(sleeps()).toEqual([500, 1000, 2000, 4000, 8000, 8000]);
    expect(h.clock.elapsed()).toBe(23_500);
  });

  it("with the most jitter (random 0.999): about 75% of each", async () => {
    const { client } = stubbed(sixFailures, { maxRetries: 6, random: () => 0.999 });
    await outcome(client.addressbook.group.list());
    const bases = [500, 1000, 2000, 4000, 8000, 8000];
    const slept = sleeps();
    expect(slept).toHaveLength(6);
    slept.forEach((ms, i) => {
      const base = bases[i] ?? Number.NaN;
      expect(ms).toBeGreaterThanOrEqual(base * 0.75);
      expect(ms).toBeLessThan(base * 0.76);
    });
    expect(slept).toEqual([375, 750, 1501, 3001, 6002, 6002]);
  });

  it("jitter in between stays between the bounds", async () => {
    const { client } = stubbed([status(500), status(500)], { random: () => 0.5 });
    await outcome(client.reports.status.poll({ MessageID: MESSAGE_ID }));
    expect(sleeps()).toEqual([438, 875]);
  });

  it("logs each retry with the delay it sleeps", async () => {
    const lines: [string, Readonly<Record<string, unknown>>][] = [];
    const { client } = stubbed([status(503), { error: "refused" }], {
      logger: { info: (message, fields) => lines.push([message, fields]) },
    });
    await outcome(client.messaging.sms.sendMessage(sendInput));
    expect(lines).toEqual([
      [
        "bestsms retry",
        expect.objectContaining({ attempt: 1, reason: "status 503", delayMs: 500 }),
      ],
      ["bestsms retry", expect.objectContaining({ attempt: 2, reason: "refused", delayMs: 1000 })],
    ]);
  });
});

describe("Retry-After", () => {
  // Each answer is a 429 or 503 with the Retry-After given, then the stub succeeds.
  const date = (offsetMs: number) => new Date(h.clock.now() + offsetMs).toUTCString();
  it.each<{ title: string; refusals: () => [429 | 503, string][]; slept: number[] }>([
    { title: "in seconds", refusals: () => [[429, "3"]], slept: [3000] },
    { title: "in fractional seconds", refusals: () => [[503, "1.5"]], slept: [1500] },
    {
      title: "as an HTTP date, against the client's clock",
      refusals: () => [[503, date(5000)]],
      slept: [5000],
    },
    {
      title: "capped at 60 s, in seconds and as a date",
      refusals: () => [
        [429, "120"],
        [429, date(600_000)],
      ],
      slept: [60_000, 60_000],
    },
    { title: "a date in the past means now", refusals: () => [[503, date(-60_000)]], slept: [0] },
    {
      title: "an unreadable value falls back to the backoff",
      refusals: () => [[503, "soon"]],
      slept: [500],
    },
    {
      title: "a negative or exponent number is unreadable too, not a date in some year",
      refusals: () => [
        [503, "-5"],
        [503, "1e3"],
      ],
      slept: [500, 1000],
    },
  ])("$title", async ({ refusals, slept }) => {
    const steps = refusals().map(([code, retryAfter]) =>
      status(code, { "Retry-After": retryAfter }),
    );
    const { stub, client } = stubbed(steps);
    await outcome(client.addressbook.group.list());
    expect(stub.calls).toHaveLength(steps.length + 1);
    expect(sleeps()).toEqual(slept);
  });

  it("is honoured for a send refused with 429 or 503", async () => {
    const { stub, client } = stubbed([
      status(429, { "Retry-After": "4" }),
      status(503, { "Retry-After": "2" }),
    ]);
    const result = await outcome(client.messaging.sms.sendMessage(sendInput));
    expect(result).toMatchObject({ Result: "Success" });
    expect(stub.calls).toHaveLength(3);
    expect(sleeps()).toEqual([4000, 2000]);
  });

  it("over the real wire (spec server, 503 with Retry-After: 2)", async () => {
    h.server.enqueue({
      status: 503,
      headers: { "Retry-After": "2" },
      json: { Result: "Failed", ErrorMessage: "Service unavailable" },
    });
    const result = await settle(h.client().messaging.sms.sendMessage(sendInput), h.clock, {
      inFlight: h.tracked.inFlight,
    });
    expect(result.Result).toBe("Success");
    expect(h.server.requests).toHaveLength(2);
    expect(h.clock.elapsed()).toBe(2000);
  });
});

describe("maxRetries", () => {
  const failures = Array.from({ length: 10 }, () => status(503));

  it("defaults to 2 (three attempts), then the last answer's error", async () => {
    const { stub, client } = stubbed(failures);
    const error = await outcome(client.addressbook.group.list());
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 503 });
    expect(stub.calls).toHaveLength(3);
    expect(sleeps()).toEqual([500, 1000]);
  });

  it.each([0, 1, 4])("per client: %i", async (maxRetries) => {
    const { stub, client } = stubbed(failures, { maxRetries });
    await outcome(client.addressbook.group.list());
    expect(stub.calls).toHaveLength(maxRetries + 1);
  });

  it("per call, over the client's", async () => {
    const { stub, client } = stubbed(failures, { maxRetries: 4 });
    await outcome(client.addressbook.group.list({}, { maxRetries: 1 }));
    expect(stub.calls).toHaveLength(2);
    stub.calls.length = 0;
    const other = stubbed(failures, { maxRetries: 0 });
    await outcome(other.client.addressbook.group.list({}, { maxRetries: 3 }));
    expect(other.stub.calls).toHaveLength(4);
  });

  it("a 429 that persists ends as RateLimitError with its retryAfterMs", async () => {
    const { stub, client } = stubbed([
      status(429, { "Retry-After": "1" }),
      status(429, { "Retry-After": "1" }),
      status(429, { "Retry-After": "9" }),
    ]);
    const error = await outcome(client.messaging.sms.sendMessage(sendInput));
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ retryAfterMs: 9000, status: 429 });
    expect(stub.calls).toHaveLength(3);
  });

  it("idempotent: false keeps a PATCH from being repeated after a 500", async () => {
    const { stub, client } = stubbed([status(500)]);
    const error = await outcome(
      client.actions.resubmit.sendRequest({ MessageID: MESSAGE_ID }, { idempotent: false }),
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(stub.calls).toHaveLength(1);
  });

  it("connection errors that persist end as ConnectionError", async () => {
    const { stub, client } = stubbed(
      Array.from({ length: 3 }, () => ({ error: "reset" as const })),
    );
    const error = await outcome(client.addressbook.group.list());
    expect(error).toBeInstanceOf(ConnectionError);
    expect(stub.calls).toHaveLength(3);
    expect((error as ConnectionError).requestId).toMatch(/^req_[0-9a-f]{8}_[0-9a-z]+$/);
  });
});

describe("a send keeps one MessageID across attempts", () => {
  it("made once, before the first attempt, and sent on every retry", async () => {
    const { stub, client } = stubbed([status(503), { error: "refused" }, status(429)], {
      maxRetries: 3,
    });
    const result = await outcome(client.messaging.sms.sendMessage(sendInput));
    expect(result).toMatchObject({ Result: "Success" });
    expect(stub.calls).toHaveLength(4);
    expect(h.uuids.made).toHaveLength(1);
    const ids = stub
      .sentBodies()
      .map((body) => (body as { MessageData: { MessageID: string } }).MessageData.MessageID);
    expect(ids).toEqual(Array(4).fill(h.uuids.made[0]));
  });

  it("the caller's own, on every retry of an idempotent send", async () => {
    const { stub, client } = stubbed([status(500), { error: "reset" }]);
    await outcome(
      client.messaging.sms.sendMessage(
        { ...sendInput, MessageID: "order-1234" },
        { idempotent: true },
      ),
    );
    expect(stub.calls).toHaveLength(3);
    expect(h.uuids.made).toEqual([]);
    expect(new Set(stub.calls.map((c) => c.body)).size).toBe(1);
    expect(stub.sentBodies()[0]).toMatchObject({ MessageData: { MessageID: "order-1234" } });
  });

  it("and a new one for the next send", async () => {
    const { stub, client } = stubbed([]);
    await outcome(client.messaging.sms.sendMessage(sendInput));
    await outcome(client.messaging.sms.sendMessage(sendInput));
    expect(h.uuids.made).toHaveLength(2);
    expect(stub.sentBodies()).toEqual([
      { MessageData: expect.objectContaining({ MessageID: h.uuids.made[0] }) },
      { MessageData: expect.objectContaining({ MessageID: h.uuids.made[1] }) },
    ]);
  });
});

describe("per-attempt timeouts (on the client's clock)", () => {
  it("a GET that hangs is retried, each attempt with its own time limit", async () => {
    const { stub, client } = stubbed([{ hang: true }, { hang: true }], { timeoutMs: 1000 });
    const result = await outcome(client.reports.status.poll({ MessageID: MESSAGE_ID }));
    expect(result).toMatchObject({ Result: "Success" });
    expect(stub.calls).toHaveLength(3);
    expect(h.clock.requested).toEqual([1000, 500, 1000, 1000, 1000]);
    expect(h.clock.elapsed()).toBe(1000 + 500 + 1000 + 1000);
  });

  it("a GET that always hangs ends as TimeoutError", async () => {
    const { stub, client } = stubbed(Array(3).fill({ hang: true }), { timeoutMs: 1000 });
    const error = await outcome(client.reports.status.poll({ MessageID: MESSAGE_ID }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ timeoutMs: 1000, operationId: "reports.status.poll" });
    expect(stub.calls).toHaveLength(3);
    expect(h.clock.elapsed()).toBe(3000 + 500 + 1000);
  });

  it("the TimeoutError carries the call's request id, as its log lines do", async () => {
    const { client } = stubbed(Array(3).fill({ hang: true }), { timeoutMs: 1000 });
    const error = await outcome(client.reports.status.poll({ MessageID: MESSAGE_ID }));
    expect((error as TimeoutError).requestId).toMatch(/^req_[0-9a-f]{8}_[0-9a-z]+$/);
  });

  it("a send that hangs is not retried: TimeoutError after one attempt", async () => {
    const { stub, client } = stubbed([{ hang: true }], { timeoutMs: 1000 });
    const error = await outcome(client.messaging.sms.sendMessage(sendInput));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(stub.calls).toHaveLength(1);
    expect(h.clock.elapsed()).toBe(1000);
  });

  it("30 s by default; the call's timeoutMs over the client's", async () => {
    const stub = new StubFetch([{ hang: true }]);
    const byDefault = h.client({ fetch: stub.fetch, maxRetries: 0 });
    expect(await outcome(byDefault.addressbook.group.list())).toMatchObject({ timeoutMs: 30_000 });
    expect(h.clock.elapsed()).toBe(30_000);
    const b = stubbed([{ hang: true }], { timeoutMs: 5000, maxRetries: 0 });
    expect(await outcome(b.client.addressbook.group.list({}, { timeoutMs: 250 }))).toMatchObject({
      timeoutMs: 250,
    });
    expect(h.clock.elapsed()).toBe(30_250);
  });

  it("a time limit above 2^31 - 1 ms on the system clock does not fire at once", async () => {
    h.server.enqueue({ delayMs: 30, json: h.server.operation("addressbook.group.list").example });
    const { clock: _fake, ...options } = h.options({ timeoutMs: 2 ** 31, maxRetries: 0 });
    const result = await new BestSMS(options).addressbook.group.list().catch((e: unknown) => e);
    // Let the server finish with this request, so that it does not spill into the next test.
    while (h.server.requests.length === 0) await new Promise((r) => setTimeout(r, 1));
    await h.server.drained();
    expect(result).toMatchObject({ Result: "Success" });
  });

  it("a real request the server holds: the GET is retried after its time limit", async () => {
    h.server.enqueue({ hang: true });
    const client = h.client({ timeoutMs: 5000 });
    const pending = client.addressbook.group.detail({ GroupID: GROUP_ID });
    pending.catch(() => undefined);
    while (h.server.requests.length === 0) await new Promise((r) => setTimeout(r, 1));
    h.clock.advance(5000);
    const result = await settle(pending, h.clock, { inFlight: h.tracked.inFlight });
    expect(result.Group?.GroupID).toBe(GROUP_ID);
    expect(h.server.requests).toHaveLength(2);
    expect(h.clock.elapsed()).toBe(5500);
  });
});

describe("aborting", () => {
  it("before the start: AbortError, no attempt, no timer", async () => {
    const { stub, client } = stubbed([]);
    const controller = new AbortController();
    controller.abort();
    await expect(
      client.messaging.sms.sendMessage(sendInput, { signal: controller.signal }),
    ).rejects.toBeInstanceOf(AbortError);
    expect(stub.calls).toHaveLength(0);
    expect(h.clock.requested).toEqual([]);
  });

  it("during an attempt: AbortError at once, no further attempt", async () => {
    const { stub, client } = stubbed([{ hang: true }]);
    const controller = new AbortController();
    const pending = client.reports.status.poll(
      { MessageID: MESSAGE_ID },
      { signal: controller.signal },
    );
    pending.catch(() => undefined);
    await flush();
    expect(stub.calls).toHaveLength(1);
    controller.abort(new Error("stop"));
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect((error as AbortError).cause).toEqual(new Error("stop"));
    await flush();
    expect(stub.calls).toHaveLength(1);
    expect(h.clock.elapsed()).toBe(0);
  });

  it("during the backoff sleep: AbortError at once, no further attempt", async () => {
    const { stub, client } = stubbed([status(503)]);
    const controller = new AbortController();
    const pending = client.addressbook.group.list({}, { signal: controller.signal });
    pending.catch(() => undefined);
    await flush();
    expect(h.clock.pendingDelays()).toEqual([500]);
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(AbortError);
    expect(h.clock.pending).toBe(0);
    await flush();
    expect(stub.calls).toHaveLength(1);
    expect(h.clock.elapsed()).toBe(0);
  });

  it("during a Retry-After wait of a send", async () => {
    const { stub, client } = stubbed([status(429, { "Retry-After": "30" })]);
    const controller = new AbortController();
    const pending = client.messaging.sms.sendMessage(sendInput, { signal: controller.signal });
    pending.catch(() => undefined);
    await flush();
    h.clock.advance(10_000);
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(AbortError);
    expect(stub.calls).toHaveLength(1);
  });

  it("a real request in flight (the server holds it)", async () => {
    h.server.enqueue({ hang: true });
    const controller = new AbortController();
    const pending = h.client().addressbook.contact.list({}, { signal: controller.signal });
    pending.catch(() => undefined);
    while (h.server.requests.length === 0) await new Promise((r) => setTimeout(r, 1));
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(AbortError);
    await new Promise((r) => setTimeout(r, 5));
    expect(h.server.requests).toHaveLength(1);
  });
});

describe("real sockets", () => {
  it("connection refused (a closed port): a send is retried, then ConnectionError", async () => {
    const port = await closedPort();
    const client = h.client({ baseUrl: `http://127.0.0.1:${port}/api/v2.04` });
    const error = await settle(
      client.messaging.sms.sendMessage(sendInput).catch((e: unknown) => e),
      h.clock,
      { inFlight: h.tracked.inFlight },
    );
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).message).toMatch(
      /^messaging\.sms\.sendMessage: could not connect to 127\.0\.0\.1:\d+ after 3 attempts: /,
    );
    expect(h.tracked.calls).toHaveLength(3);
    expect(new Set(h.tracked.calls.map((c) => c.body)).size).toBe(1);
    expect(h.clock.elapsed()).toBe(1500);
  });

  it("a connection the server breaks: a GET is retried and succeeds", async () => {
    h.server.enqueue({ destroy: true });
    const result = await settle(
      h.client().addressbook.group.detail({ GroupID: GROUP_ID }),
      h.clock,
      {
        inFlight: h.tracked.inFlight,
      },
    );
    expect(result.Result).toBe("Success");
    expect(h.server.requests).toHaveLength(2);
  });

  it("a connection the server breaks: a send is not retried", async () => {
    h.server.enqueue({ destroy: true });
    const error = await settle(
      h
        .client()
        .messaging.sms.sendMessage(sendInput)
        .catch((e: unknown) => e),
      h.clock,
      { inFlight: h.tracked.inFlight },
    );
    expect(error).toBeInstanceOf(ConnectionError);
    expect(h.server.requests).toHaveLength(1);
  });

  it("5xx then success over the wire: each attempt is a full, valid request", async () => {
    h.server.enqueue(
      { status: 502, text: "<html>Bad Gateway</html>" },
      { status: 500, json: { Result: "Failed" } },
    );
    const result = await settle(h.client().reports.smsReceived.poll({ TimePeriod: 30 }), h.clock, {
      inFlight: h.tracked.inFlight,
    });
    expect(result.Result).toBe("Success");
    expect(h.server.requests.map((r) => [r.search, r.problems])).toEqual([
      ["?timePeriod=30", []],
      ["?timePeriod=30", []],
      ["?timePeriod=30", []],
    ]);
  });
});
