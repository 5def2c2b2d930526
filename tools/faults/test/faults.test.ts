/**
 * Every fault of the proxy against four calls — a send, a status poll, a contact create and a
 * listAll over three pages — through the client, with the sandbox behind the proxy counting what
 * was really created.
 */
import {
  ApiError,
  BestSMS,
  ConnectionError,
  isFinalStatus,
  NotFoundError,
  RateLimitError,
  rawClient,
  TimeoutError,
} from "@bestsms/client";
import { type RunningSandbox, startSandbox } from "@bestsms/sandbox";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { freePort } from "../../test-kit/src/free-port.js";
import { type Fault, type FaultProxy, startFaultProxy } from "../src/fault-proxy.js";
import { createTestClock, type TestClock } from "../src/test-clock.js";

const T0 = Date.UTC(2025, 7, 9, 23, 0, 0);
// The per-attempt timeout runs on real time (it races real sockets): long enough that a healthy
// answer on loopback always beats it, even with the machine's two cores shared by another test
// run (400 ms did not), and short, since a stalled attempt waits it out. The test clock tells an
// attempt timeout by its length, so it is one no backoff or Retry-After sleep here has.
const TIMEOUT_MS = 1_750;
const MAX_RETRIES = 2;
const SEND_TEXT = "fault suite send";
const CONTACT_NAME = "FaultCreate";
const SEEDED_CONTACTS = 5;
const PAGE_SIZE = 2;
const PAGES = Math.ceil(SEEDED_CONTACTS / PAGE_SIZE);

type Op = "send" | "poll" | "create" | "listAll";
const OPS: readonly Op[] = ["send", "poll", "create", "listAll"];
const UNSAFE: ReadonlySet<Op> = new Set(["send", "create"]);

type ErrorClass = abstract new (...args: never[]) => Error;

/** What the caller sees, and how many attempts the faulted request took. */
type Expected =
  | { readonly ok: true; readonly attempts: number; readonly sleeps?: readonly number[] }
  | {
      readonly ok: false;
      readonly attempts: number;
      readonly error: ErrorClass;
      readonly name: string;
      readonly status?: number;
      readonly errorMessages?: readonly string[];
      readonly sleeps?: readonly number[];
    };

interface Row {
  readonly fault: string;
  /** The faults, in order, hitting the faulted request's attempts. */
  readonly faults: (clock: TestClock) => Fault[];
  /** Whether the upstream acted on the faulted attempt (it was forwarded before the failure). */
  readonly acted: boolean;
  readonly safe: Expected;
  readonly unsafe: Expected;
}

const ok = (attempts: number, sleeps?: readonly number[]): Expected =>
  sleeps === undefined ? { ok: true, attempts } : { ok: true, attempts, sleeps };
const fail = (
  error: ErrorClass,
  name: string,
  attempts: number,
  extra: { status?: number; errorMessages?: readonly string[]; sleeps?: readonly number[] } = {},
): Expected => ({ ok: false, error, name, attempts, ...extra });

const times = (n: number, fault: Fault): Fault[] => Array.from({ length: n }, () => fault);
const status = (code: number, headers?: Record<string, string>): Fault => ({
  kind: "status",
  status: code,
  body: JSON.stringify({ Result: "Failed", ErrorMessage: [`proxy says ${code}`] }),
  ...(headers ? { headers } : {}),
});

const ALL = MAX_RETRIES + 1;

/** One faulted attempt with a status a read is retried on and a send or a create is not. */
const readRetriedOnly = (code: number): Row => ({
  fault: `${code} ×1`,
  faults: () => [status(code)],
  acted: false,
  safe: ok(2, [500]),
  unsafe: fail(ApiError, "ApiError", 1, { status: code }),
});

const ROWS: readonly Row[] = [
  {
    fault: "connection refused ×1",
    faults: () => [{ kind: "refuse" }],
    acted: false,
    safe: ok(2, [500]),
    unsafe: ok(2, [500]),
  },
  {
    fault: "connection refused (every attempt)",
    faults: () => times(ALL, { kind: "refuse" }),
    acted: false,
    safe: fail(ConnectionError, "ConnectionError", ALL, { sleeps: [500, 1000] }),
    unsafe: fail(ConnectionError, "ConnectionError", ALL, { sleeps: [500, 1000] }),
  },
  {
    fault: "reset before reading the request",
    faults: () => [{ kind: "reset-before-request" }],
    acted: false,
    safe: ok(2, [500]),
    unsafe: fail(ConnectionError, "ConnectionError", 1, { sleeps: [] }),
  },
  {
    fault: "reset after reading the request (acted on, answer lost)",
    faults: () => [{ kind: "reset-after-request" }],
    acted: true,
    safe: ok(2, [500]),
    unsafe: fail(ConnectionError, "ConnectionError", 1, { sleeps: [] }),
  },
  {
    fault: "reset mid-response",
    faults: () => [{ kind: "reset-mid-response" }],
    acted: true,
    safe: ok(2, [500]),
    unsafe: fail(ConnectionError, "ConnectionError", 1, { sleeps: [] }),
  },
  {
    fault: "stall past the timeout",
    faults: () => [{ kind: "stall" }],
    acted: false,
    safe: ok(2, [500]),
    unsafe: fail(TimeoutError, "TimeoutError", 1, { sleeps: [] }),
  },
  {
    fault: "drip the body (1 byte / 100 ms)",
    faults: () => [{ kind: "drip", intervalMs: 100 }],
    acted: true,
    safe: ok(2, [500]),
    unsafe: fail(TimeoutError, "TimeoutError", 1, { sleeps: [] }),
  },
  {
    fault: "500 ×1",
    faults: () => [status(500)],
    acted: false,
    safe: ok(2, [500]),
    unsafe: fail(ApiError, "ApiError", 1, { status: 500, errorMessages: ["proxy says 500"] }),
  },
  {
    fault: "500 (every attempt)",
    faults: () => times(ALL, status(500)),
    acted: false,
    safe: fail(ApiError, "ApiError", ALL, { status: 500, sleeps: [500, 1000] }),
    unsafe: fail(ApiError, "ApiError", 1, { status: 500, sleeps: [] }),
  },
  readRetriedOnly(502),
  {
    fault: "503 ×1",
    faults: () => [status(503)],
    acted: false,
    safe: ok(2, [500]),
    unsafe: ok(2, [500]),
  },
  {
    fault: "503 (every attempt)",
    faults: () => times(ALL, status(503)),
    acted: false,
    safe: fail(ApiError, "ApiError", ALL, { status: 503, sleeps: [500, 1000] }),
    unsafe: fail(ApiError, "ApiError", ALL, { status: 503, sleeps: [500, 1000] }),
  },
  readRetriedOnly(504),
  readRetriedOnly(408),
  readRetriedOnly(409),
  {
    fault: "429 Retry-After: 2 (seconds)",
    faults: () => [status(429, { "retry-after": "2" })],
    acted: false,
    safe: ok(2, [2000]),
    unsafe: ok(2, [2000]),
  },
  {
    fault: "429 Retry-After: HTTP date 5 s ahead",
    faults: (clock) => [status(429, { "retry-after": new Date(clock.now() + 5000).toUTCString() })],
    acted: false,
    safe: ok(2, [5000]),
    unsafe: ok(2, [5000]),
  },
  {
    fault: "429 Retry-After: 3600 (capped at 60 s)",
    faults: () => [status(429, { "retry-after": "3600" })],
    acted: false,
    safe: ok(2, [60_000]),
    unsafe: ok(2, [60_000]),
  },
  {
    fault: "429 Retry-After: 1 (every attempt)",
    faults: () => times(ALL, status(429, { "retry-after": "1" })),
    acted: false,
    safe: fail(RateLimitError, "RateLimitError", ALL, { status: 429, sleeps: [1000, 1000] }),
    unsafe: fail(RateLimitError, "RateLimitError", ALL, { status: 429, sleeps: [1000, 1000] }),
  },
  {
    fault: "truncated JSON (200)",
    faults: () => [{ kind: "truncate-json" }],
    acted: true,
    safe: fail(ApiError, "ApiError", 1, { status: 200, sleeps: [] }),
    unsafe: fail(ApiError, "ApiError", 1, { status: 200, sleeps: [] }),
  },
  {
    fault: "HTML error page with status 200",
    faults: () => [{ kind: "html-200" }],
    acted: false,
    safe: fail(ApiError, "ApiError", 1, { status: 200 }),
    unsafe: fail(ApiError, "ApiError", 1, { status: 200 }),
  },
  {
    fault: "empty body (200)",
    faults: () => [{ kind: "empty-200" }],
    acted: false,
    safe: fail(ApiError, "ApiError", 1, { status: 200 }),
    unsafe: fail(ApiError, "ApiError", 1, { status: 200 }),
  },
  {
    fault: "wrong Content-Type (text/plain, JSON body)",
    faults: () => [{ kind: "wrong-content-type" }],
    acted: true,
    safe: ok(1, []),
    unsafe: ok(1, []),
  },
  {
    fault: 'Result "Failed", ErrorMessage a string',
    faults: () => [{ kind: "result-failed", errorMessage: "Invalid destination" }],
    acted: false,
    safe: fail(ApiError, "ApiError", 1, { status: 200, errorMessages: ["Invalid destination"] }),
    unsafe: fail(ApiError, "ApiError", 1, { status: 200, errorMessages: ["Invalid destination"] }),
  },
  {
    fault: 'Result "Failed", ErrorMessage an array',
    faults: () => [{ kind: "result-failed", errorMessage: ["Bad one", "Bad two"] }],
    acted: false,
    safe: fail(ApiError, "ApiError", 1, { status: 200, errorMessages: ["Bad one", "Bad two"] }),
    unsafe: fail(ApiError, "ApiError", 1, { status: 200, errorMessages: ["Bad one", "Bad two"] }),
  },
];

/** One observed case, for the summary printed at the end (and copied into RELIABILITY.md). */
interface Observed {
  fault: string;
  op: string;
  attempts: number;
  outcome: string;
  created: number | string;
}
const observed: Observed[] = [];

let sandbox: RunningSandbox;
let proxy: FaultProxy;
let direct: BestSMS;
let seededMessageId = "";
let unhandled = 0;
const onUnhandled = (): void => {
  unhandled += 1;
};

function clientFor(clock: TestClock): BestSMS {
  return new BestSMS({
    authToken: sandbox.authToken,
    baseUrl: proxy.url,
    fetch: proxy.fetch,
    clock,
    random: () => 0,
    timeoutMs: TIMEOUT_MS,
    maxRetries: MAX_RETRIES,
  });
}

function sentMessages(): number {
  return sandbox.state.messages.filter((m) => m.data.Message === SEND_TEXT).length;
}
function createdContacts(): number {
  return [...sandbox.state.contacts.values()].filter((c) => c.fields.FirstName === CONTACT_NAME)
    .length;
}

async function run(
  client: BestSMS,
  op: Op,
  idempotent = false,
): Promise<{ value?: unknown; error?: unknown }> {
  const options = idempotent ? { idempotent: true } : {};
  try {
    switch (op) {
      case "send":
        return {
          value: await client.messaging.sms.sendMessage(
            { MessageText: SEND_TEXT, Recipients: "+61421000001" },
            options,
          ),
        };
      case "poll":
        return { value: await client.reports.status.poll({ MessageID: seededMessageId }) };
      case "create":
        return {
          value: await client.addressbook.contact.create(
            { FirstName: CONTACT_NAME, MobilePhone: "+61421000002" },
            options,
          ),
        };
      case "listAll": {
        const items: unknown[] = [];
        for await (const item of client.addressbook.contact.listAll({
          RecordsPerPage: PAGE_SIZE,
        })) {
          items.push(item);
          if (items.length > 100) throw new Error("listAll did not stop");
        }
        return { value: items };
      }
    }
  } catch (error) {
    return { error };
  }
}

/** MessageIDs in the send bodies that reached the upstream. */
function forwardedMessageIds(): string[] {
  return proxy.forwarded
    .filter((r) => r.method === "POST" && r.path.includes("/send"))
    .map((r) => {
      const body = JSON.parse(r.body) as { MessageData?: { MessageID?: string } };
      return body.MessageData?.MessageID ?? "";
    });
}

beforeAll(async () => {
  process.on("unhandledRejection", onUnhandled);
  sandbox = await startSandbox({ clock: { now: () => T0 } });
  proxy = await startFaultProxy(sandbox.url);
  direct = new BestSMS({ authToken: sandbox.authToken, baseUrl: sandbox.url });
});

beforeEach(async () => {
  sandbox.reset();
  await proxy.reset();
  const seeded = await direct.messaging.sms.sendMessage({
    MessageText: "seeded for polls",
    Recipients: "+61421000003",
  });
  seededMessageId = seeded.MessageID ?? "";
  for (let i = 0; i < SEEDED_CONTACTS; i++) {
    await direct.addressbook.contact.create({ FirstName: `Seed${i}`, MobilePhone: "+61421000004" });
  }
});

afterEach(() => {
  expect(unhandled, "unhandled rejections").toBe(0);
});

afterAll(async () => {
  await proxy?.close();
  await sandbox?.close();
  process.off("unhandledRejection", onUnhandled);
  // One line per case, for docs/RELIABILITY.md.
  if (process.env.FAULTS_PRINT) {
    for (const o of observed) {
      console.log(`| ${o.fault} | ${o.op} | ${o.attempts} | ${o.outcome} | ${o.created} |`);
    }
  }
});

describe.each(ROWS)("$fault", (row) => {
  it.each(OPS)("%s", async (op) => {
    const clock = createTestClock(T0, TIMEOUT_MS);
    const client = clientFor(clock);
    const unsafe = UNSAFE.has(op);
    const expected = unsafe ? row.unsafe : row.safe;
    // listAll: the fault hits page 2, after page 1 went through.
    const prefix: Fault[] = op === "listAll" ? [{ kind: "pass" }] : [];
    proxy.script([...prefix, ...row.faults(clock)]);
    const before = { sent: sentMessages(), contacts: createdContacts() };

    const { value, error } = await run(client, op);

    const extraPages = op === "listAll" ? (expected.ok ? PAGES - 1 : 1) : 0;
    expect(proxy.attempts, "attempts").toBe(expected.attempts + extraPages);
    if (expected.sleeps) expect(clock.sleeps).toEqual(expected.sleeps);
    expect(clock.live(), "client timers left running").toBe(0);

    if (expected.ok) {
      expect(error, String(error)).toBeUndefined();
      if (op === "send") {
        const ids = forwardedMessageIds();
        expect((value as { MessageID: string }).MessageID).toBe(ids[ids.length - 1]);
      }
      if (op === "poll") expect((value as { MessageID: string }).MessageID).toBe(seededMessageId);
      if (op === "create") {
        const contact = (value as { Contact: { ContactID: string } }).Contact;
        expect(sandbox.state.contacts.has(contact.ContactID)).toBe(true);
      }
      if (op === "listAll") expect(value as unknown[]).toHaveLength(SEEDED_CONTACTS);
    } else {
      expect(error).toBeInstanceOf(expected.error);
      expect((error as Error).name).toBe(expected.name);
      if (expected.status !== undefined) expect((error as ApiError).status).toBe(expected.status);
      if (expected.errorMessages) {
        expect((error as ApiError).errorMessages).toEqual(expected.errorMessages);
      }
      if (row.fault.startsWith("HTML")) {
        expect((error as ApiError).bodyExcerpt).toMatch(/^<!DOCTYPE html>/);
      }
      if (expected.error === RateLimitError) {
        expect((error as RateLimitError).retryAfterMs).toBe(1000);
      }
    }

    // No message or contact is created twice by one call.
    const sent = sentMessages() - before.sent;
    const contacts = createdContacts() - before.contacts;
    let created: number | string = "";
    if (op === "send") {
      created = sent;
      expect(sent).toBe(expected.ok || row.acted ? 1 : 0);
      // Every attempt that reached the upstream carried the same MessageID.
      expect(new Set(forwardedMessageIds()).size).toBeLessThanOrEqual(1);
    }
    if (op === "create") {
      created = contacts;
      expect(contacts).toBe(expected.ok || row.acted ? 1 : 0);
    }
    observed.push({
      fault: row.fault,
      op,
      attempts: proxy.attempts,
      outcome: expected.ok
        ? "ok"
        : `${expected.name}${expected.status ? ` ${expected.status}` : ""}`,
      created,
    });
  });
});

describe("waitFor and rawClient through the faults", () => {
  it("waitFor: a poll that still fails after its retries is followed by the next poll", async () => {
    const clock = createTestClock(T0, TIMEOUT_MS);
    const client = clientFor(clock);
    // Test mode: the message is final at once.
    const sent = await direct.messaging.sms.sendMessage({
      MessageText: "final at once",
      Recipients: "+61421000005",
      SendMode: "Test",
    });
    // Poll 1: refused on all 3 attempts; poll 2: refused once, then through.
    proxy.script(times(ALL + 1, { kind: "refuse" }));
    const status = await client.reports.status.waitFor({ MessageID: sent.MessageID ?? "" });
    expect(isFinalStatus(status)).toBe(true);
    expect(status.MessageID).toBe(sent.MessageID);
    expect(proxy.attempts).toBe(ALL + 2);
    expect(clock.sleeps).toEqual([500, 1000, 2000, 500]);
    expect(clock.live()).toBe(0);
  });

  it("waitFor: a 404 ends the wait at once", async () => {
    const clock = createTestClock(T0, TIMEOUT_MS);
    proxy.script([status(404)]);
    const error = await clientFor(clock)
      .reports.status.waitFor({ MessageID: seededMessageId })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(proxy.attempts).toBe(1);
    expect(clock.sleeps).toEqual([]);
    expect(clock.live()).toBe(0);
  });

  it("raw GET: refused ×1 and 503 ×1 are retried; the answer comes through", async () => {
    const clock = createTestClock(T0, TIMEOUT_MS);
    proxy.script([{ kind: "refuse" }, status(503)]);
    const { data, response } = await rawClient(clientFor(clock)).GET("/get/status/{MessageID}", {
      params: { path: { MessageID: seededMessageId } },
    });
    expect(response.status).toBe(200);
    expect(data?.MessageID).toBe(seededMessageId);
    expect(proxy.attempts).toBe(3);
    expect(clock.sleeps).toEqual([500, 1000]);
    expect(clock.live()).toBe(0);
  });

  it("raw GET: 500 on every attempt is the response after the retries", async () => {
    const clock = createTestClock(T0, TIMEOUT_MS);
    proxy.script(times(ALL, status(500)));
    const { error, response } = await rawClient(clientFor(clock)).GET("/get/status/{MessageID}", {
      params: { path: { MessageID: seededMessageId } },
    });
    expect(response.status).toBe(500);
    expect(error).toEqual({ Result: "Failed", ErrorMessage: ["proxy says 500"] });
    expect(proxy.attempts).toBe(ALL);
    expect(clock.live()).toBe(0);
  });

  it("raw POST: a send whose answer is lost is not retried, and one message exists", async () => {
    const clock = createTestClock(T0, TIMEOUT_MS);
    proxy.script([{ kind: "reset-after-request" }]);
    const error = await rawClient(clientFor(clock))
      .POST("/send/sms", {
        body: {
          MessageData: { Message: SEND_TEXT, Destinations: [{ Recipient: "+61421000001" }] },
        },
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(proxy.attempts).toBe(1);
    expect(sentMessages()).toBe(1);
    expect(clock.live()).toBe(0);
  });
});

describe("send with idempotent: true: the retry carries the same MessageID", () => {
  const cases: { fault: string; faults: Fault[]; forwarded: number }[] = [
    {
      fault: "reset after reading the request",
      faults: [{ kind: "reset-after-request" }],
      forwarded: 2,
    },
    { fault: "reset mid-response", faults: [{ kind: "reset-mid-response" }], forwarded: 2 },
    {
      fault: "drip the body past the timeout",
      faults: [{ kind: "drip", intervalMs: 100 }],
      forwarded: 2,
    },
    {
      fault: "reset before reading the request",
      faults: [{ kind: "reset-before-request" }],
      forwarded: 1,
    },
    { fault: "stall past the timeout", faults: [{ kind: "stall" }], forwarded: 1 },
    { fault: "500 ×1", faults: [status(500)], forwarded: 1 },
  ];
  it.each(cases)("$fault: 2 attempts, one message", async ({ fault, faults, forwarded }) => {
    const clock = createTestClock(T0, TIMEOUT_MS);
    const client = clientFor(clock);
    proxy.script(faults);
    const { value, error } = await run(client, "send", true);
    expect(error, String(error)).toBeUndefined();
    expect(proxy.attempts).toBe(2);
    const ids = forwardedMessageIds();
    expect(ids).toHaveLength(forwarded);
    expect(new Set(ids).size).toBe(1);
    expect((value as { MessageID: string }).MessageID).toBe(ids[0]);
    // The sandbox's duplicate rule answered the repeat with the original.
    expect(sentMessages()).toBe(1);
    expect(clock.live()).toBe(0);
    observed.push({
      fault: `${fault} (idempotent: true)`,
      op: "send",
      attempts: proxy.attempts,
      outcome: "ok",
      created: sentMessages(),
    });
  });
});

describe("a closed port (nothing listening at all)", () => {
  it.each(OPS)("%s: ConnectionError after every attempt, nothing created", async (op) => {
    const port = await freePort();
    let attempts = 0;
    const clock = createTestClock(T0, TIMEOUT_MS);
    const client = new BestSMS({
      authToken: sandbox.authToken,
      baseUrl: `http://127.0.0.1:${port}`,
      fetch: (input, init) => {
        attempts += 1;
        return fetch(input, init);
      },
      clock,
      random: () => 0,
      timeoutMs: TIMEOUT_MS,
      maxRetries: MAX_RETRIES,
    });
    const before = sentMessages() + createdContacts();
    const { error } = await run(client, op);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(attempts).toBe(ALL);
    expect(clock.sleeps).toEqual([500, 1000]);
    expect(sentMessages() + createdContacts()).toBe(before);
    expect(clock.live()).toBe(0);
  });
});
