/**
 * The sandbox's behaviour, independent of HTTP: a facade over the engine's parts in
 * `./engine/` (records, lifecycle, webhook events, messaging, reports, inbound SMS, address book),
 * one concern per file, all working on one {@link EngineContext}.
 */

import * as addressBook from "./engine/address-book.js";
import { createContext, type EngineContext } from "./engine/context.js";
import * as inbound from "./engine/inbound.js";
import * as lifecycle from "./engine/lifecycle.js";
import * as messaging from "./engine/messaging.js";
import type {
  EngineSettings,
  PagingQuery,
  ReceivedQuery,
  Reply,
  SandboxMessage,
  SandboxReceivedMessage,
  SandboxRecords,
  SandboxState,
} from "./engine/model.js";
import * as recordSet from "./engine/records.js";
import * as reports from "./engine/reports.js";
import type { WebhookQueue } from "./webhooks.js";

export * from "./engine/model.js";

/** The sandbox's behaviour, independent of HTTP. */
export class SandboxEngine {
  /** Messages, contacts, groups, memberships and received SMS (live). */
  readonly state: SandboxState;
  readonly #ctx: EngineContext;

  constructor(settings: EngineSettings, webhooks: WebhookQueue) {
    this.#ctx = createContext(settings, webhooks);
    this.state = this.#ctx.state;
  }

  /** The sandbox's current time (ms since the epoch). */
  now(): number {
    return recordSet.now(this.#ctx);
  }

  /** Forgets every record (the arrays and maps are emptied in place). */
  reset(): void {
    recordSet.reset(this.#ctx);
  }

  /** The records as plain data (a deep copy). */
  records(): SandboxRecords {
    return recordSet.records(this.#ctx);
  }

  /** Replaces every record with these (copied), and puts the messages' next events in the queue. */
  restore(records: SandboxRecords): void {
    recordSet.restore(this.#ctx, records);
  }

  /** Moves every message whose time has come: Delayed → Pending → final reports. */
  processDue(): void {
    lifecycle.processDue(this.#ctx);
  }

  /** The earliest sandbox time something is due (a message event or a webhook attempt). */
  nextDue(): number | undefined {
    return lifecycle.nextDue(this.#ctx);
  }

  /** The most recent message with this MessageID. */
  latest(messageId: string): SandboxMessage | undefined {
    return messaging.latest(this.#ctx, messageId);
  }

  /** `POST /send/sms` with a valid `MessageData`. */
  send(data: Record<string, unknown>): Reply {
    return messaging.send(this.#ctx, data);
  }

  /** Sends again the failed recipients of the most recent message with this MessageID. */
  resubmit(messageId: string, body: { SendTime?: string }): Reply {
    return messaging.resubmit(this.#ctx, messageId, body);
  }

  /** Moves the sending time of the most recent message with this MessageID, if Delayed. */
  reschedule(messageId: string, body: { SendTime: string }): Reply {
    return messaging.reschedule(this.#ctx, messageId, body);
  }

  /** Cancels the most recent message with this MessageID, if Delayed. */
  abort(messageId: string): Reply {
    return messaging.abort(this.#ctx, messageId);
  }

  /** Records NumberOfOperators on the most recent message with this MessageID. */
  pacing(messageId: string, body: { NumberOfOperators: number }): Reply {
    return messaging.pacing(this.#ctx, messageId, body);
  }

  /** `GET /get/status/{MessageID}`. */
  statusPoll(messageId: string, query: PagingQuery): Reply {
    return reports.statusPoll(this.#ctx, messageId, query);
  }

  /** `GET /get/sms/reply/{MessageID}`. */
  replyPoll(messageId: string, query: PagingQuery): Reply {
    return reports.replyPoll(this.#ctx, messageId, query);
  }

  /** `GET /get/sms/received`. */
  receivedPoll(query: ReceivedQuery): Reply {
    return reports.receivedPoll(this.#ctx, query);
  }

  /**
   * A reply to the most recent message with this MessageID, from one of its recipients (the
   * first when `From` is not given). Throws when there is no such message or recipient.
   */
  simulateReply(input: {
    MessageID: string;
    From?: string | undefined;
    MessageText: string;
  }): SandboxReceivedMessage {
    return inbound.simulateReply(this.#ctx, input);
  }

  /** An SMS from `From` that replies to nothing (`Type: SMSInbound`). */
  simulateInbound(input: {
    From: string;
    MessageText: string;
    To?: string | undefined;
  }): SandboxReceivedMessage {
    return inbound.simulateInbound(this.#ctx, input);
  }

  listContacts(query: PagingQuery): Reply {
    return addressBook.listContacts(this.#ctx, query);
  }

  createContact(body: Record<string, unknown>): Reply {
    return addressBook.createContact(this.#ctx, body);
  }

  contactDetail(contactId: string): Reply {
    return addressBook.contactDetail(this.#ctx, contactId);
  }

  updateContact(contactId: string, body: Record<string, unknown>): Reply {
    return addressBook.updateContact(this.#ctx, contactId, body);
  }

  deleteContact(contactId: string): Reply {
    return addressBook.deleteContact(this.#ctx, contactId);
  }

  listGroups(query: PagingQuery): Reply {
    return addressBook.listGroups(this.#ctx, query);
  }

  createGroup(body: Record<string, unknown>): Reply {
    return addressBook.createGroup(this.#ctx, body);
  }

  groupDetail(groupId: string): Reply {
    return addressBook.groupDetail(this.#ctx, groupId);
  }

  updateGroup(groupId: string, body: Record<string, unknown>): Reply {
    return addressBook.updateGroup(this.#ctx, groupId, body);
  }

  deleteGroup(groupId: string): Reply {
    return addressBook.deleteGroup(this.#ctx, groupId);
  }

  /** Makes the contact a member of the group (no change when it already is). */
  addMember(contactId: string, groupId: string): Reply {
    return addressBook.addMember(this.#ctx, contactId, groupId);
  }

  memberDetail(contactId: string, groupId: string, orCode = false): Reply {
    return addressBook.memberDetail(this.#ctx, contactId, groupId, orCode);
  }

  removeMember(contactId: string, groupId: string): Reply {
    return addressBook.removeMember(this.#ctx, contactId, groupId);
  }

  /** The groups of a contact. */
  contactGroups(contactId: string, query: PagingQuery): Reply {
    return addressBook.contactGroups(this.#ctx, contactId, query);
  }

  /** The contacts of a group. */
  groupContacts(groupId: string, query: PagingQuery): Reply {
    return addressBook.groupContacts(this.#ctx, groupId, query);
  }
}
