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
  if (destination === null || typeof destination !== "object") return JSON.stringify(destination);
  const d = destination as Wire;
  for (const field of ["Recipient", "ContactID", "GroupID", "GroupCode"]) {
    if (typeof d[field] === "string") return `${field}:${d[field]}`;
  }
  return JSON.stringify(destination);
}

/** Normalises national numbers and removes duplicate destinations; returns how many went. */
function tidyDestinations(state: ClientState, body: Wire, dedupe: boolean): number {
  const list = body.Destinations;
  if (!Array.isArray(list)) return 0;
  if (state.defaultCountry !== undefined) {
    const options = { defaultCountry: state.defaultCountry as CountryCode };
    for (const item of list) {
      const d = item as Wire;
      if (typeof d?.Recipient === "string" && !d.Recipient.trim().startsWith("+")) {
        try {
          d.Recipient = toE164(d.Recipient, options);
        } catch {
          // Left as given: the validator names the field and says how to fix it.
        }
      }
    }
  }
  if (!dedupe) return 0;
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

function measure(body: Wire): ReturnType<typeof smsSegments> {
  return smsSegments(typeof body.Message === "string" ? body.Message : "");
}

/** `BestSMS`'s work on a send before validation (see {@link ClientState.prepare}). */
export function prepareSend(
  state: ClientState,
  operationId: string,
  body: Wire,
  maxSegments: number,
): void {
  if (operationId !== messagingSmsSendMessageSpec.id) return;
  const removed = tidyDestinations(state, body, state.dedupeRecipients);
  if (removed > 0) {
    state.http.logger?.warn?.("bestsms duplicate recipients removed", {
      operationId,
      removed,
      hint: "each destination is billed; pass dedupeRecipients: false to keep them",
    });
  }
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
}

/** `client.messaging.sms.estimate`. */
export function estimateSend(state: ClientState, input: MessagingSmsSendMessageInput): SmsEstimate {
  const { inner } = toWireRequest(messagingSmsSendMessageSpec, input, () => "");
  const body = inner ?? {};
  const recipients = Array.isArray(body.Destinations) ? body.Destinations : [];
  tidyDestinations(state, body, state.dedupeRecipients);
  const text = typeof body.Message === "string" ? body.Message : "";
  const forced = body.CharacterConversion === true;
  const gsm = toGsm7(text);
  const counted = measure(forced ? { Message: gsm.text } : body);
  return {
    segments: counted.segments,
    encoding: counted.encoding,
    characters: counted.characters,
    replaced: gsm.changed,
    recipients: recipients.length,
  };
}
