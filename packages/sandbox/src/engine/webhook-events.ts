/** The webhooks the engine queues: status reports and received SMS. */
import { rfc3339 } from "../time.js";
import type { WebhookFormat, WebhookPayload } from "../webhooks.js";
import type { EngineContext } from "./context.js";
import * as times from "./context.js"; // the times and numbers the engine makes
import type {
  SandboxMessage,
  SandboxReceivedMessage,
  SandboxRecipient,
  TimeFields,
} from "./model.js";

export function webhookTarget(
  ctx: EngineContext,
  message?: SandboxMessage,
): { url: string; format: WebhookFormat } | undefined {
  const url = message?.webhookUrl ?? ctx.settings.webhookUrl;
  if (url === undefined) return undefined;
  return { url, format: message?.webhookFormat ?? ctx.settings.webhookFormat };
}

export function payloadOf(
  ctx: EngineContext,
  target: { url: string },
  fields: Omit<WebhookPayload, "Version" | "Sender" | "APIKey" | "URL" | TimeFields>,
  at: number,
  offsetMinutes: number = ctx.settings.utcOffsetMinutes,
): WebhookPayload {
  return {
    Version: "2.04",
    Sender: ctx.settings.sender,
    APIKey: ctx.settings.authToken,
    Type: fields.Type,
    Destination: fields.Destination,
    ContactID: fields.ContactID,
    ReceivedID: fields.ReceivedID,
    MessageID: fields.MessageID,
    SubAccount: fields.SubAccount,
    Department: fields.Department,
    JobNumber: fields.JobNumber,
    SentTimeLocal: times.local(ctx, at, offsetMinutes),
    "SentTimeUTC-ISO8601": rfc3339(at),
    "SentTimeUTC-RFC3339": rfc3339(at),
    Status: fields.Status,
    Result: fields.Result,
    Message: fields.Message,
    Price: fields.Price,
    Detail: fields.Detail,
    URL: target.url,
  };
}

export function statusWebhook(
  ctx: EngineContext,
  message: SandboxMessage,
  recipient: SandboxRecipient,
  status: "SUCCESS" | "FAILED" | "PENDING",
  at: number,
): void {
  const target = webhookTarget(ctx, message);
  if (!target) return;
  const payload = payloadOf(
    ctx,
    target,
    {
      Type: "SMS",
      Destination: recipient.Destination,
      ContactID: recipient.ContactID,
      ReceivedID: "",
      MessageID: message.MessageID,
      SubAccount: message.SubAccount,
      Department: message.Department,
      JobNumber: message.JobNum,
      Status: status,
      Result: recipient.Result,
      Message: "",
      Price: (recipient.priceCents / 100).toFixed(2),
      Detail: `SMSParts:${recipient.parts}`,
    },
    at,
    times.messageOffset(ctx, message),
  );
  ctx.webhooks.enqueue(target.url, target.format, payload);
}

export function receivedWebhook(
  ctx: EngineContext,
  received: SandboxReceivedMessage,
  message?: SandboxMessage,
): void {
  const target = webhookTarget(ctx, message);
  if (!target) return;
  const recipient = message?.recipients.find((r) => r.id === received.recipientId);
  const payload = payloadOf(
    ctx,
    target,
    {
      Type: received.Type,
      Destination: received.From,
      ContactID: received.ContactID,
      ReceivedID: received.ReceivedID,
      MessageID: received.MessageID,
      SubAccount: received.SubAccount,
      Department: received.Department,
      JobNumber: received.JobNum,
      Status: "RECEIVED",
      Result: "RECEIVED",
      Message: received.MessageText,
      Price: ((recipient?.priceCents ?? 0) / 100).toFixed(2),
      Detail: recipient ? `SMSParts:${recipient.parts}` : "",
    },
    received.receivedAt,
  );
  ctx.webhooks.enqueue(target.url, target.format, payload);
}
