/** The address book: contacts, groups and memberships. */
import { localIsoText, utcIsoText } from "../time.js";
import type { EngineContext } from "./context.js";
import {
  CONTACT_FIELDS,
  failed,
  GROUP_FIELDS,
  isReply,
  notFound,
  ok,
  type PagingQuery,
  type Reply,
  type SandboxContact,
  type SandboxGroup,
  type SandboxMembership,
  str,
} from "./model.js";
import * as recordSet from "./records.js";
import * as reports from "./reports.js";

export function contactOut(ctx: EngineContext, contact: SandboxContact): Record<string, unknown> {
  const { utcOffsetMinutes, owner, timeZone } = ctx.settings;
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

export function groupOut(ctx: EngineContext, group: SandboxGroup): Record<string, unknown> {
  const { utcOffsetMinutes, owner, timeZone } = ctx.settings;
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

export function findContact(ctx: EngineContext, contactId: string): SandboxContact | Reply {
  return ctx.state.contacts.get(contactId) ?? notFound("ContactID", contactId);
}

export function findGroup(
  ctx: EngineContext,
  groupId: string,
  orCode = false,
): SandboxGroup | Reply {
  const byId = ctx.state.groups.get(groupId);
  if (byId) return byId;
  if (orCode) {
    for (const group of ctx.state.groups.values()) if (group.GroupCode === groupId) return group;
  }
  return notFound("GroupID", groupId);
}

export function isMember(ctx: EngineContext, contactId: string, groupId: string): boolean {
  return ctx.state.memberships.some((m) => m.ContactID === contactId && m.GroupID === groupId);
}

export function listContacts(ctx: EngineContext, query: PagingQuery): Reply {
  const page = reports.pageOf([...ctx.state.contacts.values()], query, "notFound");
  if (isReply(page)) return page;
  return ok({ ...page.paging, Contacts: page.items.map((c) => contactOut(ctx, c)) });
}

export function createContact(ctx: EngineContext, body: Record<string, unknown>): Reply {
  const now = recordSet.now(ctx);
  const contact: SandboxContact = {
    ContactID: ctx.settings.newId(),
    createdAt: now,
    updatedAt: now,
    fields: {},
  };
  for (const [name, value] of Object.entries(body)) {
    if (typeof value === "string") contact.fields[name] = value;
  }
  ctx.state.contacts.set(contact.ContactID, contact);
  return ok({ Contact: contactOut(ctx, contact) });
}

export function contactDetail(ctx: EngineContext, contactId: string): Reply {
  const contact = findContact(ctx, contactId);
  return isReply(contact) ? contact : ok({ Contact: contactOut(ctx, contact) });
}

export function updateContact(
  ctx: EngineContext,
  contactId: string,
  body: Record<string, unknown>,
): Reply {
  const contact = findContact(ctx, contactId);
  if (isReply(contact)) return contact;
  for (const [name, value] of Object.entries(body)) {
    if (typeof value === "string") contact.fields[name] = value;
  }
  contact.updatedAt = recordSet.now(ctx);
  return ok({ Contact: contactOut(ctx, contact) });
}

export function deleteContact(ctx: EngineContext, contactId: string): Reply {
  const contact = findContact(ctx, contactId);
  if (isReply(contact)) return contact;
  ctx.state.contacts.delete(contactId);
  removeMemberships(ctx, (m) => m.ContactID === contactId);
  return ok({ Contact: contactOut(ctx, contact) });
}

export function removeMemberships(
  ctx: EngineContext,
  match: (membership: SandboxMembership) => boolean,
): void {
  const kept = ctx.state.memberships.filter((m) => !match(m));
  ctx.state.memberships.length = 0;
  ctx.state.memberships.push(...kept);
}

export function listGroups(ctx: EngineContext, query: PagingQuery): Reply {
  const page = reports.pageOf([...ctx.state.groups.values()], query, "notFound");
  if (isReply(page)) return page;
  return ok({ ...page.paging, Groups: page.items.map((g) => groupOut(ctx, g)) });
}

export function codeTaken(
  ctx: EngineContext,
  code: string | undefined,
  except?: string,
): Reply | undefined {
  if (code === undefined) return undefined;
  for (const group of ctx.state.groups.values()) {
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
export function deriveCode(ctx: EngineContext, name: string): string {
  const base = name.replace(/[^A-Za-z0-9_.-]/g, "_").slice(0, 44) || "Group";
  let code = base;
  for (let n = 2; codeTaken(ctx, code) !== undefined; n++) code = `${base}_${n}`;
  return code;
}

export function createGroup(ctx: EngineContext, body: Record<string, unknown>): Reply {
  const given = typeof body.GroupCode === "string" ? body.GroupCode : undefined;
  const taken = codeTaken(ctx, given);
  if (taken) return taken;
  const group: SandboxGroup = {
    GroupID: ctx.settings.newId(),
    GroupCode: given ?? deriveCode(ctx, str(body.GroupName)),
    GroupName: str(body.GroupName),
    SubAccount: str(body.SubAccount),
    Department: str(body.Department),
    ViewEditBy: str(body.ViewEditBy) || "Account",
    createdAt: recordSet.now(ctx),
  };
  ctx.state.groups.set(group.GroupID, group);
  return ok({ Group: groupOut(ctx, group) });
}

export function groupDetail(ctx: EngineContext, groupId: string): Reply {
  const group = findGroup(ctx, groupId, true);
  return isReply(group) ? group : ok({ Group: groupOut(ctx, group) });
}

export function updateGroup(
  ctx: EngineContext,
  groupId: string,
  body: Record<string, unknown>,
): Reply {
  const group = findGroup(ctx, groupId, true);
  if (isReply(group)) return group;
  const taken = codeTaken(
    ctx,
    typeof body.GroupCode === "string" ? body.GroupCode : undefined,
    group.GroupID,
  );
  if (taken) return taken;
  for (const name of GROUP_FIELDS) {
    const value = body[name];
    if (typeof value === "string") group[name] = value;
  }
  return ok({ Group: groupOut(ctx, group) });
}

export function deleteGroup(ctx: EngineContext, groupId: string): Reply {
  const group = findGroup(ctx, groupId, true);
  if (isReply(group)) return group;
  ctx.state.groups.delete(group.GroupID);
  removeMemberships(ctx, (m) => m.GroupID === group.GroupID);
  return ok({ Group: groupOut(ctx, group) });
}

export function membership(
  ctx: EngineContext,
  contactId: string,
  groupId: string,
  orCode: boolean,
): { contact: SandboxContact; group: SandboxGroup } | Reply {
  const contact = findContact(ctx, contactId);
  if (isReply(contact)) return contact;
  const group = findGroup(ctx, groupId, orCode);
  if (isReply(group)) return group;
  return { contact, group };
}

export function membershipOut(
  ctx: EngineContext,
  pair: { contact: SandboxContact; group: SandboxGroup },
): Reply {
  return ok({ Contact: contactOut(ctx, pair.contact), Group: groupOut(ctx, pair.group) });
}

/** Makes the contact a member of the group (no change when it already is). */
export function addMember(ctx: EngineContext, contactId: string, groupId: string): Reply {
  const pair = membership(ctx, contactId, groupId, false);
  if (isReply(pair)) return pair;
  if (!isMember(ctx, contactId, pair.group.GroupID)) {
    ctx.state.memberships.push({ ContactID: contactId, GroupID: pair.group.GroupID });
  }
  return membershipOut(ctx, pair);
}

export function memberDetail(
  ctx: EngineContext,
  contactId: string,
  groupId: string,
  orCode = false,
): Reply {
  const pair = membership(ctx, contactId, groupId, orCode);
  if (isReply(pair)) return pair;
  if (!isMember(ctx, contactId, pair.group.GroupID)) {
    return notFound("membership", `${contactId} in ${groupId}`);
  }
  return membershipOut(ctx, pair);
}

export function removeMember(ctx: EngineContext, contactId: string, groupId: string): Reply {
  const pair = membership(ctx, contactId, groupId, false);
  if (isReply(pair)) return pair;
  if (!isMember(ctx, contactId, pair.group.GroupID)) {
    return notFound("membership", `${contactId} in ${groupId}`);
  }
  removeMemberships(ctx, (m) => m.ContactID === contactId && m.GroupID === pair.group.GroupID);
  return membershipOut(ctx, pair);
}

/** The groups of a contact. */
export function contactGroups(ctx: EngineContext, contactId: string, query: PagingQuery): Reply {
  const contact = findContact(ctx, contactId);
  if (isReply(contact)) return contact;
  const groups = ctx.state.memberships
    .filter((m) => m.ContactID === contactId)
    .map((m) => ctx.state.groups.get(m.GroupID))
    .filter((g): g is SandboxGroup => g !== undefined);
  const page = reports.pageOf(groups, query, "notFound");
  if (isReply(page)) return page;
  return ok({
    ...page.paging,
    Contact: contactOut(ctx, contact),
    Groups: page.items.map((g) => groupOut(ctx, g)),
  });
}

/** The contacts of a group. */
export function groupContacts(ctx: EngineContext, groupId: string, query: PagingQuery): Reply {
  const group = findGroup(ctx, groupId);
  if (isReply(group)) return group;
  const contacts = ctx.state.memberships
    .filter((m) => m.GroupID === groupId)
    .map((m) => ctx.state.contacts.get(m.ContactID))
    .filter((c): c is SandboxContact => c !== undefined);
  const page = reports.pageOf(contacts, query, "notFound");
  if (isReply(page)) return page;
  return ok({
    ...page.paging,
    Group: groupOut(ctx, group),
    Contacts: page.items.map((c) => contactOut(ctx, c)),
  });
}
