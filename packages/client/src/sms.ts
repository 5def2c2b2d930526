// What `BestSMS` does to a send before it is validated, and `messaging.sms.estimate`: national
// numbers to E.164, each destination once, the message's length in segments. Kept out of
// `BestSMSCore`, so a Worker that sends with the core alone does not carry it.
import {
  type CountryCode,
  type Gsm7Change,
  smsSegments,
  toE164,
  toGsm7,
} from "@bestsms/validation";
import { ValidationError } from "./errors.js";
import {
  type MessagingSmsSendMessageInput,
  messagingSmsSendMessageSpec,
} from "./generated/operations.gen.js";
import type { ClientState } from "./internal/state.js";
import { toWireRequest } from "./internal/wire.js";
import { checkNumber } from "./options.js";

/** What `client.messaging.sms.estimate(input)` says about a send, without sending it. */
export interface SmsEstimate {
  /** Segments each recipient's message is sent (and billed) as. */
  readonly segments: number;
  /** `GSM-7`, or `UCS-2` when a character is outside the GSM alphabet. */
  readonly encoding: "GSM-7" | "UCS-2";
  /** Characters (Unicode code points) of the text. */
  readonly characters: number;
  /**
   * What `ForceGSMChars: true` would replace to send as GSM-7 (`’` → `'`, an emoji → `?`);
   * empty when the text is GSM-7 already.
   */
  readonly replaced: readonly Gsm7Change[];
  /** Destinations after numbers are normalised and duplicates removed. */
  readonly recipients: number;
}

/** What the client adds to `messaging.sms` of the generated resource tree. */
export interface SmsExtras {
  /**
   * Segments, encoding and recipients of a send, worked out locally (no request): what the
   * message will cost before it is sent.
   *
   * @example
   * ```ts
   * const { segments, recipients } = client.messaging.sms.estimate({ MessageText: "Hi", Recipients: "+61421111111" });
   * ```
   */
  estimate(input: MessagingSmsSendMessageInput): SmsEstimate;
}

type Wire = Record<string, unknown>;

/** The same destination twice: the same number, contact or group. */
function keyOf(destination: unknown): string {
  const d = destination as Wire | null;
  for (const field of ["Recipient", "ContactID", "GroupID", "GroupCode"]) {
    if (typeof d?.[field] === "string") return `${field}:${d[field]}`;
  }
  return JSON.stringify(destination);
}

/** Normalises national numbers to E.164 (with the client's `defaultCountry`). */
function normalise(state: ClientState, list: unknown[]): void {
  const defaultCountry = state.send?.defaultCountry as CountryCode | undefined;
  if (defaultCountry === undefined) return;
  const options = { defaultCountry };
  for (const item of list) {
    const d = item as Wire;
    // `+61 421 000 003` too: toE164 takes out what separates the digits.
    if (typeof d?.Recipient === "string") {
      try {
        d.Recipient = toE164(d.Recipient, options);
      } catch {
        // Left as given: the validator names the field and says how to fix it.
      }
    }
  }
}

/** Removes duplicate destinations, the first of each kept; returns how many went. */
function dedupe(list: unknown[]): number {
  const seen = new Set<string>();
  const before = list.length;
  for (let i = 0; i < list.length; ) {
    const key = keyOf(list[i]);
    if (seen.has(key)) list.splice(i, 1);
    else {
      seen.add(key);
      i++;
    }
  }
  return before - list.length;
}

/** `BestSMS`'s work on a send before validation (see {@link ClientState.prepare}). */
export function prepareSend(
  state: ClientState,
  operationId: string,
  body: Wire,
  perCall: number | undefined,
): (() => void) | undefined {
  if (operationId !== messagingSmsSendMessageSpec.id) return;
  checkNumber("maxSegments", perCall, 1);
  const maxSegments = perCall ?? state.send?.maxSegments ?? 10;
  const list = Array.isArray(body.Destinations) ? body.Destinations : [];
  normalise(state, list);
  const text = typeof body.Message === "string" ? body.Message : "";
  const counted = smsSegments(body.CharacterConversion === true ? toGsm7(text).text : text);
  if (counted.segments > maxSegments) {
    throw new ValidationError(operationId, [
      {
        message: `MessageText: ${counted.segments} segments (${counted.characters} characters, ${counted.encoding}), more than maxSegments ${maxSegments}; shorten it, or raise maxSegments for this call`,
        path: ["MessageText"],
        rule: "maxSegments",
        limit: maxSegments,
      },
    ]);
  }
  // Once the input is valid: removed before, they would shift the positions issues name.
  return () => {
    const removed = state.send?.dedupeRecipients === false ? 0 : dedupe(list);
    if (removed > 0) {
      state.http.logger?.warn?.("bestsms duplicate recipients removed", {
        operationId,
        removed,
        hint: "each destination is billed; pass dedupeRecipients: false to keep them",
      });
    }
  };
}

/** `client.messaging.sms.estimate`. */
export function estimateSend(state: ClientState, input: MessagingSmsSendMessageInput): SmsEstimate {
  const { inner } = toWireRequest(messagingSmsSendMessageSpec, input, () => "");
  const body = inner ?? {};
  const recipients = Array.isArray(body.Destinations) ? body.Destinations : [];
  normalise(state, recipients);
  if (state.send?.dedupeRecipients !== false) dedupe(recipients);
  const text = typeof body.Message === "string" ? body.Message : "";
  const gsm = toGsm7(text);
  const counted = smsSegments(body.CharacterConversion === true ? gsm.text : text);
  return {
    segments: counted.segments,
    encoding: counted.encoding,
    characters: counted.characters,
    replaced: gsm.changed,
    recipients: recipients.length,
  };
}
