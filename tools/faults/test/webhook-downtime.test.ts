/**
 * The sandbox (on an injected clock) posts webhooks to a real node:http receiver that refuses
 * connections for the first simulated hour and answers 500 for the second, then comes back:
 * nothing is lost and each event is taken once. A second URL that never answers 2xx shows the
 * retries stop after 24 hours. Time moves in 5-minute steps of `advance`.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { BestSMS } from "@bestsms/client";
import { type RunningSandbox, startSandbox } from "@bestsms/sandbox";
import { afterAll, beforeAll, expect, it } from "vitest";

const T0 = Date.UTC(2025, 7, 9, 23, 0, 0);
const STEP_MS = 5 * 60_000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type Mode = "refuse" | "500" | "ok";

interface Hit {
  readonly path: string;
  readonly at: number;
  readonly status: number;
  readonly body: string;
}

let mode: Mode = "refuse";
let port = 0;
let listening = false;
const hits: Hit[] = [];
let server: Server;
let sandbox: RunningSandbox;
/** A second sandbox whose webhooks go to a path that never answers 2xx. */
let stubborn: RunningSandbox;

function startReceiver(): Promise<void> {
  return new Promise((resolve) => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const path = req.url ?? "/";
        const status = path === "/never" || mode === "500" ? 500 : 200;
        hits.push({
          path,
          at: Date.parse(String(req.headers["x-timestamp"])),
          status,
          body: Buffer.concat(chunks).toString("utf8"),
        });
        res.writeHead(status, { "content-type": "text/plain" });
        res.end(status === 200 ? "ok" : "internal_error");
      });
    });
    server.listen(port, "127.0.0.1", () => {
      port = (server.address() as AddressInfo).port;
      listening = true;
      resolve();
    });
  });
}

function stopReceiver(): Promise<void> {
  return new Promise((resolve) => {
    if (!listening) {
      resolve();
      return;
    }
    listening = false;
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

async function setMode(next: Mode): Promise<void> {
  mode = next;
  if (next === "refuse") await stopReceiver();
  else if (!listening) await startReceiver();
}

beforeAll(async () => {
  await startReceiver();
  sandbox = await startSandbox({
    clock: { now: () => T0 },
    webhookUrl: `http://127.0.0.1:${port}/hook`,
  });
  // A send's WebhookCallbackURL must be https, so the other URL gets its own sandbox.
  stubborn = await startSandbox({
    clock: { now: () => T0 },
    webhookUrl: `http://127.0.0.1:${port}/never`,
  });
});

afterAll(async () => {
  await sandbox?.close();
  await stubborn?.close();
  await stopReceiver();
});

it("down for two hours (refused, then 500): every event delivered once; retries stop at 24 h", async () => {
  const client = new BestSMS({ authToken: sandbox.authToken, baseUrl: sandbox.url });
  // The receiver is down from the start.
  await setMode("refuse");
  const sent: string[] = [];
  for (let i = 0; i < 3; i++) {
    const r = await client.messaging.sms.sendMessage({
      MessageText: `downtime ${i}`,
      Recipients: `+6142100010${i}`,
    });
    sent.push(r.MessageID ?? "");
  }
  await new BestSMS({
    authToken: stubborn.authToken,
    baseUrl: stubborn.url,
  }).messaging.sms.sendMessage({
    MessageText: "to a receiver that never answers 2xx",
    Recipients: "+61421000200",
  });
  await sandbox.simulateReply({ MessageID: sent[0] as string, MessageText: "reply while down" });

  const steps = Math.ceil((26 * HOUR) / STEP_MS);
  let hitsAfterDrop = -1;
  for (let step = 0; step < steps; step++) {
    const elapsed = sandbox.now() - T0;
    await setMode(elapsed < HOUR ? "refuse" : elapsed < 2 * HOUR ? "500" : "ok");
    await Promise.all([sandbox.advance(STEP_MS), stubborn.advance(STEP_MS)]);
    const never = stubborn.deliveries.find((d) => d.url.endsWith("/never"));
    if (never?.status === "dropped" && hitsAfterDrop < 0) {
      hitsAfterDrop = hits.filter((h) => h.path === "/never").length;
    }
  }
  await setMode("ok");

  const main = sandbox.deliveries.filter((d) => d.url.endsWith("/hook"));
  // 3 status reports and 1 reply.
  expect(main).toHaveLength(4);
  for (const delivery of main) {
    expect(delivery.status).toBe("delivered");
    const accepted = hits.filter(
      (h) => h.path === "/hook" && h.status === 200 && h.body === delivery.body,
    );
    // Delivered once it came back, and only once.
    expect(accepted).toHaveLength(1);
    expect((accepted[0] as Hit).at).toBeGreaterThanOrEqual(T0 + 2 * HOUR);
    expect((accepted[0] as Hit).at).toBeLessThanOrEqual(T0 + 2 * HOUR + STEP_MS);
    // Attempts every 5 minutes from the first: about an hour refused, an hour answered 500
    // (one step either way, as an attempt due at a step's end runs in that step), then one 200.
    expect(delivery.attempts.filter((a) => a.error !== undefined).length).toBeGreaterThanOrEqual(
      11,
    );
    expect(delivery.attempts.filter((a) => a.status === 500).length).toBeGreaterThanOrEqual(11);
    expect(delivery.attempts.filter((a) => a.status === 200)).toHaveLength(1);
    expect(delivery.attempts.at(-1)?.status).toBe(200);
    for (let i = 1; i < delivery.attempts.length; i++) {
      const gap = (delivery.attempts[i]?.at ?? 0) - (delivery.attempts[i - 1]?.at ?? 0);
      expect(gap).toBe(STEP_MS);
    }
  }
  // Every event the sandbox made reached the receiver: no status report or reply lost.
  const delivered = new Set(
    hits.filter((h) => h.path === "/hook" && h.status === 200).map((h) => h.body),
  );
  expect(delivered.size).toBe(4);
  const ids = [...delivered].map((b) => (JSON.parse(b) as { MessageID: string }).MessageID);
  for (const id of sent) expect(ids).toContain(id);

  const never = stubborn.deliveries.find((d) => d.url.endsWith("/never"));
  expect(stubborn.deliveries).toHaveLength(1);
  expect(never?.status).toBe("dropped");
  const created = never?.createdAt ?? 0;
  // At createdAt + k × 5 min for k = 0…288: the last at exactly 24 h.
  expect(never?.attempts).toHaveLength(DAY / STEP_MS + 1);
  for (const attempt of never?.attempts ?? [])
    expect(attempt.at).toBeLessThanOrEqual(created + DAY);
  const neverHits = hits.filter((h) => h.path === "/never");
  for (const hit of neverHits) expect(hit.at).toBeLessThanOrEqual(created + DAY);
  // Two more simulated hours after the drop: no attempt at all.
  expect(hitsAfterDrop).toBeGreaterThan(0);
  expect(neverHits).toHaveLength(hitsAfterDrop);
  if (process.env.FAULTS_PRINT) {
    console.log(
      JSON.stringify({
        main: main.map((d) => ({
          attempts: d.attempts.length,
          refused: d.attempts.filter((a) => a.error !== undefined).length,
          http500: d.attempts.filter((a) => a.status === 500).length,
          status: d.status,
        })),
        never: {
          attempts: never?.attempts.length,
          status: never?.status,
          receiverHits: neverHits.length,
        },
      }),
    );
  }
});
