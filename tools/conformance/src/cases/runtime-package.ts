// The runtime package's own helpers: clientFromEnv and its way to serve webhooks.
import type { Assert } from "../assert.ts";
import type { ConformanceCase } from "../context.ts";
import { messageIdOf, statusWebhook } from "../fixtures.ts";

export const runtimePackageCases: ConformanceCase[] = [
  {
    name: "the runtime package's own clientFromEnv and webhook server",
    async run(ctx) {
      const a: Assert = ctx.assert;
      const { native, token } = ctx;
      a.ok(native, "this entry tests the shared packages, not a runtime package");
      const api = native.clientFromEnv({
        BESTSMS_AUTH_TOKEN: token,
        BESTSMS_BASE_URL: ctx.baseUrl,
      });
      a.ok(api instanceof ctx.sdk.BestSMS, `${native.packageName}: clientFromEnv gives a BestSMS`);
      a.equal(api.baseUrl, ctx.baseUrl, "baseUrl from BESTSMS_BASE_URL");
      const MessageID = messageIdOf(
        a,
        await api.messaging.sms.sendMessage({
          MessageText: "From env",
          Recipients: "+61421000007",
        }),
      );
      await a.rejects(
        Promise.resolve().then(() => native.clientFromEnv({})),
        ctx.sdk.BestSMSError,
        "without BESTSMS_AUTH_TOKEN",
      );

      const seen: string[] = [];
      const served = await native.serveWebhooks({
        token,
        onStatus: (webhook) => {
          seen.push(String(webhook.payload.MessageID));
        },
        onReceived: () => {
          throw new Error("onReceived called for a status report");
        },
      });
      try {
        const body = JSON.stringify(statusWebhook(token, MessageID));
        const headers = { "content-type": "application/json", authorization: `Basic ${token}` };
        const response = await served.post({ headers, body });
        a.equal(response.status, 200, "status");
        a.equal(await response.text(), "ok", "body");
        a.deepEqual(seen, [MessageID], "onStatus called once");
        const refused = await served.post({
          headers: { ...headers, authorization: "Basic wrong-token" },
          body,
        });
        a.equal(refused.status, 401, "wrong token");
        await refused.body?.cancel();
        a.deepEqual(seen, [MessageID], "no callback for a refused webhook");
      } finally {
        await served.close();
      }
    },
  },
];
