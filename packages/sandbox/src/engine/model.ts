/** The engine's records, settings and replies: types, constants and small helpers. */
import type { Clock } from "../time.js";
import type { WebhookFormat } from "../webhooks.js";

/** A send whose MessageID was used less than this long ago returns the first send's answer. */
export const DUPLICATE_WINDOW_MS: number = 24 * 3_600_000;

/** A recipient's status on polls. */
export type RecipientStatus = "Pending" | "Success" | "Failed" | "Aborted";
/** A message's status on polls. */
export type MessageStatus = "Delayed" | "Pending" | "Completed" | "Aborted";

/** One recipient of a sent message. */
export interface SandboxRecipient {
  /** Sandbox identifier of the recipient; the `[[Reply]]` link ends with it. */
  readonly id: string;
  /** Its position among the message's recipients, from 1 (`DestSeq` on status polls). */
  readonly DestSeq: number;
  /** The number sent to ("" for a contact without a MobilePhone). */
  readonly Destination: string;
  /** The contact it came from, or "". */
  readonly ContactID: string;
  /**
   * Who the recipient is addressed as: the destination's `Attention`, or the contact's; ""
   * when not given. Fills `[[Attention]]`.
   */
  readonly Attention: string;
  /** The destination's or contact's `Company`, or ""; fills `[[Company]]`. */
  readonly Company: string;
  /** The destination's or contact's `FirstName`, or ""; fills `[[FirstName]]`/`[[First Name]]`. */
  readonly FirstName: string;
  /** The destination's or contact's `LastName`, or ""; fills `[[LastName]]`/`[[Last Name]]`. */
  readonly LastName: string;
  /** Custom1 … Custom9 (index 0 is Custom1). */
  readonly Custom: readonly string[];
  /** The text sent to this recipient, merge fields filled. */
  readonly MessageText: string;
  /** SMS parts of that text. */
  readonly parts: number;
  /**
   * `Pending` until its final report, then `Success` or `Failed`; `Aborted` when the message was
   * aborted while Delayed. A number ending in 9999 stays `Pending` (outside test mode).
   */
  Status: RecipientStatus;
  /**
   * The delivery result: "" while Pending, `Sent OK` on success, the failure's reason (`Bad
   * Number`, `No Mobile Number` …) on failure, `Aborted` after an abort.
   */
  Result: string;
  /** How many times sending was started (2 after one resubmit). */
  attempts: number;
  /** Sandbox time of the final report, when there is one. */
  sentAt: number | undefined;
  /** The carrier's identifier of the delivery: a number the sandbox makes on success, else "". */
  RemoteID: string;
  /** Price in cents. */
  priceCents: number;
}

/** A message as the sandbox holds it. */
export interface SandboxMessage {
  /** The MessageID given when sending, or the one the sandbox made (a UUID). */
  readonly MessageID: string;
  /** The job number the sandbox made: eight upper-case hexadecimal characters. */
  readonly JobNum: string;
  /** `Reference` as sent, or "" when not given. */
  readonly Reference: string;
  /** `SubAccount` as sent, or "" when not given. */
  readonly SubAccount: string;
  /** `Department` as sent, or "" when not given. */
  readonly Department: string;
  /** `ChargeCode` as sent, or "" when not given. */
  readonly ChargeCode: string;
  /** `FromNumber` as sent, or "" when not given; the `To` of replies to the message. */
  readonly FromNumber: string;
  /** The zone name reported (the message's TimeZone, or the sandbox's). */
  readonly Timezone: string;
  /** `Mode: "Test"`: every recipient is a success at once, at no cost. */
  readonly test: boolean;
  /** Sandbox time the send was taken (ms since the epoch). */
  readonly createdAt: number;
  /** `MessageData` as received. */
  readonly data: Readonly<Record<string, unknown>>;
  /**
   * The message's own `WebhookCallbackURL`, or `undefined` when it named none (its webhooks then
   * go to the sandbox's `webhookUrl`, if set).
   */
  readonly webhookUrl: string | undefined;
  /**
   * The message's own `WebhookCallbackFormat`, or `undefined` when it named none (the sandbox's
   * `webhookFormat` then applies).
   */
  readonly webhookFormat: WebhookFormat | undefined;
  /** The answer of the send, returned again for a repeated MessageID. */
  readonly response: Readonly<Record<string, unknown>>;
  /**
   * `Delayed` until its SendTime, `Pending` while a recipient awaits its final report, then
   * `Completed`; `Aborted` when aborted while Delayed. A resubmit moves it back to `Pending` (or
   * `Delayed`).
   */
  Status: MessageStatus;
  /** While Delayed: when sending starts. */
  sendAt: number | undefined;
  /** The last SendTime that delayed the message (for the DelayedTime fields). */
  delayedUntil: number | undefined;
  /** While Pending: when the final reports are due. */
  dueAt: number | undefined;
  /** Set by the Pacing action. */
  NumberOfOperators: number | undefined;
  /** One per destination, in `DestSeq` order; a group destination adds one per member. */
  readonly recipients: SandboxRecipient[];
}

/** A contact of the address book. */
export interface SandboxContact {
  /** The contact's identifier, made by the sandbox (a UUID). */
  readonly ContactID: string;
  /** Sandbox time the contact was created (ms since the epoch). */
  readonly createdAt: number;
  /** Sandbox time of its last update (ms since the epoch); `createdAt` until then. */
  updatedAt: number;
  /** The settable fields, by wire name (see `ContactFields` in the spec). */
  readonly fields: Record<string, string>;
}

/** A group of the address book. */
export interface SandboxGroup {
  /** The group's identifier, made by the sandbox (a UUID). */
  readonly GroupID: string;
  /** Your own short code for the group, unique among the groups. */
  GroupCode: string;
  /** The group's name. */
  GroupName: string;
  /** The SubAccount the group belongs to, or "" when not given. */
  SubAccount: string;
  /** The Department the group belongs to, or "" when not given. */
  Department: string;
  /** Who may see or edit the group: `Account` (the default), `SubAccount`, `Department` or `No`. */
  ViewEditBy: string;
  /** Sandbox time of its creation (ms since the epoch). */
  readonly createdAt: number;
}

/** A contact's membership of a group. */
export interface SandboxMembership {
  /** The member contact's ContactID. */
  readonly ContactID: string;
  /** The group's GroupID. */
  readonly GroupID: string;
}

/** An SMS the sandbox "received" (see `simulateReply` / `simulateInbound`). */
export interface SandboxReceivedMessage {
  /** The sandbox's identifier of the received SMS: a number it counts up. */
  readonly ReceivedID: string;
  /** `SMSReply` for a reply (`simulateReply`), `SMSInbound` for any other (`simulateInbound`). */
  readonly Type: "SMSReply" | "SMSInbound";
  /** The message replied to, or "" for an inbound SMS. */
  readonly MessageID: string;
  /** The replied message's JobNum, or "" for an inbound SMS. */
  readonly JobNum: string;
  /** The replied message's SubAccount, or "" for an inbound SMS. */
  readonly SubAccount: string;
  /** The replied message's Department, or "" for an inbound SMS. */
  readonly Department: string;
  /** Sandbox time it was received (ms since the epoch). */
  readonly receivedAt: number;
  /** The number it came from: the replying recipient's Destination, or the given `From`. */
  readonly From: string;
  /** The number it was sent to (the replied message's FromNumber, or the given one). */
  readonly To: string;
  /**
   * The address-book contact of `From`: the replying recipient's contact, else a contact whose
   * MobilePhone is `From`, else "".
   */
  readonly ContactID: string;
  /** The text received. */
  readonly MessageText: string;
  /** The recipient replied as (`SandboxRecipient.id`), for a reply. */
  readonly recipientId: string | undefined;
}

/** Everything the sandbox holds; for inspection (the arrays and maps are live). */
export interface SandboxState {
  /** Every message, oldest first (several may share a MessageID). */
  readonly messages: SandboxMessage[];
  /** The address book's contacts, by ContactID. */
  readonly contacts: Map<string, SandboxContact>;
  /** The address book's groups, by GroupID. */
  readonly groups: Map<string, SandboxGroup>;
  /** Which contact is in which group, one entry per pair. */
  readonly memberships: SandboxMembership[];
  /** Every SMS received (replies and inbound), oldest first. */
  readonly received: SandboxReceivedMessage[];
}

/** An HTTP answer: status and JSON body. */
export interface Reply {
  /** The HTTP status: 200, or 400 or 404 for a refusal. */
  readonly status: number;
  /** The JSON body: `Result`, the operation's fields and `ErrorMessage`. */
  readonly body: Record<string, unknown>;
}

/** The records of a sandbox as plain JSON data: what a store keeps between runs. */
export interface SandboxRecords {
  /** Every message, oldest first. */
  readonly messages: SandboxMessage[];
  /** The address book's contacts. */
  readonly contacts: SandboxContact[];
  /** The address book's groups. */
  readonly groups: SandboxGroup[];
  /** Which contact is in which group. */
  readonly memberships: SandboxMembership[];
  /** Every SMS received, oldest first. */
  readonly received: SandboxReceivedMessage[];
  /** The counter ReceivedIDs and carrier numbers are made from. */
  readonly sequence: number;
}

/** Settings of the engine (see SandboxOptions for what each means). */
export interface EngineSettings {
  readonly clock: Clock;
  readonly deliveryDelayMs: number;
  readonly utcOffsetMinutes: number;
  readonly timeZone: string;
  readonly account: string;
  readonly owner: string;
  readonly sender: string;
  readonly authToken: string;
  readonly pricePerPartCents: number;
  readonly replyLinkBase: string;
  readonly pendingWebhooks: boolean;
  readonly webhookUrl: string | undefined;
  readonly webhookFormat: WebhookFormat;
  readonly newId: () => string;
}

/** Paging query parameters, by wire name, already validated. */
export interface PagingQuery {
  readonly recordsPerPage?: number;
  readonly page?: number;
}

/** Received-poll query parameters, by wire name, already validated. */
export interface ReceivedQuery extends PagingQuery {
  readonly timePeriod?: number;
  readonly dateFrom?: string;
  readonly dateTo?: string;
}

export const CONTACT_FIELDS = [
  "Attention",
  "Title",
  "Company",
  "RecipDepartment",
  "FirstName",
  "LastName",
  "Position",
  "StreetAddress",
  "Suburb",
  "City",
  "State",
  "Country",
  "Postcode",
  "MainPhone",
  "AltPhone1",
  "AltPhone2",
  "DirectPhone",
  "MobilePhone",
  "FaxNumber",
  "EmailAddress",
  "WebAddress",
  "Custom1",
  "Custom2",
  "Custom3",
  "Custom4",
] as const;

export const GROUP_FIELDS = [
  "GroupCode",
  "GroupName",
  "SubAccount",
  "Department",
  "ViewEditBy",
] as const;

export function ok(fields: Record<string, unknown>): Reply {
  return { status: 200, body: { Result: "Success", ...fields, ErrorMessage: [] } };
}

/** 400 with the wire's error body. */
export function failed(messages: string[], fields: Record<string, unknown> = {}): Reply {
  return { status: 400, body: { Result: "Failed", ...fields, ErrorMessage: messages } };
}

export function notFound(what: string, id: string): Reply {
  return {
    status: 404,
    body: { Result: "RecordNotFound", ErrorMessage: [`Record not found: ${what} ${id}`] },
  };
}

export function str(value: unknown): string {
  return typeof value === "string" ? value : "";
}

export function cents(value: number): number {
  return Math.round(value) / 100;
}

export function isReply(value: unknown): value is Reply {
  return typeof value === "object" && value !== null && "status" in value && "body" in value;
}

/** The sandbox's behaviour, independent of HTTP. */

export type TimeFields = "SentTimeLocal" | "SentTimeUTC-ISO8601" | "SentTimeUTC-RFC3339";
