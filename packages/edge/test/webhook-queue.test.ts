import { Miniflare } from "miniflare";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { webhookQueueConsumer } from "../src/webhook-queue.js";
import { webhookWorker } from "../src/webhook-worker.js";
import { bundleWorker } from "./bundle.js";
import { statusPayload, TOKEN } from "./helpers.js";
import { type Recorder, startRecorder } from "./recorder.js";

let mf: Miniflare | undefined;
let recorder: Recorder;

beforeAll(async () => {
  recorder = await startRecorder();
  mf = new Miniflare({
    modules: true,
    script: await bundleWorker(new URL("./workers/queue.worker.ts", import.meta.url)),
    compatibilityDate: "2025-01-01",
    bindings: { BESTSMS_WEBHOOK_TOKEN: TOKEN, RECORDER_URL: `${recorder.url}/record` },
    durableObjects: { DEDUPE: "WebhookDedupeObject" },
    queueProducers: { BESTSMS_WEBHOOKS: "webhooks" },
    queueConsumers: { webhooks: { maxBatchSize: 10, maxBatchTimeout: 0.05, maxRetries: 3 } },
  });
  await mf.ready;
});

afterAll(async () => {
  await mf?.dispose();
  await recorder?.close();
});

beforeEach(() => {
  recorder.records.length = 0;
});

function post(payload: unknown) {
  if (!mf) throw new Error("no miniflare");
  return mf.dispatchFetch("http://worker.test/webhooks", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(payload),
  });
}

describe("webhookWorker({ queue }) and webhookQueueConsumer in workerd, on Miniflare's queues", () => {
  it("answers 200 once enqueued; the consumer gets the webhook, without its token", async () => {
    const response = await post(statusPayload({ MessageID: "queued-1" }));
    expect([response.status, await response.text()]).toEqual([200, "ok"]);
    const [record] = (await recorder.waitFor(1)) as { fields: string[]; price: number }[];
    expect(record).toMatchObject({ MessageID: "queued-1", attempts: 1 });
    expect(record?.fields).not.toContain("APIKey");
    expect(record?.fields).toContain("Status");
    expect(record?.price).toBe(0.2);
  });

  it("answers a repeat `duplicate` at the intake: it is not enqueued again", async () => {
    const first = await post(statusPayload({ MessageID: "queued-2" }));
    const repeat = await post(statusPayload({ MessageID: "queued-2" }));
    expect([await first.text(), await repeat.text()]).toEqual(["ok", "duplicate"]);
    await recorder.waitFor(1);
    // A later, distinct event arrives after it: the repeat was never behind it.
    await post(statusPayload({ MessageID: "queued-3" }));
    const records = (await recorder.waitFor(2)) as { MessageID: string }[];
    expect(records.map((r) => r.MessageID)).toEqual(["queued-2", "queued-3"]);
  });

  it("retries only the failed message of a batch; the others are acknowledged once", async () => {
    const ids = ["batch-a", "flaky-b", "batch-c"];
    const answers = await Promise.all(ids.map((id) => post(statusPayload({ MessageID: id }))));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    const records = (await recorder.waitFor(4, 10_000)) as {
      MessageID?: string;
      attempts?: number;
      error?: string;
    }[];
    expect(records.filter((r) => r.error)).toEqual([{ error: "Error: flaky callback" }]);
    const handled = records.filter((r) => r.MessageID).map((r) => `${r.MessageID}#${r.attempts}`);
    expect(handled.sort()).toEqual(["batch-a#1", "batch-c#1", "flaky-b#2"]);
  });

  it("refuses a wrong token before anything is enqueued", async () => {
    const response = await post(statusPayload({ MessageID: "queued-4", APIKey: "wrong" }));
    expect(response.status).toBe(401);
  });
});

describe("webhookWorker({ queue }) and webhookQueueConsumer, in Node", () => {
  it("answers 500 when the queue refuses the message, so the service retries", async () => {
    const errors: unknown[] = [];
    const worker = webhookWorker({
      token: TOKEN,
      queue: { send: async () => Promise.reject(new Error("queue unavailable")) },
      onError: (error) => {
        errors.push(error);
      },
    });
    const response = await worker.fetch(
      new Request("https://r.test/", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(statusPayload()),
      }),
      {},
    );
    expect([response.status, await response.text()]).toEqual([500, "internal_error"]);
    expect(String(errors[0])).toContain("queue unavailable");
  });

  it("acknowledges a message it cannot read, and tells onError", async () => {
    const outcomes: string[] = [];
    const consumer = webhookQueueConsumer({
      onStatus: () => {},
      onReceived: () => {},
      onError: () => {
        outcomes.push("error");
      },
    });
    const message = (body: unknown) => ({
      id: "m",
      body,
      attempts: 1,
      ack: () => outcomes.push("ack"),
      retry: () => outcomes.push("retry"),
    });
    await consumer.queue(
      { queue: "q", messages: [message({ payload: { Message: "no Type" } })] },
      {},
    );
    expect(outcomes).toEqual(["ack", "error"]);
  });
});
