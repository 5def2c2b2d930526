/**
 * 2,000 webhook deliveries at concurrency 50 against `toNodeListener(createWebhookHandler(…))`
 * on 127.0.0.1: 10% repeats, 5% hostile bodies. Every valid event is handled exactly once, every
 * hostile one gets its status, and memory stays bounded. How long the run takes is printed with
 * FAULTS_PRINT=1, never asserted: it depends on what else the machine is doing.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { toNodeListener } from "@bestsms/node";
import { createWebhookHandler } from "@bestsms/webhooks";
import { xmlParser } from "@bestsms/webhooks/xml";
import { afterAll, beforeAll, expect, it } from "vitest";

const TOKEN = "load-test-webhook-token";
const TOTAL = 2_000;
const CONCURRENCY = 50;
const REPEATS = TOTAL / 10;
const HOSTILE = TOTAL / 20;
const VALID = TOTAL - REPEATS - HOSTILE;
/** Only stops a hung run, before the test's own timeout; not a bound on how long a run takes. */
const HANG_DEADLINE_MS = 100_000;
/** Heap growth after a full GC (or RSS growth without one) allowed over the whole run. */
const HEAP_BOUND_BYTES = 32 * 1024 * 1024;
const RSS_BOUND_BYTES = 128 * 1024 * 1024;

interface Delivery {
  readonly kind: string;
  readonly method?: string;
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly expectStatus: number;
  readonly expectBody?: string;
  readonly key?: string;
}

function payload(i: number): Record<string, string> {
  return {
    Version: "2.04",
    Sender: "sandbox@bestsms.local",
    APIKey: TOKEN,
    Type: i % 7 === 0 ? "SMSReply" : "SMS",
    Destination: `+6142100${String(i).padStart(4, "0")}`,
    ContactID: "",
    ReceivedID: i % 7 === 0 ? String(900_000 + i) : "",
    MessageID: `msg-${i}`,
    SubAccount: "",
    Department: "",
    JobNumber: "ABCDEF01",
    SentTimeLocal: "2025-08-10 09:00:02",
    "SentTimeUTC-ISO8601": "2025-08-09T23:00:02Z",
    "SentTimeUTC-RFC3339": "2025-08-09T23:00:02Z",
    Status: "SUCCESS",
    Result: "Sent OK",
    Message: `event ${i}`,
    Price: "0.20",
    Detail: "SMSParts:1",
    URL: "",
  };
}

const json = { "content-type": "application/json", authorization: `Basic ${TOKEN}` };

/** The hostile kinds, in turn, and the answer each must get. */
const HOSTILE_KINDS: ((i: number) => Delivery)[] = [
  (i) => ({
    kind: "bad token",
    headers: { ...json, authorization: "Basic not-the-token" },
    body: JSON.stringify(payload(100_000 + i)),
    expectStatus: 401,
    expectBody: "unauthorized",
  }),
  () => ({
    kind: "invalid JSON",
    headers: json,
    body: '{"Type":"SMS","MessageID":',
    expectStatus: 400,
    expectBody: "invalid_json",
  }),
  () => ({
    kind: "oversize (300 KiB)",
    headers: json,
    body: JSON.stringify({ Type: "SMS", Message: "x".repeat(300 * 1024) }),
    expectStatus: 413,
    expectBody: "too_large",
  }),
  (i) => ({
    kind: "unknown Type",
    headers: json,
    body: JSON.stringify({ ...payload(200_000 + i), Type: "Fax" }),
    expectStatus: 400,
    expectBody: "unknown_type",
  }),
  () => ({
    kind: "DOCTYPE XML (entity expansion)",
    headers: { "content-type": "application/xml", authorization: `Basic ${TOKEN}` },
    body: '<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><Webhook><Type>SMS</Type><Message>&b;</Message></Webhook>',
    expectStatus: 400,
  }),
  () => ({
    kind: "nested JSON",
    headers: json,
    body: JSON.stringify({ Type: "SMS", MessageID: { $gt: "" } }),
    expectStatus: 400,
  }),
  () => ({
    kind: "text/plain",
    headers: { "content-type": "text/plain", authorization: `Basic ${TOKEN}` },
    body: "Type=SMS",
    expectStatus: 415,
    expectBody: "unsupported_content_type",
  }),
  () => ({
    kind: "GET",
    method: "GET",
    headers: { authorization: `Basic ${TOKEN}` },
    body: "",
    expectStatus: 405,
    expectBody: "method_not_allowed",
  }),
  () => ({
    kind: "no token anywhere",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ ...payload(300_000), APIKey: "" }),
    expectStatus: 401,
    expectBody: "unauthorized",
  }),
  () => ({
    kind: "array body",
    headers: json,
    body: JSON.stringify([payload(400_000)]),
    expectStatus: 400,
  }),
];

const count = (id: string | undefined): void => {
  const key = id ?? "(none)";
  handled.set(key, (handled.get(key) ?? 0) + 1);
};

let server: Server;
let url = "";
const handled = new Map<string, number>();
const errors: unknown[] = [];

beforeAll(async () => {
  const handler = createWebhookHandler({
    token: TOKEN,
    dedupe: true,
    xml: xmlParser,
    onStatus: ({ payload: p }) => {
      count(p.MessageID);
    },
    onReceived: ({ payload: p }) => {
      count(p.MessageID);
    },
    onError: (error) => {
      errors.push(error);
    },
  });
  server = createServer(toNodeListener(handler));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => {
    server?.close(() => resolve());
    server?.closeAllConnections();
  });
});

function plan(): Delivery[] {
  const valid: Delivery[] = Array.from({ length: VALID }, (_, i) => ({
    kind: "valid",
    headers: json,
    body: JSON.stringify(payload(i)),
    expectStatus: 200,
    key: `msg-${i}`,
  }));
  const repeats: Delivery[] = Array.from({ length: REPEATS }, (_, n) => {
    const original = valid[(n * 37) % VALID] as Delivery;
    return { ...original, kind: "repeat" };
  });
  const hostile: Delivery[] = Array.from({ length: HOSTILE }, (_, n) =>
    (HOSTILE_KINDS[n % HOSTILE_KINDS.length] as (i: number) => Delivery)(n),
  );
  // Interleave deterministically: repeats and hostile ones spread through the run.
  const all = [...valid, ...repeats, ...hostile];
  const order = all.map((_, i) => i).sort((a, b) => ((a * 7919) % 2003) - ((b * 7919) % 2003));
  return order.map((i) => all[i] as Delivery);
}

it(`${TOTAL} deliveries at concurrency ${CONCURRENCY}: valid once, hostile refused, bounded`, async () => {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const rssBefore = process.memoryUsage().rss;
  const started = performance.now();
  const deliveries = plan();
  expect(deliveries).toHaveLength(TOTAL);
  const results: { delivery: Delivery; status: number; text: string }[] = [];
  let next = 0;
  const deadline = AbortSignal.timeout(HANG_DEADLINE_MS);
  const worker = async (): Promise<void> => {
    while (next < deliveries.length && !deadline.aborted) {
      const delivery = deliveries[next++] as Delivery;
      const init: RequestInit = {
        method: delivery.method ?? "POST",
        headers: delivery.headers,
        signal: deadline,
      };
      if ((delivery.method ?? "POST") === "POST") init.body = delivery.body;
      const response = await fetch(url, init);
      results.push({ delivery, status: response.status, text: await response.text() });
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const elapsed = performance.now() - started;

  expect(results).toHaveLength(TOTAL);
  // Every valid event handled exactly once; repeats answered 200 without a second call.
  expect(handled.size).toBe(VALID);
  for (const [key, count] of handled) expect(count, key).toBe(1);
  const byKind = new Map<string, Map<number, number>>();
  for (const { delivery, status, text } of results) {
    const counts = byKind.get(delivery.kind) ?? new Map<number, number>();
    counts.set(status, (counts.get(status) ?? 0) + 1);
    byKind.set(delivery.kind, counts);
    expect(status, `${delivery.kind}: ${text}`).toBe(delivery.expectStatus);
    if (delivery.expectBody) expect(text).toBe(delivery.expectBody);
    if (delivery.kind === "valid" || delivery.kind === "repeat") {
      expect(["ok", "duplicate"]).toContain(text);
    }
    // Answers never echo the request.
    expect(text.length).toBeLessThan(40);
  }
  const duplicates = results.filter((r) => r.text === "duplicate").length;
  expect(duplicates).toBe(REPEATS);
  expect(errors).toEqual([]);

  gc?.();
  const heapGrowth = process.memoryUsage().heapUsed - heapBefore;
  const rssGrowth = process.memoryUsage().rss - rssBefore;
  if (gc) expect(heapGrowth).toBeLessThan(HEAP_BOUND_BYTES);
  else expect(rssGrowth).toBeLessThan(RSS_BOUND_BYTES);
  if (process.env.FAULTS_PRINT) {
    console.log(
      JSON.stringify({
        elapsedMs: Math.round(elapsed),
        gc: Boolean(gc),
        heapGrowthMB: +(heapGrowth / 2 ** 20).toFixed(1),
        rssGrowthMB: +(rssGrowth / 2 ** 20).toFixed(1),
        byKind: Object.fromEntries([...byKind].map(([k, v]) => [k, Object.fromEntries(v)])),
      }),
    );
  }
}, 120_000);
