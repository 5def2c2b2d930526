import { describe, expect, it, vi } from "vitest";
import { type ParsedStatusWebhook, webhookWorker } from "../src/index.js";
import { executionContext, statusPayload, TOKEN, webhookRequest } from "./helpers.js";

interface Env {
  BESTSMS_WEBHOOK_TOKEN?: string;
  BESTSMS_AUTH_TOKEN?: string;
  NAME: string;
}

describe("webhookWorker", () => {
  it("answers before the callback has run, then runs it in waitUntil (respondFirst)", async () => {
    const order: string[] = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const worker = webhookWorker<Env>({
      onStatus: async ({ payload }, { env, ctx }) => {
        order.push(`callback ${payload.MessageID} ${env.NAME} ${ctx === undefined ? "" : "ctx"}`);
        await gate;
        order.push("callback done");
      },
      onReceived: () => {},
    });
    const ctx = executionContext();
    const env: Env = { BESTSMS_WEBHOOK_TOKEN: TOKEN, NAME: "env" };
    const response = await worker.fetch(webhookRequest(statusPayload()), env, ctx);
    order.push(`answer ${response.status} ${await response.text()}`);
    release();
    await ctx.settled();
    expect(order).toEqual(["callback edge-1 env ctx", "answer 200 ok", "callback done"]);
  });

  it("reports a callback failing after the answer to onError, with env and ctx", async () => {
    const onError = vi.fn();
    const worker = webhookWorker<Env>({
      onStatus: () => {
        throw new Error("store down");
      },
      onReceived: () => {},
      onError,
    });
    const ctx = executionContext();
    const response = await worker.fetch(
      webhookRequest(statusPayload()),
      { BESTSMS_WEBHOOK_TOKEN: TOKEN, NAME: "env" },
      ctx,
    );
    expect(response.status).toBe(200);
    await ctx.settled();
    expect(onError).toHaveBeenCalledOnce();
    const [error, context] = onError.mock.calls[0] ?? [];
    expect(String(error)).toBe("Error: store down");
    expect(context.env.NAME).toBe("env");
    expect(context.ctx).toBe(ctx);
    expect(context.webhook.payload.MessageID).toBe("edge-1");
  });

  it("logs such a failure when there is no onError", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const worker = webhookWorker({
      token: TOKEN,
      onStatus: () => Promise.reject(new Error("boom")),
      onReceived: () => {},
    });
    const ctx = executionContext();
    expect((await worker.fetch(webhookRequest(statusPayload()), {}, ctx)).status).toBe(200);
    await ctx.settled();
    expect(log).toHaveBeenCalledOnce();
    log.mockRestore();
  });

  it("awaits the callback and answers 500 on failure with respondFirst: false", async () => {
    const onError = vi.fn();
    const worker = webhookWorker({
      token: TOKEN,
      respondFirst: false,
      onStatus: ({ payload }) => {
        if (payload.MessageID === "fail") throw new Error("no");
      },
      onReceived: () => {},
      onError,
    });
    const ctx = executionContext();
    const failed = await worker.fetch(
      webhookRequest(statusPayload({ MessageID: "fail" })),
      {},
      ctx,
    );
    expect([failed.status, await failed.text()]).toEqual([500, "internal_error"]);
    expect(onError).toHaveBeenCalledOnce();
    const ok = await worker.fetch(webhookRequest(statusPayload()), {}, ctx);
    expect([ok.status, await ok.text()]).toEqual([200, "ok"]);
  });

  it("awaits the callback when there is no ctx", async () => {
    const seen: ParsedStatusWebhook[] = [];
    const worker = webhookWorker({
      token: TOKEN,
      onStatus: async (webhook) => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        seen.push(webhook);
      },
      onReceived: () => {},
    });
    expect((await worker.fetch(webhookRequest(statusPayload()), {})).status).toBe(200);
    expect(seen).toHaveLength(1);
  });

  it("takes the token from options, else BESTSMS_WEBHOOK_TOKEN, else BESTSMS_AUTH_TOKEN", async () => {
    const worker = webhookWorker<Env>({ onStatus: () => {}, onReceived: () => {} });
    const status = async (env: Env, token = TOKEN) =>
      (await worker.fetch(webhookRequest(statusPayload({ APIKey: token })), env)).status;
    expect(
      await status({ BESTSMS_WEBHOOK_TOKEN: TOKEN, BESTSMS_AUTH_TOKEN: "api", NAME: "" }),
    ).toBe(200);
    expect(await status({ BESTSMS_WEBHOOK_TOKEN: TOKEN, NAME: "" }, "api")).toBe(401);
    expect(await status({ BESTSMS_AUTH_TOKEN: "api", NAME: "" }, "api")).toBe(200);
    const given = webhookWorker<Env>({ token: "given", onStatus: () => {}, onReceived: () => {} });
    const response = await given.fetch(webhookRequest(statusPayload({ APIKey: "given" })), {
      BESTSMS_WEBHOOK_TOKEN: TOKEN,
      NAME: "",
    });
    expect(response.status).toBe(200);
  });

  it("answers 500 and says why when no token is configured", async () => {
    const onError = vi.fn();
    const worker = webhookWorker({ onStatus: () => {}, onReceived: () => {}, onError });
    const response = await worker.fetch(webhookRequest(statusPayload()), { OTHER: 1 });
    expect([response.status, await response.text()]).toEqual([500, "internal_error"]);
    expect(String(onError.mock.calls[0]?.[0])).toMatch(/BESTSMS_WEBHOOK_TOKEN/);
    const blank = webhookWorker({ token: " ", onStatus: () => {}, onReceived: () => {}, onError });
    const fallback = await blank.fetch(webhookRequest(statusPayload()), { OTHER: 1 });
    expect(fallback.status).toBe(500);
    expect(onError).toHaveBeenCalledTimes(2);
  });

  it("keeps one dedupe store across requests", async () => {
    const seen: string[] = [];
    const worker = webhookWorker({
      token: TOKEN,
      dedupe: true,
      onStatus: ({ payload }) => {
        seen.push(payload.MessageID ?? "");
      },
      onReceived: () => {},
    });
    const ctx = executionContext();
    const first = await worker.fetch(webhookRequest(statusPayload()), {}, ctx);
    const again = await worker.fetch(webhookRequest(statusPayload()), {}, ctx);
    await ctx.settled();
    expect([await first.text(), await again.text()]).toEqual(["ok", "duplicate"]);
    expect(seen).toEqual(["edge-1"]);
  });

  it("refuses what the handler refuses, before any callback", async () => {
    const onStatus = vi.fn();
    const worker = webhookWorker({
      token: TOKEN,
      maxBodyBytes: 300,
      onStatus,
      onReceived: () => {},
    });
    const get = await worker.fetch(new Request("https://worker.example/"), {});
    const large = await worker.fetch(
      webhookRequest(statusPayload({ Message: "x".repeat(400) })),
      {},
    );
    const wrong = await worker.fetch(webhookRequest(statusPayload({ APIKey: "wrong" })), {});
    expect([get.status, large.status, wrong.status]).toEqual([405, 413, 401]);
    expect(onStatus).not.toHaveBeenCalled();
  });
});
