// src/app.ts and everything it imports are web-standard: bundled for a neutral platform they
// run inside workerd (miniflare), where no Node built-in exists.
import { fileURLToPath } from "node:url";
import { Miniflare } from "miniflare";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { workerCode } from "../../../tools/test-kit/src/worker-bundle.js";

const entry = fileURLToPath(new URL("../src/app.ts", import.meta.url));

// The sandbox is made on the first request: workerd refuses random values at global scope.
const WORKER = `import { createSandboxApp } from "./app.mjs";
let sandbox;
export default {
  fetch(request, env, ctx) {
    sandbox ??= createSandboxApp({ authToken: "worker-token", deliveryDelayMs: 0 });
    return sandbox.app.fetch(request, env, ctx);
  },
};
`;

let bundle = "";
let mf: Miniflare | undefined;

beforeAll(async () => {
  bundle = await workerCode(entry);
  mf = new Miniflare({
    modules: [
      { type: "ESModule", path: "/worker/worker.mjs", contents: WORKER },
      { type: "ESModule", path: "/worker/app.mjs", contents: bundle },
    ],
    modulesRoot: "/worker",
    compatibilityDate: "2025-01-01",
  });
});

afterAll(async () => {
  await mf?.dispose();
});

/** A GET of `path` from the app in workerd, or a POST of `body`; JSON either way. */
function request(path: string, headers: Record<string, string>, body?: unknown) {
  if (!mf) throw new Error("no miniflare");
  return mf.dispatchFetch(`http://sandbox.test${path}`, {
    headers: { ...headers, "Content-Type": "application/json" },
    ...(body === undefined ? {} : { method: "POST", body: JSON.stringify(body) }),
  });
}

describe("the app in workerd", () => {
  it("bundles without any Node built-in", () => {
    expect(bundle.length).toBeGreaterThan(10_000);
    expect(bundle).not.toMatch(/\bfrom\s*["']node:|\brequire\(|\bimport\(\s*["']node:/);
    expect(bundle).not.toMatch(/\bBuffer\b/);
  });

  it("sends and answers a status poll", async () => {
    const headers = { Authorization: "Bearer worker-token" };
    const sent = await request("/send/sms", headers, {
      MessageData: {
        MessageID: "worker-1",
        Message: "Hi [[FirstName]]",
        Destinations: [
          { Recipient: "+61421000001", FirstName: "Ann" },
          { Recipient: "+61421009900" },
        ],
      },
    });
    expect(sent.status).toBe(200);
    expect(await sent.json()).toEqual({
      Result: "Success",
      MessageID: "worker-1",
      ErrorMessage: [],
    });

    const poll = await request("/get/status/worker-1?recordsPerPage=10", headers);
    expect(poll.status).toBe(200);
    const status = (await poll.json()) as Record<string, unknown>;
    expect(status).toMatchObject({
      Result: "Success",
      MessageID: "worker-1",
      Status: "Completed",
      Count: 2,
      Complete: 2,
      Success: 1,
      Failed: 1,
      Price: 0.2,
      RecordsPerPage: 10,
      PageCount: 1,
      Recipients: [
        { DestSeq: 1, Destination: "+61421000001", Status: "Success", Result: "Sent OK" },
        { DestSeq: 2, Destination: "+61421009900", Status: "Failed", Result: "Bad Number" },
      ],
      ErrorMessage: [],
    });

    const invalid = await request("/get/status/worker-1?page=0", headers);
    expect([invalid.status, await invalid.json()]).toEqual([
      400,
      { Result: "Failed", ErrorMessage: ["page: at least 1, got 0"] },
    ]);
  });

  it("takes the service's paths and ignores unknown fields with a warning", async () => {
    const headers = { Authorization: "Basic worker-token" };
    const sent = await request("/api/v2.04/Send/SMS/", headers, {
      MessageData: {
        MessageID: "worker-2",
        Message: "Hi",
        Destinations: [{ Recipient: "+61421000001" }],
      },
      HTTPMethod: "POST",
    });
    expect([sent.status, sent.headers.get("X-Sandbox-Warning"), await sent.json()]).toEqual([
      200,
      "ignored unknown fields: HTTPMethod",
      { Result: "Success", MessageID: "worker-2", ErrorMessage: [] },
    ]);
    const poll = await request("/api/v2.04/get/status/worker-2/?RecordsPerPage=5", headers);
    expect(poll.status).toBe(200);
    expect(await poll.json()).toMatchObject({ MessageID: "worker-2", RecordsPerPage: 5 });
  });
});
