/// <reference types="node" />
// The token never shows: not on the client however it is printed, not in any error (even when the
// server echoes it back), not in a log line.
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import {
  ApiError,
  addressbookGroupList,
  type BestSMS,
  BestSMSCore,
  type ClientOptions,
  type Logger,
  rawClient,
} from "../src/index.js";
import { closedPort } from "./helpers/closed-port.js";
import { settle } from "./helpers/fake-clock.js";
import { StubFetch } from "./helpers/fetch.js";
import { CONTACT_ID, MESSAGE_ID, useHarness } from "./helpers/harness.js";

const CANARY = "canary-SECRET-token-123";
const h = useHarness();

/** Every way an error can be printed or serialised, its causes included. */
function renderings(value: unknown, seen = new Set<unknown>()): string[] {
  if (value === null || typeof value !== "object" || seen.has(value)) return [String(value)];
  seen.add(value);
  const out = [String(value), inspect(value, { showHidden: true, depth: 10 })];
  try {
    out.push(JSON.stringify(value));
  } catch {
    // a cycle: the inspect above covers it
  }
  const own: Record<string, unknown> = {};
  for (const key of Object.getOwnPropertyNames(value)) {
    own[key] = (value as Record<string, unknown>)[key];
  }
  out.push(inspect(own, { showHidden: true, depth: 10 }));
  if (value instanceof Error) {
    out.push(value.message, value.stack ?? "");
    out.push(...renderings(value.cause, seen));
  }
  const nested = (value as { errors?: unknown }).errors;
  if (Array.isArray(nested)) for (const item of nested) out.push(...renderings(item, seen));
  return out;
}

function expectNoToken(value: unknown): void {
  for (const text of renderings(value)) {
    expect(text).not.toContain(CANARY);
    expect(text).not.toContain("SECRET");
  }
}

/** A logger keeping every line, of every level. */
function capture(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const keep =
    (level: string) =>
    (message: string, fields: Readonly<Record<string, unknown>>): void => {
      lines.push(JSON.stringify([level, message, fields]));
    };
  return {
    logger: { debug: keep("debug"), info: keep("info"), warn: keep("warn"), error: keep("error") },
    lines,
  };
}

function expectCleanLog(lines: readonly string[]): void {
  expect(lines.length).toBeGreaterThan(0);
  for (const line of lines) {
    expect(line).not.toContain(CANARY);
    expect(line).not.toContain("SECRET");
    expect(line).not.toMatch(/authorization|Basic |Bearer /i);
  }
}

function canaryClient(extra: Partial<ClientOptions> = {}): BestSMS {
  h.server.expectAuth({ token: CANARY, scheme: extra.authScheme ?? "Basic" });
  return h.client({ authToken: CANARY, ...extra });
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await settle(promise, h.clock, { inFlight: h.tracked.inFlight });
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to fail");
}

describe("the client object", () => {
  it.each(["Basic", "Bearer"] as const)(
    "%s: String, JSON.stringify, util.inspect show no token",
    (scheme) => {
      for (const client of [
        canaryClient({ authScheme: scheme }),
        new BestSMSCore({ authToken: CANARY, authScheme: scheme }),
      ]) {
        expect(String(client)).toBe(`BestSMS { baseUrl: ${JSON.stringify(client.baseUrl)} }`);
        expect(JSON.stringify(client)).toBe(JSON.stringify({ baseUrl: client.baseUrl }));
        for (const text of [
          String(client),
          `${client}`,
          JSON.stringify(client),
          inspect(client, { showHidden: true, depth: 10 }),
          inspect(client, { showHidden: true, depth: 10, getters: true }),
          inspect(Object.getOwnPropertyDescriptors(client), { showHidden: true, depth: 10 }),
        ]) {
          expect(text).not.toContain(CANARY);
          expect(text).not.toContain("SECRET");
        }
      }
    },
  );

  it("nor once rawClient(client) was used", async () => {
    const client = canaryClient();
    const raw = rawClient(client);
    await raw.GET("/addressbook/group/list");
    expect(h.server.requests[0]?.headers.authorization).toBe(`Basic ${CANARY}`);
    for (const value of [client, raw]) {
      const text = inspect(value, { showHidden: true, depth: 10, getters: true });
      expect(text).not.toContain(CANARY);
    }
    expect(JSON.stringify(client)).not.toContain(CANARY);
  });

  it("the token is sent, so the checks above are not vacuous", async () => {
    await canaryClient().addressbook.contact.detail({ ContactID: CONTACT_ID });
    expect(h.server.requests[0]?.headers.authorization).toBe(`Basic ${CANARY}`);
    expect(h.server.requests[0]?.problems).toEqual([]);
  });
});

describe("errors, and the log lines of the calls that threw them", () => {
  it("authentication failure", async () => {
    const { logger, lines } = capture();
    h.server.expectAuth({ token: "the-right-token" });
    const client = h.client({ authToken: CANARY, logger });
    const error = await failure(client.addressbook.contact.detail({ ContactID: CONTACT_ID }));
    expect(error).toMatchObject({ name: "AuthenticationError", status: 401 });
    expectNoToken(error);
    expectCleanLog(lines);
  });

  it("the server echoes the token in ErrorMessage (a string, with 401)", async () => {
    const { logger, lines } = capture();
    h.server.enqueue({
      status: 401,
      json: { Result: "Unauthorized", ErrorMessage: `Invalid Auth Token ${CANARY}` },
    });
    const error = await failure(canaryClient({ logger }).addressbook.group.list());
    expect(error).toMatchObject({
      name: "AuthenticationError",
      errorMessages: ["Invalid Auth Token [redacted]"],
    });
    expectNoToken(error);
    expectCleanLog(lines);
  });

  it('a token too short to be real (a test\'s "t") does not mangle the words it is part of', async () => {
    const stub = new StubFetch([
      { status: 200, json: { Result: "Failed", ErrorMessage: "Invalid destination" } },
    ]);
    const client = new BestSMSCore({ authToken: "t", fetch: stub.fetch, maxRetries: 0 });
    const error = await failure(addressbookGroupList(client));
    expect(error).toMatchObject({ errorMessages: ["Invalid destination"] });
    expect((error as Error).message).toContain("Invalid destination");
  });

  it("the server echoes the token in ErrorMessage (a list, with 200, 400 and 500s)", async () => {
    const { logger, lines } = capture();
    const echo = { Result: "Failed", ErrorMessage: ["Bad request", `token=${CANARY}`, CANARY] };
    h.server.enqueue(
      { status: 500, json: echo },
      { status: 500, json: echo },
      { status: 500, json: echo },
    );
    const errors = [await failure(canaryClient({ logger }).addressbook.group.list())];
    h.server.enqueue({ status: 400, json: echo }, { status: 200, json: echo });
    errors.push(
      await failure(
        canaryClient({ logger }).messaging.sms.sendMessage({
          MessageText: "x",
          Recipients: "+61421000001",
        }),
      ),
    );
    errors.push(
      await failure(canaryClient({ logger }).actions.abort.sendRequest({ MessageID: MESSAGE_ID })),
    );
    for (const error of errors) {
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).errorMessages).toEqual([
        "Bad request",
        "token=[redacted]",
        "[redacted]",
      ]);
      expectNoToken(error);
    }
    expectCleanLog(lines);
  });

  it("the server echoes the token in an HTML body (200, and 502 retried)", async () => {
    const { logger, lines } = capture();
    const page = `<html><body><h1>Error</h1><pre>Authorization: Basic ${CANARY}</pre></body></html>`;
    h.server.enqueue({ status: 200, text: page });
    const first = await failure(canaryClient({ logger }).addressbook.group.list());
    h.server.enqueue(
      { status: 502, text: page },
      { status: 502, text: page },
      { status: 502, text: page },
    );
    const second = await failure(canaryClient({ logger }).addressbook.group.list());
    for (const error of [first, second]) {
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).bodyExcerpt).toContain("[redacted]");
      expectNoToken(error);
    }
    expectCleanLog(lines);
  });

  it("a token cut by the 200-character excerpt leaves no part of it", async () => {
    h.server.enqueue({ status: 200, text: `<html>${"x".repeat(185)}${CANARY}</html>` });
    const error = await failure(canaryClient().addressbook.group.list());
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).bodyExcerpt).not.toContain("canary-");
  });

  it("the server echoes the token in Result", async () => {
    h.server.enqueue({ status: 200, json: { Result: CANARY, ErrorMessage: [] } });
    const error = await failure(canaryClient().addressbook.group.list());
    expect(error).toBeInstanceOf(ApiError);
    expectNoToken(error);
  });

  it("validation error", async () => {
    const error = await failure(
      canaryClient().messaging.sms.sendMessage({
        MessageText: "Hi",
        Recipients: "+61421000001",
        Reference: "r".repeat(81),
      }),
    );
    expect(error).toMatchObject({ name: "ValidationError" });
    expectNoToken(error);
  });

  it("timeout", async () => {
    const { logger, lines } = capture();
    const stub = new StubFetch([{ hang: true }, { hang: true }, { hang: true }]);
    const client = h.client({ authToken: CANARY, fetch: stub.fetch, timeoutMs: 1000, logger });
    const error = await settle(
      client.reports.status.poll({ MessageID: MESSAGE_ID }),
      h.clock,
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "TimeoutError" });
    expect(stub.calls[0]?.headers.authorization).toBe(`Basic ${CANARY}`);
    expectNoToken(error);
    expectCleanLog(lines);
  });

  it("connection error (nothing listening), through the tree and through rawClient(client)", async () => {
    const { logger, lines } = capture();
    const port = await closedPort();
    const client = h.client({ authToken: CANARY, baseUrl: `http://127.0.0.1:${port}/api`, logger });
    const error = await failure(
      client.messaging.sms.sendMessage({ MessageText: "x", Recipients: "+61421000001" }),
    );
    expect(error).toMatchObject({ name: "ConnectionError" });
    expectNoToken(error);
    const raw = await failure(rawClient(client).GET("/addressbook/group/list"));
    expect(raw).toMatchObject({ name: "ConnectionError" });
    expectNoToken(raw);
    expectCleanLog(lines);
  });

  it("abort", async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await failure(
      canaryClient().addressbook.group.list({}, { signal: controller.signal }),
    );
    expect(error).toMatchObject({ name: "AbortError" });
    expectNoToken(error);
  });

  it("successful calls log no token either", async () => {
    const { logger, lines } = capture();
    await canaryClient({ logger, authScheme: "Bearer" }).addressbook.contact.list({ Page: 1 });
    expectCleanLog(lines);
    expect(lines.some((line) => line.includes("bestsms response"))).toBe(true);
  });
});
