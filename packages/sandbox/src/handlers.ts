/** What the sandbox does for each operation of the spec: one line each, into the engine. */
import type { PagingQuery, ReceivedQuery, Reply, SandboxEngine } from "./engine.js";
import type { OperationId } from "./generated/routes.gen.js";

/** A validated request: path parameters, query (by wire name) and body. */
export interface OperationInput {
  readonly params: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, unknown>>;
  readonly body: Readonly<Record<string, unknown>>;
}

/** What the sandbox does for one operation. */
export type Handler = (engine: SandboxEngine, input: OperationInput) => Reply;

const param = (input: OperationInput, name: string): string => input.params[name] ?? "";
const paging = (input: OperationInput): PagingQuery => input.query as PagingQuery;

/**
 * What the sandbox does for each operation. Methods, paths and parameters come from the spec
 * (the generated `routes`); a missing or unknown operation here fails to compile.
 */
export const HANDLERS: { readonly [K in OperationId]: Handler } = {
  "messaging.sms.sendMessage": (e, i) => e.send(i.body.MessageData as Record<string, unknown>),
  "actions.resubmit.sendRequest": (e, i) =>
    e.resubmit(param(i, "MessageID"), i.body as { SendTime?: string }),
  "actions.reschedule.sendRequest": (e, i) =>
    e.reschedule(param(i, "MessageID"), i.body as { SendTime: string }),
  "actions.abort.sendRequest": (e, i) => e.abort(param(i, "MessageID")),
  "actions.pacing.sendRequest": (e, i) =>
    e.pacing(param(i, "MessageID"), i.body as { NumberOfOperators: number }),
  "reports.status.poll": (e, i) => e.statusPoll(param(i, "MessageID"), paging(i)),
  "reports.smsReceived.poll": (e, i) => e.receivedPoll(i.query as ReceivedQuery),
  "reports.smsReply.poll": (e, i) => e.replyPoll(param(i, "MessageID"), paging(i)),
  "addressbook.contact.list": (e, i) => e.listContacts(paging(i)),
  "addressbook.contact.create": (e, i) => e.createContact(i.body),
  "addressbook.contact.detail": (e, i) => e.contactDetail(param(i, "ContactID")),
  "addressbook.contact.update": (e, i) => e.updateContact(param(i, "ContactID"), i.body),
  "addressbook.contact.delete": (e, i) => e.deleteContact(param(i, "ContactID")),
  "addressbook.contactGroup.list": (e, i) => e.contactGroups(param(i, "ContactID"), paging(i)),
  "addressbook.contactGroup.create": (e, i) =>
    e.addMember(param(i, "ContactID"), String(i.body.GroupID)),
  "addressbook.contactGroup.detail": (e, i) =>
    e.memberDetail(param(i, "ContactID"), param(i, "GroupID"), true),
  "addressbook.contactGroup.delete": (e, i) =>
    e.removeMember(param(i, "ContactID"), param(i, "GroupID")),
  "addressbook.group.list": (e, i) => e.listGroups(paging(i)),
  "addressbook.group.create": (e, i) => e.createGroup(i.body),
  "addressbook.group.detail": (e, i) => e.groupDetail(param(i, "GroupID")),
  "addressbook.group.update": (e, i) => e.updateGroup(param(i, "GroupID"), i.body),
  "addressbook.group.delete": (e, i) => e.deleteGroup(param(i, "GroupID")),
  "addressbook.groupContact.list": (e, i) => e.groupContacts(param(i, "GroupID"), paging(i)),
  "addressbook.groupContact.create": (e, i) =>
    e.addMember(String(i.body.ContactID), param(i, "GroupID")),
  "addressbook.groupContact.detail": (e, i) =>
    e.memberDetail(param(i, "ContactID"), param(i, "GroupID")),
  "addressbook.groupContact.delete": (e, i) =>
    e.removeMember(param(i, "ContactID"), param(i, "GroupID")),
};
