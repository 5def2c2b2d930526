import { formatOf } from "./internal/content-type.js";
import { DEFAULT_MAX_BYTES } from "./internal/decode-body.js";
import { parseBody } from "./internal/parse-body.js";
import type { ParsedWebhook, UnknownWebhook } from "./parsed-webhook.js";
import { WebhookParseError } from "./webhook-parse-error.js";
import type { WebhookXmlParser } from "./webhook-xml-parser.js";

/** A webhook body as it comes off the wire. */
export type WebhookBody = string | Uint8Array | ArrayBuffer;

/** Options of {@link parseWebhook}. */
export interface ParseWebhookOptions {
  /**
   * The request's Content-Type: `application/json` or `+json`, and with `xml`, `application/xml`,
   * `text/xml` or `+xml`. A charset other than UTF-8 is refused. When absent the body is sniffed.
   */
  contentType?: string | null | undefined;
  /** The largest body taken, in bytes, checked before decoding. Default 256 KiB. */
  maxBytes?: number | undefined;
  /** XML support: `xmlParser` from `@bestsms/webhooks/xml`. Without it XML is unsupported. */
  xml?: WebhookXmlParser | undefined;
}

/**
 * Parses a webhook body, JSON or XML, into the generated payload type plus derived values.
 *
 * The payload keeps every field as sent (unknown ones too) with every value a string: JSON
 * numbers and booleans become strings, `null` means absent, nested values are refused. Keys
 * `__proto__`, `constructor` and `prototype` are dropped. Throws {@link WebhookParseError}
 * and nothing else; an unknown `Type` is refused unless `acceptUnknownType` is set.
 *
 * @example
 * const webhook = parseWebhook(await request.text(), {
 *   contentType: request.headers.get("content-type"),
 * });
 * if (webhook.kind === "received") console.log(webhook.payload.Message);
 */
export function parseWebhook(
  body: WebhookBody,
  options: ParseWebhookOptions & { acceptUnknownType: true },
): ParsedWebhook | UnknownWebhook;
export function parseWebhook(
  body: WebhookBody,
  options?: ParseWebhookOptions & { acceptUnknownType?: false | undefined },
): ParsedWebhook;
export function parseWebhook(
  body: WebhookBody,
  options: ParseWebhookOptions & { acceptUnknownType?: boolean | undefined } = {},
): ParsedWebhook | UnknownWebhook {
  try {
    const format = formatOf(options.contentType, options.xml);
    if (format === undefined) throw new WebhookParseError("unsupported_content_type");
    const webhook = parseBody(body, format, options.maxBytes ?? DEFAULT_MAX_BYTES, options.xml);
    if (webhook.kind === "unknown" && !options.acceptUnknownType) {
      throw new WebhookParseError("unknown_type");
    }
    return webhook;
  } catch (error) {
    if (error instanceof WebhookParseError) throw error;
    // Only reachable through a misbehaving custom `xml` parser or a non-object `options`.
    throw new WebhookParseError("invalid_body");
  }
}
