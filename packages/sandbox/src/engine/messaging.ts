/** Sending and the actions on sent messages (Resubmit, Reschedule, Abort, Pacing). */
import { smsSegments, toGsm7 } from "@bestsms/validation";
import { fillMergeFields, type MergeValues } from "../merge-fields.js";
import type { EngineContext } from "./context.js";
import * as times from "./context.js"; // the times and numbers the engine makes
import * as lifecycle from "./lifecycle.js";
import {
  DUPLICATE_WINDOW_MS,
  failed,
  isReply,
  notFound,
  ok,
  type Reply,
  type SandboxContact,
  type SandboxMessage,
  type SandboxRecipient,
  str,
} from "./model.js";
import * as recordSet from "./records.js";

/** The most recent message with this MessageID. */
export function latest(ctx: EngineContext, messageId: string): SandboxMessage | undefined {
  for (let i = ctx.state.messages.length - 1; i >= 0; i--) {
    const message = ctx.state.messages[i];
    if (message?.MessageID === messageId) return message;
  }
  return undefined;
}

export function contactValues(contact: SandboxContact): {
  number: string;
  ContactID: string;
  values: MergeValues;
} {
  const f = contact.fields;
  return {
    number: f.MobilePhone ?? "",
    ContactID: contact.ContactID,
    values: {
      Attention: f.Attention ?? "",
      Company: f.Company ?? "",
      FirstName: f.FirstName ?? "",
      LastName: f.LastName ?? "",
      Custom: [1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => f[`Custom${n}`] ?? ""),
    },
  };
}

/** `POST /send/sms` with a valid `MessageData`. */
export function send(ctx: EngineContext, data: Record<string, unknown>): Reply {
  const now = recordSet.now(ctx);
  const given = str(data.MessageID);
  if (given !== "") {
    const previous = latest(ctx, given);
    if (previous && now - previous.createdAt < DUPLICATE_WINDOW_MS) {
      return { status: 200, body: { ...previous.response } };
    }
  }
  // SendTime is read, and the message's local times reported, in the zone TimeZone names (the
  // sandbox's own when it is left out or empty).
  const zoneName = str(data.TimeZone);
  const zone = zoneName === "" ? times.ownZone(ctx) : times.zone(ctx, zoneName);
  if (zone === undefined) {
    const known = times.zoneNames(ctx).join(", ");
    return failed([
      `MessageData.TimeZone: not a known time zone, got "${zoneName}" (known: ${known})`,
    ]);
  }
  let sendAt: number | undefined;
  if (typeof data.SendTime === "string") {
    const time = times.parseLocalTime(ctx, data.SendTime, zone.utcOffsetMinutes);
    if (time === undefined) {
      return failed([`MessageData.SendTime: not a date that exists, got "${data.SendTime}"`]);
    }
    if (time > now) sendAt = time;
  }

  const errors: string[] = [];
  const targets: { number: string; ContactID: string; values: MergeValues }[] = [];
  const destinations = Array.isArray(data.Destinations) ? data.Destinations : [];
  destinations.forEach((destination: Record<string, unknown>, index) => {
    if (typeof destination.Recipient === "string") {
      targets.push({
        number: destination.Recipient,
        ContactID: "",
        values: {
          Attention: str(destination.Attention),
          Company: str(destination.Company),
          FirstName: str(destination.FirstName),
          LastName: str(destination.LastName),
          Custom: [1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => str(destination[`Custom${n}`])),
        },
      });
    } else if (typeof destination.ContactID === "string") {
      const contact = ctx.state.contacts.get(destination.ContactID);
      if (contact) targets.push(contactValues(contact));
      else
        errors.push(
          `MessageData.Destinations[${index}].ContactID: no contact ${destination.ContactID}`,
        );
    } else if (typeof destination.GroupID === "string") {
      const group = ctx.state.groups.get(destination.GroupID);
      if (!group) {
        errors.push(`MessageData.Destinations[${index}].GroupID: no group ${destination.GroupID}`);
        return;
      }
      for (const membership of ctx.state.memberships) {
        const contact =
          membership.GroupID === group.GroupID
            ? ctx.state.contacts.get(membership.ContactID)
            : undefined;
        if (contact) targets.push(contactValues(contact));
      }
    }
  });
  if (errors.length > 0) return failed(errors);
  if (targets.length === 0) {
    return failed(["MessageData.Destinations: no recipients (the groups given have no contacts)"]);
  }

  const MessageID = given !== "" ? given : ctx.settings.newId();
  const text = str(data.Message);
  const convert = data.CharacterConversion === true;
  const recipients = targets.map((target, index): SandboxRecipient => {
    const id = ctx.settings.newId();
    const filled = fillMergeFields(
      text,
      target.values,
      `${ctx.settings.replyLinkBase.replace(/\/+$/, "")}/r/${id}`,
    );
    const sent = convert ? toGsm7(filled).text : filled;
    return {
      id,
      DestSeq: index + 1,
      Destination: target.number,
      ContactID: target.ContactID,
      Attention: target.values.Attention,
      Company: target.values.Company,
      FirstName: target.values.FirstName,
      LastName: target.values.LastName,
      Custom: target.values.Custom,
      MessageText: sent,
      parts: Math.max(1, smsSegments(sent).segments),
      Status: "Pending",
      Result: "",
      attempts: 0,
      sentAt: undefined,
      RemoteID: "",
      priceCents: 0,
    };
  });
  const format = data.WebhookCallbackFormat;
  const message: SandboxMessage = {
    MessageID,
    JobNum: times.jobNumber(ctx),
    Reference: str(data.Reference),
    SubAccount: str(data.SubAccount),
    Department: str(data.Department),
    ChargeCode: str(data.ChargeCode),
    FromNumber: str(data.FromNumber),
    Timezone: zone.name,
    test: data.Mode === "Test",
    createdAt: now,
    data: structuredClone(data),
    webhookUrl: typeof data.WebhookCallbackURL === "string" ? data.WebhookCallbackURL : undefined,
    webhookFormat: format === "JSON" || format === "XML" ? format : undefined,
    response: { Result: "Success", MessageID, ErrorMessage: [] },
    Status: sendAt === undefined ? "Pending" : "Delayed",
    sendAt,
    delayedUntil: sendAt,
    dueAt: undefined,
    NumberOfOperators: undefined,
    recipients,
  };
  ctx.state.messages.push(message);
  if (sendAt === undefined) lifecycle.startSending(ctx, message, now);
  else lifecycle.schedule(ctx, message);
  return { status: 200, body: { ...message.response } };
}

export function action(
  ctx: EngineContext,
  action: "Resubmit" | "Reschedule" | "Abort" | "Pacing",
  messageId: string,
  run: (message: SandboxMessage, now: number) => string | Reply,
): Reply {
  const message = latest(ctx, messageId);
  if (!message) return notFound("MessageID", messageId);
  const outcome = run(message, recordSet.now(ctx));
  if (isReply(outcome)) return outcome;
  return ok({
    MessageID: message.MessageID,
    JobNum: message.JobNum,
    Status: outcome,
    Action: action,
  });
}

export function actionError(message: SandboxMessage, action: string, text: string): Reply {
  return failed([text], {
    MessageID: message.MessageID,
    JobNum: message.JobNum,
    Status: message.Status,
    Action: action,
  });
}

/** Sends again the failed recipients of the most recent message with this MessageID. */
export function resubmit(
  ctx: EngineContext,
  messageId: string,
  body: { SendTime?: string },
): Reply {
  return action(ctx, "Resubmit", messageId, (message, now) => {
    const failedRecipients = message.recipients.filter((r) => r.Status === "Failed");
    if (message.Status !== "Completed" || failedRecipients.length === 0) {
      return actionError(message, "Resubmit", "Message is not Failed");
    }
    const at = body.SendTime === undefined ? now : times.parseLocalTime(ctx, body.SendTime);
    if (at === undefined) {
      return failed([`SendTime: not a date that exists, got "${body.SendTime}"`]);
    }
    for (const recipient of failedRecipients) {
      recipient.Status = "Pending";
      recipient.Result = "";
      recipient.sentAt = undefined;
    }
    if (at > now) {
      message.Status = "Delayed";
      message.sendAt = at;
      message.delayedUntil = at;
      lifecycle.schedule(ctx, message);
      return "Delayed";
    }
    lifecycle.startSending(ctx, message, now);
    return "Transmit";
  });
}

/** Moves the sending time of the most recent message with this MessageID, if Delayed. */
export function reschedule(
  ctx: EngineContext,
  messageId: string,
  body: { SendTime: string },
): Reply {
  return action(ctx, "Reschedule", messageId, (message, now) => {
    if (message.Status !== "Delayed") {
      return actionError(message, "Reschedule", "Message is not Delayed");
    }
    const at = times.parseLocalTime(ctx, body.SendTime);
    if (at === undefined) {
      return failed([`SendTime: not a date that exists, got "${body.SendTime}"`]);
    }
    message.delayedUntil = at;
    if (at > now) {
      message.sendAt = at;
      lifecycle.schedule(ctx, message);
      return "Delayed";
    }
    lifecycle.startSending(ctx, message, now);
    return "Transmit";
  });
}

/** Cancels the most recent message with this MessageID, if Delayed. */
export function abort(ctx: EngineContext, messageId: string): Reply {
  return action(ctx, "Abort", messageId, (message) => {
    if (message.Status !== "Delayed") {
      return actionError(message, "Abort", "Message is not Delayed");
    }
    message.Status = "Aborted";
    message.sendAt = undefined;
    for (const recipient of message.recipients) {
      if (recipient.Status === "Pending") {
        recipient.Status = "Aborted";
        recipient.Result = "Aborted";
      }
    }
    return "Aborted";
  });
}

/** Records NumberOfOperators on the most recent message with this MessageID. */
export function pacing(
  ctx: EngineContext,
  messageId: string,
  body: { NumberOfOperators: number },
): Reply {
  return action(ctx, "Pacing", messageId, (message) => {
    message.NumberOfOperators = body.NumberOfOperators;
    return message.Status;
  });
}
