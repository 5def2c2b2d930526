/** The message lifecycle: the due queue, Delayed -> Pending -> final reports. */
import { failingNumberRule } from "../failing-numbers.js";
import type { EngineContext } from "./context.js";
import * as times from "./context.js"; // the times and numbers the engine makes
import type { SandboxMessage, SandboxRecipient } from "./model.js";
import * as recordSet from "./records.js";
import * as webhookEvents from "./webhook-events.js";

/** Moves every message whose time has come: Delayed → Pending → final reports. */
export function processDue(ctx: EngineContext): void {
  const now = recordSet.now(ctx);
  // Due events in time order; an entry whose message has moved on since is skipped.
  for (let next = ctx.due.peek(); next !== undefined && next.at <= now; next = ctx.due.peek()) {
    ctx.due.pop();
    const { at, item: message } = next;
    if (message.Status === "Delayed" && message.sendAt === at) startSending(ctx, message, at);
    else if (message.Status === "Pending" && message.dueAt === at) complete(ctx, message, at);
  }
}

/** Puts the message's next event (send or completion) in the queue. */
export function schedule(ctx: EngineContext, message: SandboxMessage): void {
  const at =
    message.Status === "Delayed"
      ? message.sendAt
      : message.Status === "Pending"
        ? message.dueAt
        : undefined;
  if (at !== undefined) ctx.due.push(at, message);
}

/** The earliest sandbox time something is due (a message event or a webhook attempt). */
export function nextDue(ctx: EngineContext): number | undefined {
  let next = ctx.webhooks.nextDue();
  const consider = (time: number | undefined): void => {
    if (time !== undefined && (next === undefined || time < next)) next = time;
  };
  // Drop stale entries so the earliest one left is a real event.
  for (let top = ctx.due.peek(); top !== undefined; top = ctx.due.peek()) {
    const { at, item: message } = top;
    const live =
      (message.Status === "Delayed" && message.sendAt === at) ||
      (message.Status === "Pending" && message.dueAt === at);
    if (live) {
      consider(at);
      break;
    }
    ctx.due.pop();
  }
  return next;
}

export function startSending(ctx: EngineContext, message: SandboxMessage, at: number): void {
  message.Status = "Pending";
  message.sendAt = undefined;
  const pending = message.recipients.filter((r) => r.Status === "Pending");
  for (const recipient of pending) recipient.attempts += 1;
  if (message.test) {
    complete(ctx, message, at);
    return;
  }
  message.dueAt = at + ctx.settings.deliveryDelayMs;
  schedule(ctx, message);
  if (ctx.settings.pendingWebhooks) {
    for (const recipient of pending)
      webhookEvents.statusWebhook(ctx, message, recipient, "PENDING", at);
  }
  if (message.dueAt <= recordSet.now(ctx)) complete(ctx, message, message.dueAt);
}

/** `Success`, `never` (no final report), or the Result of a failure. */
export function outcomeOf(message: SandboxMessage, recipient: SandboxRecipient): string {
  if (recipient.Destination === "") return "No Mobile Number";
  if (message.test) return "Success";
  const rule = failingNumberRule(recipient.Destination);
  if (!rule) return "Success";
  if (rule.outcome === "PENDING") return "never";
  return rule.transient && recipient.attempts > 1 ? "Success" : rule.result;
}

export function complete(ctx: EngineContext, message: SandboxMessage, at: number): void {
  message.dueAt = undefined;
  for (const recipient of message.recipients) {
    if (recipient.Status !== "Pending") continue;
    const outcome = outcomeOf(message, recipient);
    if (outcome === "never") continue;
    recipient.sentAt = at;
    if (outcome === "Success") {
      recipient.Status = "Success";
      recipient.Result = "Sent OK";
      recipient.RemoteID = times.nextNumber(ctx);
      recipient.priceCents = message.test ? 0 : recipient.parts * ctx.settings.pricePerPartCents;
      webhookEvents.statusWebhook(ctx, message, recipient, "SUCCESS", at);
    } else {
      recipient.Status = "Failed";
      recipient.Result = outcome;
      recipient.RemoteID = "";
      recipient.priceCents = 0;
      webhookEvents.statusWebhook(ctx, message, recipient, "FAILED", at);
    }
  }
  const open = message.recipients.some((r) => r.Status === "Pending");
  message.Status = open ? "Pending" : "Completed";
}
