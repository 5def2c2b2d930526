/** The engine's shared context, and the times and numbers it makes. */
import { DueQueue } from "../due-queue.js";
import { localText, parseLocal, rfc3339, utcText } from "../time.js";
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

export function local(ctx: EngineContext, ms: number | undefined): string {
  return ms === undefined ? "" : localText(ms, ctx.settings.utcOffsetMinutes);
}

export function utc(ms: number | undefined): string {
  return ms === undefined ? "" : utcText(ms);
}

export function rfc(ms: number | undefined): string {
  return ms === undefined ? "" : rfc3339(ms);
}

export function parseLocalTime(ctx: EngineContext, text: string): number | undefined {
  return parseLocal(text, ctx.settings.utcOffsetMinutes);
}

export function nextNumber(ctx: EngineContext): string {
  ctx.sequence += 1;
  return String(ctx.sequence);
}

export function jobNumber(ctx: EngineContext): string {
  return ctx.settings.newId().replace(/-/g, "").slice(0, 8).toUpperCase();
}
