import type { Server } from "node:http";
import type { ParsedStatusWebhook } from "@bestsms/webhooks";
import express from "express";
import { afterEach, describe, expect, it } from "vitest";
import { toNodeListener } from "../src/index.js";
import { close, listen, postEndless, postJson, statusPayload, webhookHandler } from "./helpers.js";

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map(close));
});

async function start(app: express.Express): Promise<string> {
  const { server, url } = await listen(app);
  servers.push(server);
  return url;
}

/** The handler the routes run: status webhooks into `seen`, bodies up to 1 KiB. */
const handler = (seen: ParsedStatusWebhook[]) => webhookHandler(seen, 1024);

describe("toNodeListener as an Express 5 route handler", () => {
  it("receives a webhook on app.post (200, 401)", async () => {
    const seen: ParsedStatusWebhook[] = [];
    const app = express();
    app.post("/webhooks", toNodeListener(handler(seen)));
    const url = await start(app);
    expect(await postJson(`${url}/webhooks`, statusPayload())).toEqual({
      status: 200,
      text: "ok",
    });
    expect(await postJson(`${url}/webhooks`, statusPayload({ APIKey: "wrong" }))).toEqual({
      status: 401,
      text: "unauthorized",
    });
    expect(seen.map((webhook) => webhook.payload.MessageID)).toEqual(["node-1"]);
  });

  it("answers 405 on app.all and 413 without reading past the limit", async () => {
    const app = express();
    app.all("/webhooks", toNodeListener(handler([])));
    const url = await start(app);
    const get = await fetch(`${url}/webhooks`);
    expect([get.status, get.headers.get("allow")]).toEqual([405, "POST"]);
    const answer = await postEndless(`${url}/webhooks`);
    expect([answer.status, answer.text]).toEqual([413, "too_large"]);
    expect(answer.written).toBeLessThan(32 * 1024 * 1024);
  });

  it("sees the full URL inside a mounted router", async () => {
    const app = express();
    const router = express.Router();
    router.post(
      "/in",
      toNodeListener(async (request) => new Response(new URL(request.url).pathname)),
    );
    app.use("/hooks", router);
    const url = await start(app);
    const response = await fetch(`${url}/hooks/in`, { method: "POST", body: "x" });
    expect(await response.text()).toBe("/hooks/in");
  });

  it("takes the body from express.raw(), express.text() and express.json()", async () => {
    const seen: ParsedStatusWebhook[] = [];
    const app = express();
    app.post("/raw", express.raw({ type: "*/*" }), toNodeListener(handler(seen)));
    app.post("/text", express.text({ type: "*/*" }), toNodeListener(handler(seen)));
    app.post("/json", express.json(), toNodeListener(handler(seen)));
    const url = await start(app);
    for (const path of ["/raw", "/text", "/json"]) {
      const payload = statusPayload({ MessageID: path.slice(1) });
      expect(await postJson(url + path, payload)).toEqual({ status: 200, text: "ok" });
    }
    expect(seen.map((webhook) => webhook.payload.MessageID)).toEqual(["raw", "text", "json"]);
  });

  it("applies the handler's limit to a body a parser already read", async () => {
    const app = express();
    app.post("/raw", express.raw({ type: "*/*", limit: "1mb" }), toNodeListener(handler([])));
    const url = await start(app);
    const payload = statusPayload({ Message: "x".repeat(4000) });
    expect(await postJson(`${url}/raw`, payload)).toEqual({ status: 413, text: "too_large" });
  });
});
