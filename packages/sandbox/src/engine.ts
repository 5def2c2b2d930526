import { smsSegments, toGsm7 } from "@bestsms/validation";
import { DueQueue } from "./due-queue.js";
import { failingNumberRule } from "./failing-numbers.js";
import { fillMergeFields, type MergeValues } from "./merge-fields.js";
import {
  type Clock,
  localIsoText,
  localText,
  parseLocal,
  rfc3339,
  utcIsoText,
  utcText,
} from "./time.js";
import type { WebhookFormat, WebhookPayload, WebhookQueue } from "./webhooks.js";

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
  readonly messages: SandboxMessage[];
  readonly contacts: SandboxContact[];
  readonly groups: SandboxGroup[];
  readonly memberships: SandboxMembership[];
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

const CONTACT_FIELDS = [
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

const GROUP_FIELDS = ["GroupCode", "GroupName", "SubAccount", "Department", "ViewEditBy"] as const;

function ok(fields: Record<string, unknown>): Reply {
  return { status: 200, body: { Result: "Success", ...fields, ErrorMessage: [] } };
}

/** 400 with the wire's error body. */
export function failed(messages: string[], fields: Record<string, unknown> = {}): Reply {
  return { status: 400, body: { Result: "Failed", ...fields, ErrorMessage: messages } };
}

function notFound(what: string, id: string): Reply {
  return {
    status: 404,
    body: { Result: "RecordNotFound", ErrorMessage: [`Record not found: ${what} ${id}`] },
  };
}

function str(value: unknown): string {
  return typeof value === "string" ? value : "";
}

function cents(value: number): number {
  return Math.round(value) / 100;
}

function isReply(value: unknown): value is Reply {
  return typeof value === "object" && value !== null && "status" in value && "body" in value;
}

/** The sandbox's behaviour, independent of HTTP. */
export class SandboxEngine {
  readonly state: SandboxState = {
    messages: [],
    contacts: new Map(),
    groups: new Map(),
    memberships: [],
    received: [],
  };
  readonly #settings: EngineSettings;
  readonly #webhooks: WebhookQueue;
  #sequence = 2_820_000;

  constructor(settings: EngineSettings, webhooks: WebhookQueue) {
    this.#settings = settings;
    this.#webhooks = webhooks;
  }

  now(): number {
    return this.#settings.clock.now();
  }

  /** Forgets every record (the arrays and maps are emptied in place). */
  reset(): void {
    this.state.messages.length = 0;
    this.state.contacts.clear();
    this.state.groups.clear();
    this.state.memberships.length = 0;
    this.state.received.length = 0;
    // Forgotten messages have no events left.
    this.#due.clear();
  }

  /** The records as plain data (a deep copy). */
  records(): SandboxRecords {
    return structuredClone({
      messages: this.state.messages,
      contacts: [...this.state.contacts.values()],
      groups: [...this.state.groups.values()],
      memberships: this.state.memberships,
      received: this.state.received,
      sequence: this.#sequence,
    });
  }

  /** Replaces every record with these (copied), and puts the messages' next events in the queue. */
  restore(records: SandboxRecords): void {
    const copy = structuredClone(records);
    this.reset();
    this.state.messages.push(...copy.messages);
    for (const contact of copy.contacts) this.state.contacts.set(contact.ContactID, contact);
    for (const group of copy.groups) this.state.groups.set(group.GroupID, group);
    this.state.memberships.push(...copy.memberships);
    this.state.received.push(...copy.received);
    this.#sequence = copy.sequence;
    for (const message of this.state.messages) this.#schedule(message);
  }

  // ------------------------------------------------------------------ times

  #local(ms: number | undefined): string {
    return ms === undefined ? "" : localText(ms, this.#settings.utcOffsetMinutes);
  }

  #utc(ms: number | undefined): string {
    return ms === undefined ? "" : utcText(ms);
  }

  #rfc(ms: number | undefined): string {
    return ms === undefined ? "" : rfc3339(ms);
  }

  #parseLocal(text: string): number | undefined {
    return parseLocal(text, this.#settings.utcOffsetMinutes);
  }

  #nextNumber(): string {
    this.#sequence += 1;
    return String(this.#sequence);
  }

  #jobNumber(): string {
    return this.#settings.newId().replace(/-/g, "").slice(0, 8).toUpperCase();
  }

  // ------------------------------------------------------------------ lifecycle

  /** Moves every message whose time has come: Delayed → Pending → final reports. */
  processDue(): void {
    const now = this.now();
    // Due events in time order; an entry whose message has moved on since is skipped.
    for (
      let next = this.#due.peek();
      next !== undefined && next.at <= now;
      next = this.#due.peek()
    ) {
      this.#due.pop();
      const { at, item: message } = next;
      if (message.Status === "Delayed" && message.sendAt === at) this.#startSending(message, at);
      else if (message.Status === "Pending" && message.dueAt === at) this.#complete(message, at);
    }
  }

  /** When each Delayed message is to be sent and each Pending one completes. */
  readonly #due = new DueQueue<SandboxMessage>();

  /** Puts the message's next event (send or completion) in the queue. */
  #schedule(message: SandboxMessage): void {
    const at =
      message.Status === "Delayed"
        ? message.sendAt
        : message.Status === "Pending"
          ? message.dueAt
          : undefined;
    if (at !== undefined) this.#due.push(at, message);
  }

  /** The earliest sandbox time something is due (a message event or a webhook attempt). */
  nextDue(): number | undefined {
    let next = this.#webhooks.nextDue();
    const consider = (time: number | undefined): void => {
      if (time !== undefined && (next === undefined || time < next)) next = time;
    };
    // Drop stale entries so the earliest one left is a real event.
    for (let top = this.#due.peek(); top !== undefined; top = this.#due.peek()) {
      const { at, item: message } = top;
      const live =
        (message.Status === "Delayed" && message.sendAt === at) ||
        (message.Status === "Pending" && message.dueAt === at);
      if (live) {
        consider(at);
        break;
      }
      this.#due.pop();
    }
    return next;
  }

  #startSending(message: SandboxMessage, at: number): void {
    message.Status = "Pending";
    message.sendAt = undefined;
    const pending = message.recipients.filter((r) => r.Status === "Pending");
    for (const recipient of pending) recipient.attempts += 1;
    if (message.test) {
      this.#complete(message, at);
      return;
    }
    message.dueAt = at + this.#settings.deliveryDelayMs;
    this.#schedule(message);
    if (this.#settings.pendingWebhooks) {
      for (const recipient of pending) this.#statusWebhook(message, recipient, "PENDING", at);
    }
    if (message.dueAt <= this.now()) this.#complete(message, message.dueAt);
  }

  /** `Success`, `never` (no final report), or the Result of a failure. */
  #outcome(message: SandboxMessage, recipient: SandboxRecipient): string {
    if (recipient.Destination === "") return "No Mobile Number";
    if (message.test) return "Success";
    const rule = failingNumberRule(recipient.Destination);
    if (!rule) return "Success";
    if (rule.outcome === "PENDING") return "never";
    return rule.transient && recipient.attempts > 1 ? "Success" : rule.result;
  }

  #complete(message: SandboxMessage, at: number): void {
    message.dueAt = undefined;
    for (const recipient of message.recipients) {
      if (recipient.Status !== "Pending") continue;
      const outcome = this.#outcome(message, recipient);
      if (outcome === "never") continue;
      recipient.sentAt = at;
      if (outcome === "Success") {
        recipient.Status = "Success";
        recipient.Result = "Sent OK";
        recipient.RemoteID = this.#nextNumber();
        recipient.priceCents = message.test
          ? 0
          : recipient.parts * this.#settings.pricePerPartCents;
        this.#statusWebhook(message, recipient, "SUCCESS", at);
      } else {
        recipient.Status = "Failed";
        recipient.Result = outcome;
        recipient.RemoteID = "";
        recipient.priceCents = 0;
        this.#statusWebhook(message, recipient, "FAILED", at);
      }
    }
    const open = message.recipients.some((r) => r.Status === "Pending");
    message.Status = open ? "Pending" : "Completed";
  }

  // ------------------------------------------------------------------ webhooks

  #webhookTarget(message?: SandboxMessage): { url: string; format: WebhookFormat } | undefined {
    const url = message?.webhookUrl ?? this.#settings.webhookUrl;
    if (url === undefined) return undefined;
    return { url, format: message?.webhookFormat ?? this.#settings.webhookFormat };
  }

  #payload(
    target: { url: string },
    fields: Omit<WebhookPayload, "Version" | "Sender" | "APIKey" | "URL" | TimeFields>,
    at: number,
  ): WebhookPayload {
    return {
      Version: "2.04",
      Sender: this.#settings.sender,
      APIKey: this.#settings.authToken,
      Type: fields.Type,
      Destination: fields.Destination,
      ContactID: fields.ContactID,
      ReceivedID: fields.ReceivedID,
      MessageID: fields.MessageID,
      SubAccount: fields.SubAccount,
      Department: fields.Department,
      JobNumber: fields.JobNumber,
      SentTimeLocal: this.#local(at),
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

  #statusWebhook(
    message: SandboxMessage,
    recipient: SandboxRecipient,
    status: "SUCCESS" | "FAILED" | "PENDING",
    at: number,
  ): void {
    const target = this.#webhookTarget(message);
    if (!target) return;
    const payload = this.#payload(
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
    );
    this.#webhooks.enqueue(target.url, target.format, payload);
  }

  #receivedWebhook(received: SandboxReceivedMessage, message?: SandboxMessage): void {
    const target = this.#webhookTarget(message);
    if (!target) return;
    const recipient = message?.recipients.find((r) => r.id === received.recipientId);
    const payload = this.#payload(
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
    this.#webhooks.enqueue(target.url, target.format, payload);
  }

  // ------------------------------------------------------------------ messaging

  /** The most recent message with this MessageID. */
  latest(messageId: string): SandboxMessage | undefined {
    for (let i = this.state.messages.length - 1; i >= 0; i--) {
      const message = this.state.messages[i];
      if (message?.MessageID === messageId) return message;
    }
    return undefined;
  }

  #contactValues(contact: SandboxContact): {
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
  send(data: Record<string, unknown>): Reply {
    const now = this.now();
    const given = str(data.MessageID);
    if (given !== "") {
      const previous = this.latest(given);
      if (previous && now - previous.createdAt < DUPLICATE_WINDOW_MS) {
        return { status: 200, body: { ...previous.response } };
      }
    }
    let sendAt: number | undefined;
    if (typeof data.SendTime === "string") {
      const time = this.#parseLocal(data.SendTime);
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
        const contact = this.state.contacts.get(destination.ContactID);
        if (contact) targets.push(this.#contactValues(contact));
        else
          errors.push(
            `MessageData.Destinations[${index}].ContactID: no contact ${destination.ContactID}`,
          );
      } else if (typeof destination.GroupID === "string") {
        const group = this.state.groups.get(destination.GroupID);
        if (!group) {
          errors.push(
            `MessageData.Destinations[${index}].GroupID: no group ${destination.GroupID}`,
          );
          return;
        }
        for (const membership of this.state.memberships) {
          const contact =
            membership.GroupID === group.GroupID
              ? this.state.contacts.get(membership.ContactID)
              : undefined;
          if (contact) targets.push(this.#contactValues(contact));
        }
      }
    });
    if (errors.length > 0) return failed(errors);
    if (targets.length === 0) {
      return failed([
        "MessageData.Destinations: no recipients (the groups given have no contacts)",
      ]);
    }

    const MessageID = given !== "" ? given : this.#settings.newId();
    const text = str(data.Message);
    const convert = data.CharacterConversion === true;
    const recipients = targets.map((target, index): SandboxRecipient => {
      const id = this.#settings.newId();
      const filled = fillMergeFields(
        text,
        target.values,
        `${this.#settings.replyLinkBase.replace(/\/+$/, "")}/r/${id}`,
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
      JobNum: this.#jobNumber(),
      Reference: str(data.Reference),
      SubAccount: str(data.SubAccount),
      Department: str(data.Department),
      ChargeCode: str(data.ChargeCode),
      FromNumber: str(data.FromNumber),
      Timezone: str(data.TimeZone) || this.#settings.timeZone,
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
    this.state.messages.push(message);
    if (sendAt === undefined) this.#startSending(message, now);
    else this.#schedule(message);
    return { status: 200, body: { ...message.response } };
  }

  #action(
    action: "Resubmit" | "Reschedule" | "Abort" | "Pacing",
    messageId: string,
    run: (message: SandboxMessage, now: number) => string | Reply,
  ): Reply {
    const message = this.latest(messageId);
    if (!message) return notFound("MessageID", messageId);
    const outcome = run(message, this.now());
    if (isReply(outcome)) return outcome;
    return ok({
      MessageID: message.MessageID,
      JobNum: message.JobNum,
      Status: outcome,
      Action: action,
    });
  }

  #actionError(message: SandboxMessage, action: string, text: string): Reply {
    return failed([text], {
      MessageID: message.MessageID,
      JobNum: message.JobNum,
      Status: message.Status,
      Action: action,
    });
  }

  /** Sends again the failed recipients of the most recent message with this MessageID. */
  resubmit(messageId: string, body: { SendTime?: string }): Reply {
    return this.#action("Resubmit", messageId, (message, now) => {
      const failedRecipients = message.recipients.filter((r) => r.Status === "Failed");
      if (message.Status !== "Completed" || failedRecipients.length === 0) {
        return this.#actionError(message, "Resubmit", "Message is not Failed");
      }
      const at = body.SendTime === undefined ? now : this.#parseLocal(body.SendTime);
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
        this.#schedule(message);
        return "Delayed";
      }
      this.#startSending(message, now);
      return "Transmit";
    });
  }

  /** Moves the sending time of the most recent message with this MessageID, if Delayed. */
  reschedule(messageId: string, body: { SendTime: string }): Reply {
    return this.#action("Reschedule", messageId, (message, now) => {
      if (message.Status !== "Delayed") {
        return this.#actionError(message, "Reschedule", "Message is not Delayed");
      }
      const at = this.#parseLocal(body.SendTime);
      if (at === undefined) {
        return failed([`SendTime: not a date that exists, got "${body.SendTime}"`]);
      }
      message.delayedUntil = at;
      if (at > now) {
        message.sendAt = at;
        this.#schedule(message);
        return "Delayed";
      }
      this.#startSending(message, now);
      return "Transmit";
    });
  }

  /** Cancels the most recent message with this MessageID, if Delayed. */
  abort(messageId: string): Reply {
    return this.#action("Abort", messageId, (message) => {
      if (message.Status !== "Delayed") {
        return this.#actionError(message, "Abort", "Message is not Delayed");
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
  pacing(messageId: string, body: { NumberOfOperators: number }): Reply {
    return this.#action("Pacing", messageId, (message) => {
      message.NumberOfOperators = body.NumberOfOperators;
      return message.Status;
    });
  }

  // ------------------------------------------------------------------ reports

  #page<T>(
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

  #statusRecipient(r: SandboxRecipient): Record<string, unknown> {
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
      SentTimeLocal: this.#local(r.sentAt),
      SentTimeUTC: this.#utc(r.sentAt),
      SentTimeUTC_RFC3339: this.#rfc(r.sentAt),
      Attention: r.Attention,
      Company: r.Company,
      ...custom,
      RemoteID: r.RemoteID,
      Price: cents(r.priceCents),
    };
  }

  #messageFields(message: SandboxMessage): Record<string, unknown> {
    const count = (status: RecipientStatus): number =>
      message.recipients.filter((r) => r.Status === status).length;
    return {
      MessageID: message.MessageID,
      Status: message.Status,
      JobNum: message.JobNum,
      Account: this.#settings.account,
      SubAccount: message.SubAccount,
      Department: message.Department,
      Reference: message.Reference,
      CreatedTimeLocal: this.#local(message.createdAt),
      CreatedTimeUTC: this.#utc(message.createdAt),
      CreatedTimeUTC_RFC3339: this.#rfc(message.createdAt),
      DelayedTimeLocal: this.#local(message.delayedUntil),
      DelayedTimeUTC: this.#utc(message.delayedUntil),
      DelayedTimeUTC_RFC3339: this.#rfc(message.delayedUntil),
      Timezone: message.Timezone,
      Count: message.recipients.length,
      Complete: message.recipients.length - count("Pending"),
      Success: count("Success"),
      Failed: count("Failed"),
      Price: cents(message.recipients.reduce((sum, r) => sum + r.priceCents, 0)),
    };
  }

  /** `GET /get/status/{MessageID}`. */
  statusPoll(messageId: string, query: PagingQuery): Reply {
    const message = this.latest(messageId);
    if (!message) return notFound("MessageID", messageId);
    const page = this.#page(message.recipients, query, "notFound");
    if (isReply(page)) return page;
    return ok({
      ...this.#messageFields(message),
      ...page.paging,
      Recipients: page.items.map((r) => this.#statusRecipient(r)),
    });
  }

  #smsReply(received: SandboxReceivedMessage): Record<string, unknown> {
    return {
      ReceivedID: received.ReceivedID,
      ReceivedTimeLocal: this.#local(received.receivedAt),
      ReceivedTimeUTC: this.#utc(received.receivedAt),
      Timezone: this.#settings.timeZone,
      From: received.From,
      MessageText: received.MessageText,
    };
  }

  /** `GET /get/sms/reply/{MessageID}`. */
  replyPoll(messageId: string, query: PagingQuery): Reply {
    const message = this.latest(messageId);
    if (!message) return notFound("MessageID", messageId);
    const page = this.#page(message.recipients, query, "notFound");
    if (isReply(page)) return page;
    return ok({
      ...this.#messageFields(message),
      ...page.paging,
      Recipients: page.items.map((r) => ({
        ...this.#statusRecipient(r),
        MessageText: r.MessageText,
        SMSReplies: this.state.received
          .filter((received) => received.recipientId === r.id)
          .map((received) => this.#smsReply(received)),
      })),
    });
  }

  /** `GET /get/sms/received`. */
  receivedPoll(query: ReceivedQuery): Reply {
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
      const start = this.#parseLocal(query.dateFrom);
      const end = this.#parseLocal(query.dateTo);
      if (start === undefined || end === undefined) {
        return failed(["dateFrom, dateTo: not dates that exist"]);
      }
      from = start;
      // The end is inclusive to the last millisecond of the minute or second it names.
      to = end + (query.dateTo.length <= 16 ? 59_999 : 999);
    } else {
      to = this.now();
      from = to - (query.timePeriod ?? 1440) * 60_000;
    }
    const matching = this.state.received.filter((r) => r.receivedAt >= from && r.receivedAt <= to);
    const page = this.#page(matching, query, "empty");
    if (isReply(page)) return page;
    return ok({
      ...page.paging,
      Messages: page.items.map((r) => ({
        ReceivedID: r.ReceivedID,
        MessageID: r.MessageID,
        JobNum: r.JobNum,
        SubAccount: r.SubAccount,
        Department: r.Department,
        ReceivedTimeLocal: this.#local(r.receivedAt),
        ReceivedTimeUTC: this.#utc(r.receivedAt),
        From: r.From,
        ContactID: r.ContactID,
        MessageText: r.MessageText,
        Timezone: this.#settings.timeZone,
      })),
    });
  }

  // ------------------------------------------------------------------ received SMS

  #contactIdOf(number: string): string {
    for (const contact of this.state.contacts.values()) {
      if (contact.fields.MobilePhone === number) return contact.ContactID;
    }
    return "";
  }

  /**
   * A reply to the most recent message with this MessageID, from one of its recipients (the
   * first when `From` is not given). Throws when there is no such message or recipient.
   */
  simulateReply(input: {
    MessageID: string;
    From?: string;
    MessageText: string;
  }): SandboxReceivedMessage {
    const message = this.latest(input.MessageID);
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
      ReceivedID: this.#nextNumber(),
      Type: "SMSReply",
      MessageID: message.MessageID,
      JobNum: message.JobNum,
      SubAccount: message.SubAccount,
      Department: message.Department,
      receivedAt: this.now(),
      From: recipient.Destination,
      To: message.FromNumber,
      ContactID: recipient.ContactID || this.#contactIdOf(recipient.Destination),
      MessageText: input.MessageText,
      recipientId: recipient.id,
    };
    this.state.received.push(received);
    this.#receivedWebhook(received, message);
    return received;
  }

  /** An SMS from `From` that replies to nothing (`Type: SMSInbound`). */
  simulateInbound(input: {
    From: string;
    MessageText: string;
    To?: string;
  }): SandboxReceivedMessage {
    const received: SandboxReceivedMessage = {
      ReceivedID: this.#nextNumber(),
      Type: "SMSInbound",
      MessageID: "",
      JobNum: "",
      SubAccount: "",
      Department: "",
      receivedAt: this.now(),
      From: input.From,
      To: input.To ?? "",
      ContactID: this.#contactIdOf(input.From),
      MessageText: input.MessageText,
      recipientId: undefined,
    };
    this.state.received.push(received);
    this.#receivedWebhook(received);
    return received;
  }

  // ------------------------------------------------------------------ address book

  #contactOut(contact: SandboxContact): Record<string, unknown> {
    const { utcOffsetMinutes, owner, timeZone } = this.#settings;
    const out: Record<string, unknown> = {
      ContactID: contact.ContactID,
      Owner: owner,
      CreatedTimeLocal: localIsoText(contact.createdAt, utcOffsetMinutes),
      CreatedTimeUTC: utcIsoText(contact.createdAt),
      UpdatedTimeLocal: localIsoText(contact.updatedAt, utcOffsetMinutes),
      UpdatedTimeUTC: utcIsoText(contact.updatedAt),
      Timezone: timeZone,
    };
    for (const name of CONTACT_FIELDS) out[name] = contact.fields[name] ?? "";
    out.ViewBy = contact.fields.ViewBy ?? "Account";
    out.EditBy = contact.fields.EditBy ?? "Account";
    return out;
  }

  #groupOut(group: SandboxGroup): Record<string, unknown> {
    const { utcOffsetMinutes, owner, timeZone } = this.#settings;
    return {
      GroupID: group.GroupID,
      GroupCode: group.GroupCode,
      GroupName: group.GroupName,
      SubAccount: group.SubAccount,
      Department: group.Department,
      ViewEditBy: group.ViewEditBy,
      AccessControl: group.ViewEditBy,
      Owner: owner,
      CreatedTimeLocal: localIsoText(group.createdAt, utcOffsetMinutes),
      CreatedTimeUTC: utcIsoText(group.createdAt),
      Timezone: timeZone,
    };
  }

  #contact(contactId: string): SandboxContact | Reply {
    return this.state.contacts.get(contactId) ?? notFound("ContactID", contactId);
  }

  #group(groupId: string, orCode = false): SandboxGroup | Reply {
    const byId = this.state.groups.get(groupId);
    if (byId) return byId;
    if (orCode) {
      for (const group of this.state.groups.values()) if (group.GroupCode === groupId) return group;
    }
    return notFound("GroupID", groupId);
  }

  #isMember(contactId: string, groupId: string): boolean {
    return this.state.memberships.some((m) => m.ContactID === contactId && m.GroupID === groupId);
  }

  listContacts(query: PagingQuery): Reply {
    const page = this.#page([...this.state.contacts.values()], query, "notFound");
    if (isReply(page)) return page;
    return ok({ ...page.paging, Contacts: page.items.map((c) => this.#contactOut(c)) });
  }

  createContact(body: Record<string, unknown>): Reply {
    const now = this.now();
    const contact: SandboxContact = {
      ContactID: this.#settings.newId(),
      createdAt: now,
      updatedAt: now,
      fields: {},
    };
    for (const [name, value] of Object.entries(body)) {
      if (typeof value === "string") contact.fields[name] = value;
    }
    this.state.contacts.set(contact.ContactID, contact);
    return ok({ Contact: this.#contactOut(contact) });
  }

  contactDetail(contactId: string): Reply {
    const contact = this.#contact(contactId);
    return isReply(contact) ? contact : ok({ Contact: this.#contactOut(contact) });
  }

  updateContact(contactId: string, body: Record<string, unknown>): Reply {
    const contact = this.#contact(contactId);
    if (isReply(contact)) return contact;
    for (const [name, value] of Object.entries(body)) {
      if (typeof value === "string") contact.fields[name] = value;
    }
    contact.updatedAt = this.now();
    return ok({ Contact: this.#contactOut(contact) });
  }

  deleteContact(contactId: string): Reply {
    const contact = this.#contact(contactId);
    if (isReply(contact)) return contact;
    this.state.contacts.delete(contactId);
    this.#removeMemberships((m) => m.ContactID === contactId);
    return ok({ Contact: this.#contactOut(contact) });
  }

  #removeMemberships(match: (membership: SandboxMembership) => boolean): void {
    const kept = this.state.memberships.filter((m) => !match(m));
    this.state.memberships.length = 0;
    this.state.memberships.push(...kept);
  }

  listGroups(query: PagingQuery): Reply {
    const page = this.#page([...this.state.groups.values()], query, "notFound");
    if (isReply(page)) return page;
    return ok({ ...page.paging, Groups: page.items.map((g) => this.#groupOut(g)) });
  }

  #codeTaken(code: string | undefined, except?: string): Reply | undefined {
    if (code === undefined) return undefined;
    for (const group of this.state.groups.values()) {
      if (group.GroupCode === code && group.GroupID !== except) {
        return failed([`GroupCode: ${code} is already the code of group ${group.GroupID}`]);
      }
    }
    return undefined;
  }

  /**
   * A GroupCode for a group created without one, as the service derives one: the name's letters,
   * digits, `_`, `-` and `.` (others become `_`), made unique with a `_2`, `_3` … suffix.
   */
  #deriveCode(name: string): string {
    const base = name.replace(/[^A-Za-z0-9_.-]/g, "_").slice(0, 44) || "Group";
    let code = base;
    for (let n = 2; this.#codeTaken(code) !== undefined; n++) code = `${base}_${n}`;
    return code;
  }

  createGroup(body: Record<string, unknown>): Reply {
    const given = typeof body.GroupCode === "string" ? body.GroupCode : undefined;
    const taken = this.#codeTaken(given);
    if (taken) return taken;
    const group: SandboxGroup = {
      GroupID: this.#settings.newId(),
      GroupCode: given ?? this.#deriveCode(str(body.GroupName)),
      GroupName: str(body.GroupName),
      SubAccount: str(body.SubAccount),
      Department: str(body.Department),
      ViewEditBy: str(body.ViewEditBy) || "Account",
      createdAt: this.now(),
    };
    this.state.groups.set(group.GroupID, group);
    return ok({ Group: this.#groupOut(group) });
  }

  groupDetail(groupId: string): Reply {
    const group = this.#group(groupId, true);
    return isReply(group) ? group : ok({ Group: this.#groupOut(group) });
  }

  updateGroup(groupId: string, body: Record<string, unknown>): Reply {
    const group = this.#group(groupId, true);
    if (isReply(group)) return group;
    const taken = this.#codeTaken(
      typeof body.GroupCode === "string" ? body.GroupCode : undefined,
      group.GroupID,
    );
    if (taken) return taken;
    for (const name of GROUP_FIELDS) {
      const value = body[name];
      if (typeof value === "string") group[name] = value;
    }
    return ok({ Group: this.#groupOut(group) });
  }

  deleteGroup(groupId: string): Reply {
    const group = this.#group(groupId, true);
    if (isReply(group)) return group;
    this.state.groups.delete(group.GroupID);
    this.#removeMemberships((m) => m.GroupID === group.GroupID);
    return ok({ Group: this.#groupOut(group) });
  }

  #membership(
    contactId: string,
    groupId: string,
    orCode: boolean,
  ): { contact: SandboxContact; group: SandboxGroup } | Reply {
    const contact = this.#contact(contactId);
    if (isReply(contact)) return contact;
    const group = this.#group(groupId, orCode);
    if (isReply(group)) return group;
    return { contact, group };
  }

  #membershipOut(pair: { contact: SandboxContact; group: SandboxGroup }): Reply {
    return ok({ Contact: this.#contactOut(pair.contact), Group: this.#groupOut(pair.group) });
  }

  /** Makes the contact a member of the group (no change when it already is). */
  addMember(contactId: string, groupId: string): Reply {
    const pair = this.#membership(contactId, groupId, false);
    if (isReply(pair)) return pair;
    if (!this.#isMember(contactId, pair.group.GroupID)) {
      this.state.memberships.push({ ContactID: contactId, GroupID: pair.group.GroupID });
    }
    return this.#membershipOut(pair);
  }

  memberDetail(contactId: string, groupId: string, orCode = false): Reply {
    const pair = this.#membership(contactId, groupId, orCode);
    if (isReply(pair)) return pair;
    if (!this.#isMember(contactId, pair.group.GroupID)) {
      return notFound("membership", `${contactId} in ${groupId}`);
    }
    return this.#membershipOut(pair);
  }

  removeMember(contactId: string, groupId: string): Reply {
    const pair = this.#membership(contactId, groupId, false);
    if (isReply(pair)) return pair;
    if (!this.#isMember(contactId, pair.group.GroupID)) {
      return notFound("membership", `${contactId} in ${groupId}`);
    }
    this.#removeMemberships((m) => m.ContactID === contactId && m.GroupID === pair.group.GroupID);
    return this.#membershipOut(pair);
  }

  /** The groups of a contact. */
  contactGroups(contactId: string, query: PagingQuery): Reply {
    const contact = this.#contact(contactId);
    if (isReply(contact)) return contact;
    const groups = this.state.memberships
      .filter((m) => m.ContactID === contactId)
      .map((m) => this.state.groups.get(m.GroupID))
      .filter((g): g is SandboxGroup => g !== undefined);
    const page = this.#page(groups, query, "notFound");
    if (isReply(page)) return page;
    return ok({
      ...page.paging,
      Contact: this.#contactOut(contact),
      Groups: page.items.map((g) => this.#groupOut(g)),
    });
  }

  /** The contacts of a group. */
  groupContacts(groupId: string, query: PagingQuery): Reply {
    const group = this.#group(groupId);
    if (isReply(group)) return group;
    const contacts = this.state.memberships
      .filter((m) => m.GroupID === groupId)
      .map((m) => this.state.contacts.get(m.ContactID))
      .filter((c): c is SandboxContact => c !== undefined);
    const page = this.#page(contacts, query, "notFound");
    if (isReply(page)) return page;
    return ok({
      ...page.paging,
      Group: this.#groupOut(group),
      Contacts: page.items.map((c) => this.#contactOut(c)),
    });
  }
}

type TimeFields = "SentTimeLocal" | "SentTimeUTC-ISO8601" | "SentTimeUTC-RFC3339";
