// The Worker (src/worker.ts) in workerd through miniflare: the sandbox in a Durable Object with
// SQLite storage, its clock frozen at the contract suite's time. The contract suite runs against
// it over HTTP on 127.0.0.1; advancing the clock and replies go through the control API.
import { fileURLToPath } from "node:url";
import { Miniflare } from "miniflare";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { workerCode } from "../../../tools/test-kit/src/worker-bundle.js";
import { sandboxControl } from "../src/index.js";
import { contractSuite } from "./contract-suite.js";
import { startReceiver } from "./helpers.js";

const entry = fileURLToPath(new URL("../src/worker.ts", import.meta.url));
const TOKEN = "worker-token-123";

async function startWorker(
  bindings: Record<string, string> = { FROZEN_AT: "2025-08-09T23:00:00Z" },
): Promise<{ url: string; mf: Miniflare; bundle: string }> {
  const bundle = await workerCode(entry);
  const mf = new Miniflare({
    modules: [{ type: "ESModule", path: "/worker/worker.mjs", contents: bundle }],
    modulesRoot: "/worker",
    compatibilityDate: "2025-01-01",
    host: "127.0.0.1",
    port: 0,
    bindings: { SANDBOX_TOKEN: TOKEN, ...bindings },
    durableObjects: { SANDBOX: { className: "SandboxDurableObject", useSQLite: true } },
  });
  const url = (await mf.ready).origin;
  return { url, mf, bundle };
}

contractSuite(async () => {
  const { url, mf } = await startWorker();
  const control = sandboxControl(url, TOKEN);
  return {
    url,
    authToken: TOKEN,
    advance: (ms) => control.advance(ms),
    simulateReply: (input) => control.reply(input),
    close: () => mf.dispose(),
  };
});

describe("the Worker", () => {
  let worker: Awaited<ReturnType<typeof startWorker>> | undefined;
  beforeAll(async () => {
    worker = await startWorker();
  });
  afterAll(async () => {
    await worker?.mf.dispose();
  });

  it("bundles without any Node built-in", () => {
    expect(worker?.bundle).not.toMatch(/\bfrom\s*["']node:|\brequire\(|\bimport\(\s*["']node:/);
    expect(worker?.bundle).not.toMatch(/\bBuffer\b/);
  });

  it("keeps state in the Durable Object, and serves the control API", async () => {
    if (!worker) throw new Error("no worker");
    const headers = { Authorization: `Basic ${TOKEN}`, "Content-Type": "application/json" };
    const sent = await fetch(`${worker.url}/api/v2.04/send/sms`, {
      method: "POST",
      headers,
      body: JSON.stringify({
        MessageData: { Message: "Hi", Destinations: [{ Recipient: "+61421000001" }] },
      }),
    });
    const { MessageID } = (await sent.json()) as { MessageID: string };
    const control = sandboxControl(worker.url, TOKEN);
    expect(await control.advance(2_000)).toBe("2025-08-09T23:00:02Z");
    expect(await control.messages()).toMatchObject([{ MessageID, Status: "Completed" }]);
    expect((await control.requests()).map((r) => r.Status)).toEqual([200]);
    const unauthorized = await fetch(`${worker.url}/_sandbox/messages`);
    expect(unauthorized.status).toBe(401);
  });

  it("runs final reports and webhooks on the Durable Object's alarm, with no request", async () => {
    const hooks = await startReceiver();
    const live = await startWorker({ WEBHOOK_URL: hooks.url, DELIVERY_DELAY_MS: "0" });
    try {
      const sent = await fetch(`${live.url}/send/sms`, {
        method: "POST",
        headers: { Authorization: `Basic ${TOKEN}`, "Content-Type": "application/json" },
        body: JSON.stringify({
          MessageData: { Message: "Hi", Destinations: [{ Recipient: "+61421000001" }] },
        }),
      });
      expect(sent.status).toBe(200);
      // Nothing is asked of the sandbox now: only its alarm can post the status webhook.
      for (let i = 0; i < 200 && hooks.requests.length === 0; i++) {
        await new Promise((done) => setTimeout(done, 50));
      }
      expect(hooks.requests.map((r) => JSON.parse(r.body).Status)).toEqual(["SUCCESS"]);
      const [delivery] = await sandboxControl(live.url, TOKEN).deliveries();
      expect(delivery).toMatchObject({ State: "delivered", Attempts: [{ Status: 200 }] });
    } finally {
      await live.mf.dispose();
      await hooks.close();
    }
  });
});
