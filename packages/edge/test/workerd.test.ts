// The bundle runs in workerd (miniflare) with no compatibility flag: no Node built-in exists
// there. Callbacks report to a loopback server through the Worker's own fetch.

import { Miniflare } from "miniflare";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isNodeBuiltin, type WorkerBundle } from "../../../tools/test-kit/src/worker-bundle.js";
import { bundleEdge } from "./bundle.js";
import { statusPayload, TOKEN } from "./helpers.js";
import { type Recorder, startRecorder } from "./recorder.js";

const WORKER = `import { clientFromEnv, webhookWorker } from "./edge.mjs";
const record = (env, body) => fetch(env.RECORDER_URL, { method: "POST", body: JSON.stringify(body) });
const fast = webhookWorker({
  onStatus: async ({ payload }, { env }) => {
    await record(env, { kind: "status", MessageID: payload.MessageID });
  },
  onReceived: async ({ payload }, { env }) => {
    await record(env, { kind: "received", Message: payload.Message });
  },
});
const strict = webhookWorker({
  respondFirst: false,
  onStatus: async ({ payload }, { env }) => {
    if (payload.MessageID === "fail") throw new Error("callback failed");
    await record(env, { kind: "strict", MessageID: payload.MessageID });
  },
  onReceived: () => {},
  onError: async (error, { env }) => {
    await record(env, { kind: "error", message: String(error) });
  },
});
export default {
  async fetch(request, env, ctx) {
    const { pathname } = new URL(request.url);
    if (pathname === "/send") {
      const client = clientFromEnv(env, { maxRetries: 0 });
      const sent = await client.messaging.sms.sendMessage({
        MessageID: "worker-1",
        MessageText: "Hi",
        Recipients: "+61421000001",
      });
      return Response.json(sent);
    }
    return (pathname === "/strict" ? strict : fast).fetch(request, env, ctx);
  },
};
`;

let bundle: WorkerBundle;
let recorder: Recorder;
let mf: Miniflare | undefined;

beforeAll(async () => {
  bundle = await bundleEdge();
  recorder = await startRecorder();
  mf = new Miniflare({
    modules: [
      { type: "ESModule", path: "/worker/worker.mjs", contents: WORKER },
      { type: "ESModule", path: "/worker/edge.mjs", contents: bundle.code },
    ],
    modulesRoot: "/worker",
    compatibilityDate: "2025-01-01",
    bindings: {
      BESTSMS_WEBHOOK_TOKEN: TOKEN,
      BESTSMS_AUTH_TOKEN: "edge-api-token",
      BESTSMS_BASE_URL: recorder.url,
      RECORDER_URL: `${recorder.url}/record`,
    },
  });
  await mf.ready;
});

afterAll(async () => {
  await mf?.dispose();
  await recorder?.close();
});

function post(path: string, payload: unknown) {
  if (!mf) throw new Error("no miniflare");
  return mf.dispatchFetch(`http://worker.test${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(payload),
  });
}

describe("the bundle", () => {
  it("imports no Node built-in", () => {
    expect(bundle.nodeImports).toEqual([]);
    const inputs = Object.entries(bundle.metafile.inputs);
    expect(inputs.length).toBeGreaterThan(5);
    for (const [path, input] of inputs) {
      expect(isNodeBuiltin(path), path).toBe(false);
      for (const imported of input.imports) expect(imported.external, imported.path).not.toBe(true);
    }
    expect(bundle.code).not.toMatch(/\brequire\(|\bBuffer\b|\bprocess\.env\b/);
  });
});

describe("webhookWorker in workerd", () => {
  it("answers 200 before its callback is done, and the callback runs (respondFirst)", async () => {
    recorder.records.length = 0;
    recorder.hold = true;
    try {
      const response = await post("/webhooks", statusPayload());
      expect([response.status, await response.text()]).toEqual([200, "ok"]);
      // The callback's own request is still held by the recorder: the answer came first.
      expect(await recorder.waitFor(1)).toEqual([{ kind: "status", MessageID: "edge-1" }]);
    } finally {
      recorder.hold = false;
      recorder.release();
    }
  });

  it("answers 401 to a wrong token, with no callback", async () => {
    recorder.records.length = 0;
    const response = await post("/webhooks", statusPayload({ APIKey: "wrong" }));
    expect([response.status, await response.text()]).toEqual([401, "unauthorized"]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(recorder.records).toEqual([]);
  });

  it("with respondFirst: false, answers after the callback, and 500 when it fails", async () => {
    recorder.records.length = 0;
    const ok = await post("/strict", statusPayload({ MessageID: "strict-1" }));
    expect([ok.status, await ok.text()]).toEqual([200, "ok"]);
    expect(recorder.records).toEqual([{ kind: "strict", MessageID: "strict-1" }]);
    const failed = await post("/strict", statusPayload({ MessageID: "fail" }));
    expect([failed.status, await failed.text()]).toEqual([500, "internal_error"]);
    expect(recorder.records).toEqual([
      { kind: "strict", MessageID: "strict-1" },
      { kind: "error", message: "Error: callback failed" },
    ]);
  });

  it("clientFromEnv takes the token and base URL from the bindings", async () => {
    if (!mf) throw new Error("no miniflare");
    const response = await mf.dispatchFetch("http://worker.test/send");
    expect(await response.json()).toEqual({
      Result: "Success",
      MessageID: "worker-1",
      ErrorMessage: [],
    });
    expect(recorder.apiCalls).toEqual(["POST /send/sms Basic edge-api-token"]);
  });
});
