import { webhookKinds } from "../generated/webhooks.gen.js";
import type { ParsedWebhook, UnknownWebhook, WebhookFormat } from "../parsed-webhook.js";
import { WebhookParseError } from "../webhook-parse-error.js";
import type { WebhookXmlParser } from "../webhook-xml-parser.js";
import { sniffFormat } from "./content-type.js";
import { decodeBody } from "./decode-body.js";
import { toFields } from "./fields.js";
import { jsonEntries } from "./json-entries.js";
import { parsedValues } from "./parsed-values.js";
import { refuseDoctype } from "./xml-guard.js";

/**
 * Parses a body whose Content-Type was already found acceptable (`format`, or none to sniff).
 * Unknown `Type`s come back as `kind: "unknown"`: callers decide whether to refuse them.
 */
export function parseBody(
  body: unknown,
  format: WebhookFormat | null | undefined,
  maxBytes: number,
  xml: WebhookXmlParser | undefined,
): ParsedWebhook | UnknownWebhook {
  const text = decodeBody(body, maxBytes);
  if (!text.trim()) throw new WebhookParseError("empty_body");
  const actual = format ?? sniffFormat(text);
  let fields: Record<string, string>;
  if (actual === "json") fields = toFields(jsonEntries(text), false);
  else if (xml) {
    refuseDoctype(text); // here too, whatever parser was passed
    fields = toFields(xml(text), true);
  } else throw new WebhookParseError("unsupported_content_type");

  const type = fields.Type;
  if (!type) throw new WebhookParseError("missing_type");
  // `Object.hasOwn`: a Type such as "constructor" must not find Object.prototype's members.
  const known = Object.hasOwn(webhookKinds, type) ? webhookKinds[type] : undefined;
  const kind = known === "StatusWebhook" ? "status" : known ? "received" : "unknown";
  // Every field is a string and `Type` matches `kind`, so the payload is of the generated type.
  return { kind, payload: fields, parsed: parsedValues(fields), format: actual } as
    | ParsedWebhook
    | UnknownWebhook;
}
