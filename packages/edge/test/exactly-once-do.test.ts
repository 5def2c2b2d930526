/**
 * Exactly once across three receiver isolates (three Workers in workerd) sharing Durable
 * Objects: 2,000 deliveries at concurrency 50, 10 % repeats each sent to another receiver, one
 * receiver wedged and stopped mid-run, and every delivery that got no 200 made again. Every
 * event's callback completes exactly once.
 */
import { Miniflare } from "miniflare";
import { afterAll, beforeAll, it } from "vitest";
import { runExactlyOnce } from "../../webhooks/test/helpers/exactly-once.js";
import { expectExactlyOnce } from "../../webhooks/test/helpers/exactly-once-expect.js";
import { bundleWorker } from "./bundle.js";
import { type Recorder, startRecorder } from "./recorder.js";

const TOKEN = "exactly-once-do-token";
const RECEIVERS = ["r0", "r1", "r2"];
let mf: Miniflare | undefined;
let recorder: Recorder;

beforeAll(async () => {
  recorder = await startRecorder();
  const [host, receiver] = await Promise.all([
    bundleWorker(new URL("./workers/dedupe-host.worker.ts", import.meta.url)),
    bundleWorker(new URL("./workers/exactly-once-receiver.worker.ts", import.meta.url)),
  ]);
  mf = new Miniflare({
    compatibilityDate: "2025-01-01",
    workers: [
      {
        name: "dedupe-host",
        modules: true,
        script: host,
        durableObjects: { DEDUPE: "WebhookDedupeObject" },
      },
      ...RECEIVERS.map((name, i) => ({
        name,
        modules: true,
        script: receiver,
        routes: [`${name}.test/*`],
        bindings: {
          BESTSMS_WEBHOOK_TOKEN: TOKEN,
          RECORDER_URL: `${recorder.url}/record`,
          // The last one wedges after 100 events, and is stopped while so.
          ...(i === RECEIVERS.length - 1 ? { WEDGE_AFTER: "100" } : {}),
        },
        durableObjects: {
          DEDUPE: { className: "WebhookDedupeObject", scriptName: "dedupe-host" },
        },
      })),
    ],
  });
  await mf.ready;
}, 60_000);

afterAll(async () => {
  await mf?.dispose();
  await recorder?.close();
});

async function post(receiver: number, path: string, body: string) {
  if (!mf) throw new Error("no miniflare");
  // Each receiver has its own host name, routed straight to it.
  const response = await mf.dispatchFetch(`http://${RECEIVERS[receiver]}.test${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body,
  });
  return { status: response.status, text: await response.text() };
}

it("three receiver isolates on Durable Objects handle every event exactly once, one stopped mid-run", async () => {
  const report = await runExactlyOnce(
    {
      receivers: RECEIVERS.length,
      deliver: (index, body) => post(index, "/webhooks", body),
      stop: async (index) => {
        await post(index, "/__stop", "");
      },
      handled: async () =>
        (recorder.records as { handled: string }[]).map((record) => record.handled),
    },
    { token: TOKEN },
  );
  expectExactlyOnce("durable objects", report);
}, 90_000);
