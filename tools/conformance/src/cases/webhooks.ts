// Receiving webhooks: JSON and XML, parsed, verified and handled.
import type { Assert } from "../assert.ts";
import type { ConformanceCase } from "../context.ts";
import { statusWebhook, uid, webhookRequest } from "../fixtures.ts";

/** The handlers' onReceived: every webhook here is a status report. */
const noReceived = () => {
  throw new Error("onReceived called for a status report");
};

/** The handler answers the request 200 "ok". */
async function expectHandled(
  a: Assert,
  handler: (request: Request) => Promise<Response>,
  request: Request,
): Promise<void> {
  const response = await handler(request);
  a.equal(response.status, 200, "handler status");
  a.equal(await response.text(), "ok", "handler body");
}

export const webhookCases: ConformanceCase[] = [
  {
    name: "JSON webhook: parsed, verified and handled",
    async run(ctx) {
      const a: Assert = ctx.assert;
      const { sdk, token } = ctx;
      const MessageID = uid();
      const body = JSON.stringify(statusWebhook(token, MessageID));

      const parsed = sdk.parseWebhook(body, { contentType: "application/json; charset=utf-8" });
      a.equal(parsed.kind, "status", "kind");
      a.equal(parsed.format, "json", "format");
      a.equal(parsed.payload.MessageID, MessageID, "payload.MessageID");
      a.equal(parsed.parsed.price, 0.2, "parsed.price");
      a.deepEqual(parsed.parsed.detail, { SMSParts: 1 }, "parsed.detail");
      a.equal(parsed.parsed.sentAt?.toISOString(), "2025-08-09T23:00:02.000Z", "parsed.sentAt");
      await a.rejects(
        Promise.resolve().then(() => sdk.parseWebhook("{", { contentType: "application/json" })),
        sdk.WebhookParseError,
        "broken JSON",
      );

      const headers = new Headers({ authorization: `Basic ${token}` });
      a.deepEqual(await sdk.verifyWebhook({ headers }, { token }), { ok: true }, "verify");
      a.deepEqual(
        await sdk.verifyWebhook({ headers }, { token: `${token}-other` }),
        { ok: false, reason: "bad_token" },
        "verify with another token",
      );

      const seen: string[] = [];
      const handler = sdk.createWebhookHandler({
        token,
        onStatus: (webhook) => {
          seen.push(String(webhook.payload.MessageID));
        },
        onReceived: noReceived,
      });
      await expectHandled(
        a,
        handler,
        webhookRequest(body, "application/json; charset=utf-8", `Basic ${token}`),
      );
      a.deepEqual(seen, [MessageID], "onStatus called once");

      const refused = await handler(webhookRequest(body, "application/json", "Basic wrong-token"));
      a.equal(refused.status, 401, "wrong token");
      await refused.body?.cancel();
      const xmlRefused = await handler(webhookRequest("<Webhook/>", "application/xml", token));
      a.equal(xmlRefused.status, 415, "XML without the xml parser");
      await xmlRefused.body?.cancel();
      a.deepEqual(seen, [MessageID], "no callback for refused webhooks");
    },
  },
  {
    name: "XML webhook with @bestsms/webhooks/xml",
    async run(ctx) {
      const a: Assert = ctx.assert;
      const { sdk, token, xml } = ctx;
      a.ok(xml, "@bestsms/webhooks/xml could not be imported in this runtime");
      const MessageID = uid();
      const fields = Object.entries(statusWebhook(token, MessageID))
        .map(([name, value]) => `  <${name}>${value}</${name}>`)
        .join("\n");
      const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Webhook>\n${fields}\n</Webhook>\n`;

      const parsed = sdk.parseWebhook(body, { contentType: "application/xml", xml: xml.xmlParser });
      a.equal(parsed.kind, "status", "kind");
      a.equal(parsed.format, "xml", "format");
      a.equal(parsed.payload.MessageID, MessageID, "payload.MessageID");
      a.equal(parsed.payload["SentTimeUTC-RFC3339"], "2025-08-09T23:00:02Z", "a hyphenated field");

      const seen: string[] = [];
      const handler = sdk.createWebhookHandler({
        token,
        xml: xml.xmlParser,
        onStatus: (webhook) => {
          seen.push(`${webhook.format} ${webhook.payload.MessageID}`);
        },
        onReceived: noReceived,
      });
      await expectHandled(
        a,
        handler,
        webhookRequest(body, "application/xml; charset=utf-8", `Basic ${token}`),
      );
      a.deepEqual(seen, [`xml ${MessageID}`], "onStatus called once");

      const doctype = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "e">]><Webhook><Type>SMS</Type></Webhook>`;
      const refused = await handler(webhookRequest(doctype, "application/xml", `Basic ${token}`));
      a.equal(refused.status, 400, "a DOCTYPE is refused");
      await refused.body?.cancel();
    },
  },
];
