/** The engine's shared context, and the times and numbers it makes. */
import { DueQueue } from "../due-queue.js";
import {
  findZone,
  knownZones,
  localText,
  parseLocal,
  rfc3339,
  utcText,
  type Zone,
} from "../time.js";
import type { WebhookQueue } from "../webhooks.js";
import type { EngineSettings, SandboxMessage, SandboxState } from "./model.js";

/**
 * What every part of the engine works on: the settings, the records, the webhook queue and the
 * queue of due message events. One object, passed first to every engine function.
 */
export interface EngineContext {
  readonly settings: EngineSettings;
  readonly webhooks: WebhookQueue;
  readonly state: SandboxState;
  /** When each Delayed message is to be sent and each Pending one completes. */
  readonly due: DueQueue<SandboxMessage>;
  /** The counter ReceivedIDs and carrier numbers are made from. */
  sequence: number;
}

/** A context with no records. */
export function createContext(settings: EngineSettings, webhooks: WebhookQueue): EngineContext {
  return {
    settings,
    webhooks,
    state: { messages: [], contacts: new Map(), groups: new Map(), memberships: [], received: [] },
    due: new DueQueue<SandboxMessage>(),
    sequence: 2_820_000,
  };
}

// Times and numbers, in the sandbox's settings.

/** Local time in the sandbox's zone, or in `offsetMinutes` when given. */
export function local(
  ctx: EngineContext,
  ms: number | undefined,
  offsetMinutes: number = ctx.settings.utcOffsetMinutes,
): string {
  return ms === undefined ? "" : localText(ms, offsetMinutes);
}

export function utc(ms: number | undefined): string {
  return ms === undefined ? "" : utcText(ms);
}

export function rfc(ms: number | undefined): string {
  return ms === undefined ? "" : rfc3339(ms);
}

/** A local time read in the sandbox's zone, or in `offsetMinutes` when given. */
export function parseLocalTime(
  ctx: EngineContext,
  text: string,
  offsetMinutes: number = ctx.settings.utcOffsetMinutes,
): number | undefined {
  return parseLocal(text, offsetMinutes);
}

/** The sandbox's own zone (the `timeZone` and `utcOffsetMinutes` options). */
export function ownZone(ctx: EngineContext): Zone {
  return { name: ctx.settings.timeZone, utcOffsetMinutes: ctx.settings.utcOffsetMinutes };
}

/** The zone a `TimeZone` names, or undefined when the sandbox does not know it. */
export function zone(ctx: EngineContext, name: string): Zone | undefined {
  return findZone(name, ownZone(ctx));
}

/** The names of the zones the sandbox knows, for error messages. */
export function zoneNames(ctx: EngineContext): string[] {
  return knownZones(ownZone(ctx)).map((z) => z.name);
}

/**
 * The offset of a message's local times: its `Timezone`'s, or the sandbox's when it names no
 * known zone (a message kept by an older sandbox).
 */
export function messageOffset(ctx: EngineContext, message: SandboxMessage): number {
  return zone(ctx, message.Timezone)?.utcOffsetMinutes ?? ctx.settings.utcOffsetMinutes;
}

export function nextNumber(ctx: EngineContext): string {
  ctx.sequence += 1;
  return String(ctx.sequence);
}

export function jobNumber(ctx: EngineContext): string {
  return ctx.settings.newId().replace(/-/g, "").slice(0, 8).toUpperCase();
}
