/**
 * A canary-token run: with the AuthToken `canary-TOKEN-9f3a2b`, a representative set of client
 * calls and webhook-handler requests, and a search for the token in everything a caller can see
 * or log: error messages, stacks, cause chains, JSON.stringify / util.inspect of errors and of
 * the client, logger lines, and the handler's answers.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { inspect } from "node:util";
import { BestSMS, type Logger } from "@bestsms/client";
import { toNodeListener } from "@bestsms/node";
import { startSandbox } from "@bestsms/sandbox";
import { createWebhookHandler } from "@bestsms/webhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const CANARY = "canary-TOKEN-9f3a2b";
/** The forms the token could leak in. */
const FORMS = [CANARY, Buffer.from(CANARY).toString("base64"), encodeURIComponent(CANARY)];

type EchoMode =
  | "401-echo"
  | "500-echo"
  | "html-echo"
  | "result-echo"
  | "429-echo"
  | "header-echo"
  | "stall";
let mode: EchoMode = "401-echo";
let echo: Server;
let echoUrl = "";

/** A hostile server that puts the Authorization header it got into every answer. */
function startEcho(): Promise<void> {
  echo = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      const auth = String(req.headers.authorization ?? "");
      switch (mode) {
        case "stall":
          return;
        case "401-echo":
          res.writeHead(401, { "content-type": "application/json" });
          res.end(JSON.stringify({ Result: "Unauthorized", ErrorMessage: [`bad token ${auth}`] }));
          return;
        case "500-echo":
          res.writeHead(500, { "content-type": "application/json" });
          res.end(JSON.stringify({ Result: "Failed", ErrorMessage: `crashed on ${auth}` }));
          return;
        case "html-echo":
          res.writeHead(200, { "content-type": "text/html" });
          res.end(`<!DOCTYPE html><html><body><pre>Authorization: ${auth}</pre></body></html>`);
          return;
        case "result-echo":
          res.writeHead(200, { "content-type": "application/json" });
          res.end(JSON.stringify({ Result: auth, ErrorMessage: [auth, { nested: auth }] }));
          return;
        case "429-echo":
          res.writeHead(429, { "content-type": "application/json", "retry-after": "0" });
          res.end(JSON.stringify({ Result: "Failed", ErrorMessage: `slow down ${auth}` }));
          return;
        case "header-echo":
          res.writeHead(400, { "content-type": "application/json", "x-echo": auth });
          res.end(`{"Result":"Failed","ErrorMessage":"${auth}"`);
          return;
      }
    });
  });
  return new Promise((resolve) =>
    echo.listen(0, "127.0.0.1", () => {
      echoUrl = `http://127.0.0.1:${(echo.address() as AddressInfo).port}`;
      resolve();
    }),
  );
}

const logLines: string[] = [];
const logger: Logger = {
  debug: (m, f) => logLines.push(`debug ${m} ${JSON.stringify(f)}`),
  info: (m, f) => logLines.push(`info ${m} ${JSON.stringify(f)}`),
  warn: (m, f) => logLines.push(`warn ${m} ${JSON.stringify(f)}`),
  error: (m, f) => logLines.push(`error ${m} ${JSON.stringify(f)}`),
};

/** Everything about an error a caller could print, its causes included. */
function exposure(error: unknown): string[] {
  const out: string[] = [];
  const seen = new Set<unknown>();
  let current: unknown = error;
  for (let depth = 0; depth < 10 && current !== undefined && !seen.has(current); depth++) {
    seen.add(current);
    if (current instanceof Error) {
      out.push(current.message, String(current.stack), String(current));
    }
    out.push(inspect(current, { depth: 10, showHidden: true }));
    try {
      out.push(JSON.stringify(current) ?? "");
    } catch {
      // A cause that cannot be serialised shows nothing this way.
    }
    current = (current as { cause?: unknown } | null)?.cause;
  }
  return out;
}

function leaks(texts: readonly string[]): string[] {
  return texts.filter((t) => FORMS.some((form) => t.includes(form)));
}

const seenErrors: { label: string; error: unknown }[] = [];
async function capture(label: string, call: () => Promise<unknown>): Promise<unknown> {
  try {
    await call();
    return undefined;
  } catch (error) {
    seenErrors.push({ label, error });
    return error;
  }
}

let closedPort = 0;

beforeAll(async () => {
  await startEcho();
  const { createServer: createNetServer } = await import("node:net");
  closedPort = await new Promise<number>((resolve) => {
    const s = createNetServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
});

afterAll(async () => {
  await new Promise<void>((resolve) => {
    echo?.close(() => resolve());
    echo?.closeAllConnections();
  });
});

describe(`canary token ${CANARY}`, () => {
  it("the search finds the token when it is there (control)", () => {
    expect(
      leaks([`Basic ${CANARY}`, "nothing", Buffer.from(CANARY).toString("base64")]),
    ).toHaveLength(2);
    expect(
      leaks(exposure(new Error("outer", { cause: new Error(`inner ${CANARY}`) }))),
    ).not.toEqual([]);
  });

  it("client calls: successes, auth failures, validation, timeouts, connection errors, echoes", async () => {
    const sandbox = await startSandbox({
      authToken: CANARY,
      clock: { now: () => Date.UTC(2025, 7, 9, 23, 0, 0) },
    });
    try {
      const good = new BestSMS({ authToken: CANARY, baseUrl: sandbox.url, logger });
      const sent = await good.messaging.sms.sendMessage({
        MessageText: "canary",
        Recipients: "+61421000001",
      });
      await good.reports.status.poll({ MessageID: sent.MessageID ?? "" });
      await good.addressbook.contact.create({ FirstName: "Canary", MobilePhone: "+61421000002" });
      for await (const _ of good.addressbook.contact.listAll({ RecordsPerPage: 1 })) {
        // Reading every page is the point.
      }
      await capture("not found", () => good.reports.status.poll({ MessageID: "no-such-id" }));
      await capture("validation", () =>
        good.messaging.sms.sendMessage({ MessageText: "", Recipients: "not a number" }),
      );
      await capture("validation (long Reference)", () =>
        good.messaging.sms.sendMessage({
          MessageText: "x",
          Recipients: "+61421000001",
          Reference: "r".repeat(200),
        }),
      );
      expect(leaks([JSON.stringify(good), inspect(good, { depth: 8, showHidden: true })])).toEqual(
        [],
      );
      expect(String(good)).not.toContain(CANARY);
      const wrong = new BestSMS({ authToken: `${CANARY}-wrong`, baseUrl: sandbox.url, logger });
      await capture("sandbox 401", () => wrong.reports.status.poll({ MessageID: "x" }));
    } finally {
      await sandbox.close();
    }

    const hostile = new BestSMS({
      authToken: CANARY,
      baseUrl: echoUrl,
      logger,
      timeoutMs: 200,
      maxRetries: 1,
      random: () => 0,
    });
    const modes: EchoMode[] = [
      "401-echo",
      "500-echo",
      "html-echo",
      "result-echo",
      "429-echo",
      "header-echo",
      "stall",
    ];
    for (const m of modes) {
      mode = m;
      await capture(`echo ${m} (poll)`, () => hostile.reports.status.poll({ MessageID: "abc" }));
      await capture(`echo ${m} (send)`, () =>
        hostile.messaging.sms.sendMessage({ MessageText: "x", Recipients: "+61421000001" }),
      );
    }
    const refused = new BestSMS({
      authToken: CANARY,
      baseUrl: `http://127.0.0.1:${closedPort}`,
      logger,
      maxRetries: 0,
    });
    await capture("connection refused", () => refused.reports.status.poll({ MessageID: "abc" }));
    const aborted = new AbortController();
    aborted.abort(new Error("stop"));
    await capture("aborted", () =>
      hostile.reports.status.poll({ MessageID: "abc" }, { signal: aborted.signal }),
    );
    await capture("constructor: two lines", async () => new BestSMS({ authToken: `${CANARY}\nx` }));
    await capture(
      "constructor: Authorization header",
      async () => new BestSMS({ authToken: CANARY, headers: { Authorization: `Basic ${CANARY}` } }),
    );

    // Every kind of failure was met.
    const names = new Set(seenErrors.map((e) => (e.error as Error).name));
    for (const name of [
      "AuthenticationError",
      "ApiError",
      "RateLimitError",
      "NotFoundError",
      "ValidationError",
      "TimeoutError",
      "ConnectionError",
      "AbortError",
      "BestSMSError",
    ]) {
      expect(names, name).toContain(name);
    }
    const found = seenErrors.flatMap(({ label, error }) =>
      leaks(exposure(error)).map((text) => `${label}: ${text.slice(0, 200)}`),
    );
    expect(found).toEqual([]);
    expect(logLines.length).toBeGreaterThan(5);
    expect(leaks(logLines)).toEqual([]);
    expect(
      leaks([inspect(hostile, { depth: 8, showHidden: true }), JSON.stringify(hostile)]),
    ).toEqual([]);
  });

  it("webhook handler: successes, bad tokens, bad bodies and a throwing callback never echo it", async () => {
    const onErrorSeen: unknown[] = [];
    let calls = 0;
    const handler = createWebhookHandler({
      token: CANARY,
      dedupe: true,
      onStatus: () => {
        calls += 1;
        if (calls === 2) throw new Error("callback failed");
      },
      onReceived: () => {},
      onError: (error) => {
        onErrorSeen.push(error);
      },
    });
    const server = createServer(toNodeListener(handler));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    const event = (i: number, extra: Record<string, string> = {}) =>
      JSON.stringify({ Type: "SMS", MessageID: `m${i}`, Status: "SUCCESS", ...extra });
    const requests: { headers: Record<string, string>; body: string; status: number }[] = [
      { headers: { authorization: `Basic ${CANARY}` }, body: event(1), status: 200 },
      { headers: { authorization: `Basic ${CANARY}` }, body: event(2), status: 500 },
      { headers: { authorization: `Basic ${CANARY}` }, body: event(1), status: 200 },
      { headers: { authorization: `Bearer ${CANARY}x` }, body: event(3), status: 401 },
      { headers: {}, body: event(4, { APIKey: CANARY }), status: 200 },
      { headers: {}, body: event(5, { APIKey: `${CANARY}-no` }), status: 401 },
      { headers: { authorization: CANARY }, body: `{"Type":"SMS","X":"${CANARY}"`, status: 400 },
      {
        headers: { authorization: CANARY },
        body: JSON.stringify({ Type: "Fax", Message: CANARY }),
        status: 400,
      },
      {
        headers: { authorization: CANARY },
        body: JSON.stringify({ Type: "SMS", Message: { t: CANARY } }),
        status: 400,
      },
    ];
    try {
      const answers: string[] = [];
      for (const r of requests) {
        const response = await fetch(url, {
          method: "POST",
          headers: { "content-type": "application/json", ...r.headers },
          body: r.body,
        });
        const text = await response.text();
        expect(response.status, `${r.body} -> ${text}`).toBe(r.status);
        answers.push(text);
        response.headers.forEach((value, name) => {
          answers.push(`${name}: ${value}`);
        });
      }
      expect(leaks(answers)).toEqual([]);
      expect(onErrorSeen).toHaveLength(1);
      expect(leaks(onErrorSeen.flatMap(exposure))).toEqual([]);
    } finally {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    }
    let thrown: unknown;
    try {
      createWebhookHandler({
        token: `${CANARY}\n`,
        onStatus: () => {},
        onReceived: () => {},
      });
    } catch (error) {
      thrown = error;
    }
    if (thrown !== undefined) expect(leaks(exposure(thrown))).toEqual([]);
  });
});
