// A Cloudflare Worker receiving BestSMS webhooks: every SMS sent to your number (Type
// SMSInbound, or SMSReply to one of your messages) gets an answer sent through the client, and
// delivery reports are logged.
import { type BestSMS, clientFromEnv, type ReceivedWebhook, webhookWorker } from "@bestsms/edge";

interface Env {
  /** Secret: your API token. */
  BESTSMS_AUTH_TOKEN: string;
  /** Secret: the token BestSMS puts on each webhook. */
  BESTSMS_WEBHOOK_TOKEN: string;
  /** Var: empty for BestSMS itself, or another server such as the sandbox. */
  BESTSMS_BASE_URL?: string;
}

// One client per isolate, made on the first webhook: the env binding only comes with a request.
let client: BestSMS | undefined;

async function answer(env: Env, sms: ReceivedWebhook): Promise<void> {
  if (!sms.Destination) return;
  client ??= clientFromEnv(env);
  const sent = await client.messaging.sms.sendMessage({
    // One reply per received SMS: a retried webhook sends the same MessageID, which the service
    // takes as a repeat of the first send instead of a second SMS.
    ...(sms.ReceivedID && /^[\w-]{1,34}$/.test(sms.ReceivedID)
      ? { MessageID: `reply-${sms.ReceivedID}` }
      : {}),
    MessageText: `Thanks, we got: ${(sms.Message ?? "").slice(0, 120)}`,
    Recipients: sms.Destination,
  });
  console.log(`replied to ${sms.Destination} (MessageID ${sent.MessageID})`);
}

export default webhookWorker<Env>({
  // The token is env.BESTSMS_WEBHOOK_TOKEN. Repeats of a webhook are answered without a call.
  dedupe: true,
  // Send the reply before answering: if the send fails the answer is 500, and BestSMS posts the
  // webhook again later (by default the Worker answers first and sends in waitUntil).
  respondFirst: false,
  onStatus: ({ payload }) => {
    console.log(
      `status of ${payload.MessageID} to ${payload.Destination}: ${payload.Status} (${payload.Result})`,
    );
  },
  onReceived: async ({ payload }, { env }) => {
    console.log(`${payload.Type} from ${payload.Destination}: ${payload.Message}`);
    await answer(env, payload);
  },
});
