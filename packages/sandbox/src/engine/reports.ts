/** The polls: status, replies, received SMS, and paging. */

import type { EngineContext } from "./context.js";
import * as times from "./context.js"; // the times and numbers the engine makes
import * as messaging from "./messaging.js";
import {
  cents,
  failed,
  isReply,
  notFound,
  ok,
  type PagingQuery,
  type ReceivedQuery,
  type RecipientStatus,
  type Reply,
  type SandboxMessage,
  type SandboxReceivedMessage,
  type SandboxRecipient,
} from "./model.js";
import * as recordSet from "./records.js";

export function pageOf<T>(
  items: readonly T[],
  query: PagingQuery,
  pastEnd: "notFound" | "empty",
): { paging: Record<string, number>; items: T[] } | Reply {
  const perPage = query.recordsPerPage ?? 100;
  const page = query.page ?? 1;
  const pageCount = Math.ceil(items.length / perPage);
  if (page > Math.max(pageCount, 1) && pastEnd === "notFound") {
    return {
      status: 404,
      body: {
        Result: "RecordNotFound",
        ErrorMessage: [`Record not found: page ${page} of ${pageCount}`],
      },
    };
  }
  return {
    paging: {
      TotalRecords: items.length,
      RecordsPerPage: perPage,
      PageCount: pageCount,
      Page: page,
    },
    items: items.slice((page - 1) * perPage, page * perPage),
  };
}

/** A recipient as the status poll shows it; local times at `offsetMinutes` (its message's). */
export function statusRecipient(
  ctx: EngineContext,
  r: SandboxRecipient,
  offsetMinutes: number,
): Record<string, unknown> {
  const custom: Record<string, string> = {};
  r.Custom.forEach((value, index) => {
    custom[`Custom${index + 1}`] = value;
  });
  return {
    Type: "SMS",
    DestSeq: r.DestSeq,
    Destination: r.Destination,
    ContactID: r.ContactID,
    Status: r.Status,
    Result: r.Result,
    SentTimeLocal: times.local(ctx, r.sentAt, offsetMinutes),
    SentTimeUTC: times.utc(r.sentAt),
    SentTimeUTC_RFC3339: times.rfc(r.sentAt),
    Attention: r.Attention,
    Company: r.Company,
    ...custom,
    RemoteID: r.RemoteID,
    Price: cents(r.priceCents),
  };
}

export function messageFields(
  ctx: EngineContext,
  message: SandboxMessage,
): Record<string, unknown> {
  const offset = times.messageOffset(ctx, message);
  const count = (status: RecipientStatus): number =>
    message.recipients.filter((r) => r.Status === status).length;
  return {
    MessageID: message.MessageID,
    Status: message.Status,
    JobNum: message.JobNum,
    Account: ctx.settings.account,
    SubAccount: message.SubAccount,
    Department: message.Department,
    Reference: message.Reference,
    CreatedTimeLocal: times.local(ctx, message.createdAt, offset),
    CreatedTimeUTC: times.utc(message.createdAt),
    CreatedTimeUTC_RFC3339: times.rfc(message.createdAt),
    DelayedTimeLocal: times.local(ctx, message.delayedUntil, offset),
    DelayedTimeUTC: times.utc(message.delayedUntil),
    DelayedTimeUTC_RFC3339: times.rfc(message.delayedUntil),
    Timezone: message.Timezone,
    Count: message.recipients.length,
    Complete: message.recipients.length - count("Pending"),
    Success: count("Success"),
    Failed: count("Failed"),
    Price: cents(message.recipients.reduce((sum, r) => sum + r.priceCents, 0)),
  };
}

/** `GET /get/status/{MessageID}`. */
export function statusPoll(ctx: EngineContext, messageId: string, query: PagingQuery): Reply {
  return recipientsPoll(ctx, messageId, query, (r, offset) => statusRecipient(ctx, r, offset));
}

/** A message's fields and one page of its recipients, each as `recipient` shows it. */
function recipientsPoll(
  ctx: EngineContext,
  messageId: string,
  query: PagingQuery,
  recipient: (r: SandboxRecipient, offsetMinutes: number) => Record<string, unknown>,
): Reply {
  const message = messaging.latest(ctx, messageId);
  if (!message) return notFound("MessageID", messageId);
  const page = pageOf(message.recipients, query, "notFound");
  if (isReply(page)) return page;
  return ok({
    ...messageFields(ctx, message),
    ...page.paging,
    Recipients: page.items.map((r) => recipient(r, times.messageOffset(ctx, message))),
  });
}

export function smsReply(
  ctx: EngineContext,
  received: SandboxReceivedMessage,
): Record<string, unknown> {
  return {
    ReceivedID: received.ReceivedID,
    ReceivedTimeLocal: times.local(ctx, received.receivedAt),
    ReceivedTimeUTC: times.utc(received.receivedAt),
    Timezone: ctx.settings.timeZone,
    From: received.From,
    MessageText: received.MessageText,
  };
}

/** `GET /get/sms/reply/{MessageID}`. */
export function replyPoll(ctx: EngineContext, messageId: string, query: PagingQuery): Reply {
  return recipientsPoll(ctx, messageId, query, (r, offset) => ({
    ...statusRecipient(ctx, r, offset),
    MessageText: r.MessageText,
    SMSReplies: ctx.state.received
      .filter((received) => received.recipientId === r.id)
      .map((received) => smsReply(ctx, received)),
  }));
}

/** `GET /get/sms/received`. */
export function receivedPoll(ctx: EngineContext, query: ReceivedQuery): Reply {
  const hasRange = query.dateFrom !== undefined || query.dateTo !== undefined;
  if (hasRange && (query.dateFrom === undefined || query.dateTo === undefined)) {
    return failed(["dateFrom and dateTo go together: give both"]);
  }
  if (hasRange && query.timePeriod !== undefined) {
    return failed(["give timePeriod or dateFrom and dateTo, not both"]);
  }
  let from: number;
  let to: number;
  if (query.dateFrom !== undefined && query.dateTo !== undefined) {
    const start = times.parseLocalTime(ctx, query.dateFrom);
    const end = times.parseLocalTime(ctx, query.dateTo);
    if (start === undefined || end === undefined) {
      return failed(["dateFrom, dateTo: not dates that exist"]);
    }
    from = start;
    // The end is inclusive to the last millisecond of the minute or second it names.
    to = end + (query.dateTo.length <= 16 ? 59_999 : 999);
  } else {
    to = recordSet.now(ctx);
    from = to - (query.timePeriod ?? 1440) * 60_000;
  }
  const matching = ctx.state.received.filter((r) => r.receivedAt >= from && r.receivedAt <= to);
  const page = pageOf(matching, query, "empty");
  if (isReply(page)) return page;
  return ok({
    ...page.paging,
    Messages: page.items.map((r) => ({
      ReceivedID: r.ReceivedID,
      MessageID: r.MessageID,
      JobNum: r.JobNum,
      SubAccount: r.SubAccount,
      Department: r.Department,
      ReceivedTimeLocal: times.local(ctx, r.receivedAt),
      ReceivedTimeUTC: times.utc(r.receivedAt),
      From: r.From,
      ContactID: r.ContactID,
      MessageText: r.MessageText,
      Timezone: ctx.settings.timeZone,
    })),
  });
}
