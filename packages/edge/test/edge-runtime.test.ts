// The same bundle in the Edge Runtime VM (@edge-runtime/vm: Vercel Edge, and a stand-in for
// Deno Deploy and other web-standard runtimes), as a classic script.

import { EdgeVM } from "@edge-runtime/vm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asScript } from "../../../tools/test-kit/src/worker-bundle.js";
import { bundleEdge } from "./bundle.js";
import { executionContext, statusPayload, TOKEN } from "./helpers.js";
import { type Recorder, startRecorder } from "./recorder.js";

interface VmWorker {
  fetch(request: unknown, env: object, ctx?: object): Promise<Response>;
}

let vm: EdgeVM;
let recorder: Recorder;
const seen: unknown[] = [];

beforeAll(async () => {
  const { code, nodeImports } = await bundleEdge();
  expect(nodeImports).toEqual([]);
  vm = new EdgeVM();
  vm.evaluate(await asScript(code, "BestSMSEdge"));
  vm.context.__seen = (entry: unknown) => seen.push(entry);
  recorder = await startRecorder();
});

afterAll(async () => {
  await recorder?.close();
});

/** A webhook POST made inside the VM, so it is the VM's own Request. */
function vmRequest(payload: unknown): unknown {
  return vm.evaluate(
    `new Request("https://edge.example/webhooks", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: ${JSON.stringify(JSON.stringify(payload))},
    })`,
  );
}

describe("in the Edge Runtime VM", () => {
  it("has none of Node's globals", () => {
    expect(vm.evaluate("typeof process + typeof Buffer + typeof require")).toBe(
      "undefinedundefinedundefined",
    );
  });

  it("webhookWorker answers 200 and runs the callback in waitUntil", async () => {
    const worker = vm.evaluate(`BestSMSEdge.webhookWorker({
      onStatus: ({ payload }, { env }) => __seen([env.NAME, payload.MessageID, payload.Status]),
      onReceived: () => {},
    })`) as VmWorker;
    const ctx = executionContext();
    const response = await worker.fetch(
      vmRequest(statusPayload()),
      { BESTSMS_WEBHOOK_TOKEN: TOKEN, NAME: "vm" },
      ctx,
    );
    expect([response.status, await response.text()]).toEqual([200, "ok"]);
    await ctx.settled();
    expect(seen).toEqual([["vm", "edge-1", "SUCCESS"]]);

    const wrong = await worker.fetch(
      vmRequest(statusPayload({ APIKey: "wrong" })),
      { BESTSMS_WEBHOOK_TOKEN: TOKEN },
      ctx,
    );
    expect(wrong.status).toBe(401);
    expect(seen).toHaveLength(1);
  });

  it("clientFromEnv sends with the binding's token to its base URL", async () => {
    const sent = await vm.evaluate(`BestSMSEdge.clientFromEnv(
      { BESTSMS_AUTH_TOKEN: "vm-api-token", BESTSMS_BASE_URL: ${JSON.stringify(recorder.url)} },
      { maxRetries: 0 },
    ).messaging.sms.sendMessage({ MessageID: "worker-1", MessageText: "Hi", Recipients: "+61421000001" })`);
    expect(sent).toMatchObject({ Result: "Success", MessageID: "worker-1" });
    expect(recorder.apiCalls).toEqual(["POST /send/sms Basic vm-api-token"]);
  });
});
