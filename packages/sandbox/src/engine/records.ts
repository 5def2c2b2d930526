/** The records as a whole: reset, copy out, restore. */

import type { EngineContext } from "./context.js";
import * as lifecycle from "./lifecycle.js";
import type { SandboxRecords } from "./model.js";

/** The sandbox's current time (ms since the epoch). */
export function now(ctx: EngineContext): number {
  return ctx.settings.clock.now();
}

/** Forgets every record (the arrays and maps are emptied in place). */
export function reset(ctx: EngineContext): void {
  ctx.state.messages.length = 0;
  ctx.state.contacts.clear();
  ctx.state.groups.clear();
  ctx.state.memberships.length = 0;
  ctx.state.received.length = 0;
  // Forgotten messages have no events left.
  ctx.due.clear();
}

/** The records as plain data (a deep copy). */
export function records(ctx: EngineContext): SandboxRecords {
  return structuredClone({
    messages: ctx.state.messages,
    contacts: [...ctx.state.contacts.values()],
    groups: [...ctx.state.groups.values()],
    memberships: ctx.state.memberships,
    received: ctx.state.received,
    sequence: ctx.sequence,
  });
}

/** Replaces every record with these (copied), and puts the messages' next events in the queue. */
export function restore(ctx: EngineContext, records: SandboxRecords): void {
  const copy = structuredClone(records);
  reset(ctx);
  ctx.state.messages.push(...copy.messages);
  for (const contact of copy.contacts) ctx.state.contacts.set(contact.ContactID, contact);
  for (const group of copy.groups) ctx.state.groups.set(group.GroupID, group);
  ctx.state.memberships.push(...copy.memberships);
  ctx.state.received.push(...copy.received);
  ctx.sequence = copy.sequence;
  for (const message of ctx.state.messages) lifecycle.schedule(ctx, message);
}
