/** Received SMS: simulated replies and inbound messages. */

import type { EngineContext } from "./context.js";
import * as times from "./context.js"; // the times and numbers the engine makes
import * as messaging from "./messaging.js";
import type { SandboxReceivedMessage } from "./model.js";
import * as recordSet from "./records.js";
import * as webhookEvents from "./webhook-events.js";

export function contactIdOf(ctx: EngineContext, number: string): string {
  for (const contact of ctx.state.contacts.values()) {
    if (contact.fields.MobilePhone === number) return contact.ContactID;
  }
  return "";
}

/**
 * A reply to the most recent message with this MessageID, from one of its recipients (the
 * first when `From` is not given). Throws when there is no such message or recipient.
 */
export function simulateReply(
  ctx: EngineContext,
  input: {
    MessageID: string;
    From?: string | undefined;
    MessageText: string;
  },
): SandboxReceivedMessage {
  const message = messaging.latest(ctx, input.MessageID);
  if (!message) throw new Error(`simulateReply: no message with MessageID ${input.MessageID}`);
  const recipient =
    input.From === undefined
      ? message.recipients.find((r) => r.Destination !== "")
      : message.recipients.find((r) => r.Destination === input.From);
  if (!recipient) {
    throw new Error(
      `simulateReply: ${input.From ?? "no recipient"} is not a recipient of ${input.MessageID}`,
    );
  }
  const received: SandboxReceivedMessage = {
    ReceivedID: times.nextNumber(ctx),
    Type: "SMSReply",
    MessageID: message.MessageID,
    JobNum: message.JobNum,
    SubAccount: message.SubAccount,
    Department: message.Department,
    receivedAt: recordSet.now(ctx),
    From: recipient.Destination,
    To: message.FromNumber,
    ContactID: recipient.ContactID || contactIdOf(ctx, recipient.Destination),
    MessageText: input.MessageText,
    recipientId: recipient.id,
  };
  ctx.state.received.push(received);
  webhookEvents.receivedWebhook(ctx, received, message);
  return received;
}

/** An SMS from `From` that replies to nothing (`Type: SMSInbound`). */
export function simulateInbound(
  ctx: EngineContext,
  input: {
    From: string;
    MessageText: string;
    To?: string | undefined;
  },
): SandboxReceivedMessage {
  const received: SandboxReceivedMessage = {
    ReceivedID: times.nextNumber(ctx),
    Type: "SMSInbound",
    MessageID: "",
    JobNum: "",
    SubAccount: "",
    Department: "",
    receivedAt: recordSet.now(ctx),
    From: input.From,
    To: input.To ?? "",
    ContactID: contactIdOf(ctx, input.From),
    MessageText: input.MessageText,
    recipientId: undefined,
  };
  ctx.state.received.push(received);
  webhookEvents.receivedWebhook(ctx, received);
  return received;
}
