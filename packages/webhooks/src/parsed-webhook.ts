import type { ReceivedWebhook, StatusWebhook } from "./generated/webhooks.gen.js";

/** The wire format a webhook came in. */
export type WebhookFormat = "json" | "xml";

/**
 * Values derived from the raw strings where they are unambiguous. A value that is empty or does
 * not parse is left out; the raw string stays in `payload` either way.
 */
export interface ParsedValues {
  /** `Price` as a number (`"0.20"` → `0.2`). */
  price?: number;
  /** `Detail` split into its parts (`"SMSParts:2"` → `{ SMSParts: 2 }`). */
  detail?: Record<string, number | string>;
  /** From `SentTimeUTC-RFC3339`, else `SentTimeUTC-ISO8601`; never from the local times. */
  sentAt?: Date;
}

/** What every parsed webhook carries besides its kind and payload. */
interface ParsedEnvelope {
  /** Derived values, kept apart so `payload` stays exactly what was sent. */
  parsed: ParsedValues;
  /** Whether the body was JSON or XML. */
  format: WebhookFormat;
}

/** A status report (`Type: SMS`). */
export interface ParsedStatusWebhook extends ParsedEnvelope {
  /** `"status"`: the spec's `webhookKinds` maps this `Type` to `StatusWebhook`. */
  kind: "status";
  /** The fields as sent, every value a string. */
  payload: StatusWebhook;
}

/** A received SMS (`Type: SMSReply` or `SMSInbound`). */
export interface ParsedReceivedWebhook extends ParsedEnvelope {
  /** `"received"`: the spec's `webhookKinds` maps this `Type` to `ReceivedWebhook`. */
  kind: "received";
  /** The fields as sent, every value a string. */
  payload: ReceivedWebhook;
}

/** A webhook whose `Type` the spec does not name (only with `acceptUnknownType` or `onUnknown`). */
export interface UnknownWebhook extends ParsedEnvelope {
  /** `"unknown"`: the spec's `webhookKinds` has no entry for this `Type`. */
  kind: "unknown";
  /** The fields as sent, every value a string. */
  payload: {
    /** The `Type` as sent: never empty, and not one the spec names. */
    Type: string;
    [field: string]: unknown;
  };
}

/**
 * A parsed webhook. `kind` follows from `Type` through the spec's `webhookKinds`, so switching
 * on it narrows `payload` to the generated type.
 *
 * @example
 * const webhook = parseWebhook(body, { contentType });
 * if (webhook.kind === "status") console.log(webhook.payload.Status, webhook.parsed.price);
 */
export type ParsedWebhook = ParsedStatusWebhook | ParsedReceivedWebhook;
