// The webhook handler both servers use: every SMS sent to your number (Type SMSInbound, or
// SMSReply to one of your messages) gets an answer sent through the client, and delivery reports
// are logged.
import {
  clientFromEnv,
  createWebhookHandler,
  type ReceivedWebhook,
  type WebhookHandler,
} from "@bestsms/node";

/**
 * Reads BESTSMS_AUTH_TOKEN, BESTSMS_WEBHOOK_TOKEN (the token BestSMS puts on each webhook) and,
 * to use another server than BestSMS such as the sandbox, BESTSMS_BASE_URL.
 */
export function answeringHandler(): WebhookHandler {
  const client = clientFromEnv();
  const token = process.env.BESTSMS_WEBHOOK_TOKEN;
  if (!token) throw new Error("Set BESTSMS_WEBHOOK_TOKEN to the token of your webhooks");

  async function answer(sms: ReceivedWebhook): Promise<void> {
    if (!sms.Destination) return;
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

  return createWebhookHandler({
    token,
    dedupe: true,
    onStatus: ({ payload }) => {
      console.log(
        `status of ${payload.MessageID} to ${payload.Destination}: ${payload.Status} (${payload.Result})`,
      );
    },
    // Throwing (a failed send) answers 500, so BestSMS posts the webhook again later.
    onReceived: async ({ payload }) => {
      console.log(`${payload.Type} from ${payload.Destination}: ${payload.Message}`);
      await answer(payload);
    },
  });
}
