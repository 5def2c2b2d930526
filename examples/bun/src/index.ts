// A BestSMS webhook receiver on Bun.serve: every SMS sent to your number (Type SMSInbound, or
// SMSReply to one of your messages) gets an answer sent through the client, and delivery reports
// are logged.
import { clientFromEnv, type ReceivedWebhook, serveWebhooks } from "@bestsms/bun";

// BESTSMS_AUTH_TOKEN, and BESTSMS_BASE_URL to use another server than BestSMS (the sandbox).
const client = clientFromEnv();

// The token BestSMS puts on each webhook; kept in an environment variable, never in the code.
const token = Bun.env.BESTSMS_WEBHOOK_TOKEN;
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

const server = serveWebhooks({
  token,
  path: "/webhooks",
  // Bun takes the port from PORT (3000 without it).
  hostname: Bun.env.HOST ?? "127.0.0.1",
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

console.log(`Listening on ${new URL("/webhooks", server.url)}`);
