/// <reference types="node" />
// reports.status.waitFor: polls with growing pauses until the message is final, on the client's
// clock; TimeoutError at its limit; stops at once when aborted.
import { describe, expect, it } from "vitest";
import {
  AbortError,
  ApiError,
  BestSMSError,
  isFinalStatus,
  NotFoundError,
  type ReportsStatusPollOutput,
  TimeoutError,
  ValidationError,
} from "../src/index.js";
import { flush, settle } from "./helpers/fake-clock.js";
import { StubFetch, type StubStep } from "./helpers/fetch.js";
import { MESSAGE_ID, useHarness } from "./helpers/harness.js";

const h = useHarness();

/** The client's per-attempt limit in these tests, so poll timeouts can be told from pauses. */
const TIMEOUT = 99_999;

const PENDING = { Status: "Transmit", Count: 2, Complete: 1, Success: 1, Failed: 0 };

/** Answers the status polls in turn with these changes to the spec's example (the last repeats). */
function serveStatuses(...states: Record<string, unknown>[]): void {
  const example = h.server.operation("reports.status.poll").example;
  let polls = 0;
  h.server.handle((request) => {
    if (request.operationId !== "reports.status.poll") return undefined;
    const state = states[Math.min(polls++, states.length - 1)];
    return { json: { ...example, ...state } };
  });
}

function pauses(): number[] {
  return h.clock.requested.filter((ms) => ms !== TIMEOUT);
}

function client() {
  return h.client({ timeoutMs: TIMEOUT });
}

function wait<T>(promise: Promise<T>): Promise<T> {
  return settle(promise, h.clock, { inFlight: h.tracked.inFlight });
}

describe("waitFor", () => {
  it("polls until Completed, pausing 2 s, 4 s, 8 s, 16 s", async () => {
    serveStatuses(PENDING, PENDING, PENDING, PENDING, {
      Status: "Completed",
      Count: 2,
      Complete: 2,
    });
    const status = await wait(client().reports.status.waitFor({ MessageID: MESSAGE_ID }));
    expect(status).toMatchObject({ Result: "Success", Status: "Completed", ErrorMessage: [] });
    expect(h.server.requests).toHaveLength(5);
    expect(
      h.server.requests.every(
        (r) => r.path === `/get/status/${MESSAGE_ID}` && r.problems.length === 0,
      ),
    ).toBe(true);
    expect(pauses()).toEqual([2000, 4000, 8000, 16_000]);
    expect(h.clock.elapsed()).toBe(30_000);
  });

  it("doubles the pause up to 5 minutes by default", async () => {
    serveStatuses(...Array(10).fill(PENDING), { Status: "Completed" });
    await wait(client().reports.status.waitFor({ MessageID: MESSAGE_ID }));
    expect(pauses()).toEqual([
      2000, 4000, 8000, 16_000, 32_000, 64_000, 128_000, 256_000, 300_000, 300_000,
    ]);
  });

  it("takes initialIntervalMs and maxIntervalMs", async () => {
    serveStatuses(...Array(5).fill(PENDING), { Status: "Completed" });
    await wait(
      client().reports.status.waitFor({
        MessageID: MESSAGE_ID,
        initialIntervalMs: 1000,
        maxIntervalMs: 5000,
      }),
    );
    expect(pauses()).toEqual([1000, 2000, 4000, 5000, 5000]);
  });

  it("returns at once when the first poll is final", async () => {
    serveStatuses({ Status: "Completed" });
    const status = await wait(client().reports.status.waitFor({ MessageID: MESSAGE_ID }));
    expect(status).toEqual({
      ...h.server.operation("reports.status.poll").example,
      ErrorMessage: [],
    });
    expect(pauses()).toEqual([]);
  });

  it.each(["Completed", "Failed", "Aborted", "Cancelled", "completed", "FAILED"])(
    "Status %s is final",
    async (final) => {
      serveStatuses(PENDING, { ...PENDING, Status: final });
      const status = await wait(client().reports.status.waitFor({ MessageID: MESSAGE_ID }));
      expect(status.Status).toBe(final);
      expect(h.server.requests).toHaveLength(2);
    },
  );

  it("is final when every recipient is complete (Complete === Count), whatever the Status", async () => {
    serveStatuses(
      { Status: "Transmit", Count: 0, Complete: 0 },
      { Status: "Transmit", Count: 3, Complete: 2 },
      { Status: "Transmit", Count: 3, Complete: 3 },
    );
    const status = await wait(client().reports.status.waitFor({ MessageID: MESSAGE_ID }));
    expect(status).toMatchObject({ Status: "Transmit", Count: 3, Complete: 3 });
    expect(h.server.requests).toHaveLength(3);
  });

  it("throws TimeoutError at timeoutMs, after a last poll at the limit", async () => {
    serveStatuses(PENDING);
    const error = await wait(
      client().reports.status.waitFor({ MessageID: MESSAGE_ID, timeoutMs: 10_000 }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ timeoutMs: 10_000, operationId: "reports.status.poll" });
    expect((error as Error).message).toBe(
      `reports.status.waitFor: ${MESSAGE_ID} not final after 10000 ms`,
    );
    // Polls at 0, 2 s, 6 s and 10 s: the last pause is cut to what is left.
    expect(pauses()).toEqual([2000, 4000, 4000]);
    expect(h.server.requests).toHaveLength(4);
    expect(h.clock.elapsed()).toBe(10_000);
  });

  it("gives up after 48 hours by default", async () => {
    const pending: StubStep = { status: 200, json: { Result: "Success", ...PENDING } };
    const stub = new StubFetch([], pending);
    const waiting = h
      .client({ fetch: stub.fetch, timeoutMs: TIMEOUT })
      .reports.status.waitFor({ MessageID: MESSAGE_ID });
    const error = await settle(waiting, h.clock).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ timeoutMs: 48 * 3600_000 });
    expect(h.clock.elapsed()).toBe(48 * 3600_000);
    expect(Math.max(...pauses())).toBe(300_000);
    expect(stub.calls.length).toBeGreaterThan(500);
  });

  it("stops at once when aborted during a pause: AbortError, no further poll", async () => {
    serveStatuses(PENDING);
    const controller = new AbortController();
    const waiting = client().reports.status.waitFor({
      MessageID: MESSAGE_ID,
      signal: controller.signal,
    });
    waiting.catch(() => undefined);
    while (h.clock.pendingDelays().join() !== "2000") {
      await new Promise((r) => setTimeout(r, 1));
    }
    controller.abort(new Error("no longer needed"));
    const error = await waiting.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect((error as AbortError).cause).toEqual(new Error("no longer needed"));
    expect(h.clock.pending).toBe(0);
    await flush();
    expect(h.server.requests).toHaveLength(1);
    expect(h.clock.elapsed()).toBe(0);
  });

  it("stops at once when aborted during a poll", async () => {
    h.server.enqueue({ hang: true });
    const controller = new AbortController();
    const waiting = client().reports.status.waitFor({
      MessageID: MESSAGE_ID,
      signal: controller.signal,
    });
    waiting.catch(() => undefined);
    while (h.server.requests.length === 0) await new Promise((r) => setTimeout(r, 1));
    controller.abort();
    await expect(waiting).rejects.toBeInstanceOf(AbortError);
    expect(h.server.requests).toHaveLength(1);
  });

  it("a poll that fails for good (404) ends the wait with its error", async () => {
    h.server.enqueue({
      status: 404,
      json: { Result: "RecordNotFound", ErrorMessage: "Unknown MessageID" },
    });
    const error = await wait(client().reports.status.waitFor({ MessageID: MESSAGE_ID })).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(NotFoundError);
    expect(h.server.requests).toHaveLength(1);
  });

  // One 503, then Completed: with no retries left the next poll follows (after its 2 s pause);
  // with one, the poll is retried as any GET (after the retry's 500 ms).
  it.each([
    {
      title: "a poll whose retries ran out on a failure that may pass is followed by the next poll",
      maxRetries: 0,
      failure: { Result: "Failed", ErrorMessage: "busy" },
      paused: [2000],
    },
    {
      title: "retries a poll as any GET (maxRetries is passed on)",
      maxRetries: 1,
      failure: { Result: "Failed" },
      paused: [500],
    },
  ])("$title", async ({ maxRetries, failure, paused }) => {
    serveStatuses({ Status: "Completed" });
    h.server.enqueue({ status: 503, json: failure });
    const status = await wait(
      client().reports.status.waitFor({ MessageID: MESSAGE_ID, maxRetries }),
    );
    expect(status.Status).toBe("Completed");
    expect(h.server.requests).toHaveLength(2);
    expect(pauses()).toEqual(paused);
  });

  it("at its limit, the TimeoutError's cause is the last failure that may pass", async () => {
    h.server.handle((request) =>
      request.operationId === "reports.status.poll"
        ? { status: 503, json: { Result: "Failed", ErrorMessage: "still busy" } }
        : undefined,
    );
    const error = await wait(
      client().reports.status.waitFor({ MessageID: MESSAGE_ID, maxRetries: 0, timeoutMs: 6_000 }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).timeoutMs).toBe(6_000);
    const cause = (error as Error).cause;
    expect(cause).toBeInstanceOf(ApiError);
    expect((cause as ApiError).status).toBe(503);
    expect((cause as ApiError).errorMessages).toEqual(["still busy"]);
    // Polls at 0, 2 and 6 s (pauses 2 s, then 4 s up to the limit).
    expect(h.server.requests).toHaveLength(3);
    expect(pauses()).toEqual([2000, 4000]);
  });

  it("pollTimeoutMs limits each poll; a timed-out poll is followed by the next", async () => {
    const stub = new StubFetch([], { hang: true });
    const waiting = h.client({ fetch: stub.fetch }).reports.status.waitFor({
      MessageID: MESSAGE_ID,
      pollTimeoutMs: 750,
      maxRetries: 0,
      timeoutMs: 3_000,
    });
    const error = await settle(waiting, h.clock).catch((e: unknown) => e);
    // Poll 1 cut at 750 ms, a 2 s pause, poll 2 cut at 3,500 ms: past the 3 s limit.
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ timeoutMs: 3_000 });
    expect((error as Error).cause).toBeInstanceOf(TimeoutError);
    expect((error as Error).cause).toMatchObject({ timeoutMs: 750 });
    expect(stub.calls).toHaveLength(2);
    expect(h.clock.elapsed()).toBe(3_500);
  });

  it("checks the MessageID before polling", async () => {
    await expect(
      client().reports.status.waitFor({ MessageID: "not valid!" }),
    ).rejects.toBeInstanceOf(ValidationError);
    expect(h.server.requests).toEqual([]);
  });

  it("no pause is longer than maxIntervalMs, even the first", async () => {
    serveStatuses(PENDING, PENDING, PENDING, { Status: "Completed" });
    await wait(
      client().reports.status.waitFor({
        MessageID: MESSAGE_ID,
        initialIntervalMs: 10_000,
        maxIntervalMs: 5000,
      }),
    );
    expect(pauses()).toEqual([5000, 5000, 5000]);
  });
});

describe("isFinalStatus", () => {
  const status = (fields: Partial<ReportsStatusPollOutput>): ReportsStatusPollOutput => ({
    Result: "Success",
    MessageID: MESSAGE_ID,
    Status: "Pending",
    JobNum: "ABCD1234",
    Count: 0,
    Complete: 0,
    Success: 0,
    Failed: 0,
    TotalRecords: 0,
    RecordsPerPage: 100,
    PageCount: 0,
    Page: 1,
    Recipients: [],
    ErrorMessage: [],
    ...fields,
  });

  it.each([
    [{ Status: "Completed" }, true],
    [{ Status: "complete" }, true],
    [{ Status: "Failed" }, true],
    [{ Status: "Aborted" }, true],
    [{ Status: "Canceled" }, true],
    [{ Status: "Transmit", Count: 4, Complete: 4 }, true],
    [{ Status: "Transmit", Count: 4, Complete: 3 }, false],
    [{ Status: "Delayed", Count: 0, Complete: 0 }, false],
    [{ Status: "Pending" }, false],
    [{}, false],
  ] as const)("%o → %s", (fields, final) => {
    expect(isFinalStatus(status(fields))).toBe(final);
  });
});

describe("waitFor returns every recipient", () => {
  it("pages through Recipients: 5,000 recipients over 50 pages", async () => {
    const example = h.server.operation("reports.status.poll").example as {
      Recipients: Record<string, unknown>[];
    };
    const template = example.Recipients[0] ?? {};
    const total = 5_000;
    const perPage = 100;
    h.server.handle((request) => {
      if (request.operationId !== "reports.status.poll") return undefined;
      const page = Number(request.query.page ?? 1);
      const from = (page - 1) * perPage;
      const recipients = Array.from(
        { length: Math.max(0, Math.min(perPage, total - from)) },
        (_, i) => ({
          ...template,
          Destination: `+614210${String(from + i).padStart(5, "0")}`,
        }),
      );
      return {
        json: {
          ...example,
          Status: "Completed",
          Count: total,
          Complete: total,
          TotalRecords: total,
          RecordsPerPage: perPage,
          PageCount: total / perPage,
          Page: page,
          Recipients: recipients,
        },
      };
    });
    const status = await wait(client().reports.status.waitFor({ MessageID: MESSAGE_ID }));
    expect(status.Recipients).toHaveLength(total);
    expect(new Set(status.Recipients.map((r) => r.Destination)).size).toBe(total);
    expect(status.Recipients[4_999]?.Destination).toBe("+61421004999");
    expect(h.server.requests).toHaveLength(50);
    expect(h.server.requests.every((r) => r.problems.length === 0)).toBe(true);
    expect(h.server.requests.map((r) => r.query.page ?? "1").slice(0, 3)).toEqual(["1", "2", "3"]);
    // One page now holds them all, and the paging fields say so.
    expect(status).toMatchObject({
      Page: 1,
      PageCount: 1,
      RecordsPerPage: total,
      TotalRecords: total,
    });
  });

  it("one page: one request, the answer as it came", async () => {
    serveStatuses({ Status: "Completed", Count: 2, Complete: 2, PageCount: 1, Page: 1 });
    await wait(client().reports.status.waitFor({ MessageID: MESSAGE_ID }));
    expect(h.server.requests).toHaveLength(1);
  });
});

describe("waitFor's options", () => {
  it("headers are sent with every poll", async () => {
    serveStatuses(PENDING, { Status: "Completed", Count: 2, Complete: 2 });
    await wait(
      client().reports.status.waitFor({ MessageID: MESSAGE_ID, headers: { "X-Trace": "abc" } }),
    );
    expect(h.server.requests.map((r) => r.headers["x-trace"])).toEqual(["abc", "abc"]);
  });

  it.each([
    ["initialIntervalMs", { initialIntervalMs: 0 }],
    ["maxIntervalMs", { maxIntervalMs: Number.NaN }],
    ["timeoutMs", { timeoutMs: -1 }],
  ])("a bad %s is refused before any poll", async (name, options) => {
    const error = await client()
      .reports.status.waitFor({ MessageID: MESSAGE_ID, ...options })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BestSMSError);
    expect((error as Error).message).toMatch(new RegExp(`^${name} must be a number of at least`));
    expect(h.server.requests).toHaveLength(0);
  });
});
