import type { ParsedValues } from "../parsed-webhook.js";
import { DROPPED_KEYS } from "./fields.js";
import { parseRfc3339 } from "./rfc3339.js";

const DECIMAL = /^-?\d{1,15}(?:\.\d{1,15})?$/;

/** Derives the values that have one meaning only; see {@link ParsedValues}. */
export function parsedValues(fields: Readonly<Record<string, string>>): ParsedValues {
  const parsed: ParsedValues = {};
  const price = fields.Price ?? "";
  if (DECIMAL.test(price)) parsed.price = Number(price);
  const detail = parseDetail(fields.Detail);
  if (detail) parsed.detail = detail;
  const sentAt =
    parseRfc3339(fields["SentTimeUTC-RFC3339"]) ?? parseRfc3339(fields["SentTimeUTC-ISO8601"]);
  if (sentAt !== undefined) parsed.sentAt = new Date(sentAt);
  return parsed;
}

/** `"SMSParts:2"` or `"SMSParts:2,Route:A"`; anything not made of `name:value` parts is ambiguous. */
function parseDetail(detail: string | undefined): Record<string, number | string> | undefined {
  if (!detail?.trim()) return undefined;
  const result: Record<string, number | string> = {};
  for (const part of detail.split(/[,;]/)) {
    const colon = part.indexOf(":");
    const name = part.slice(0, colon).trim();
    const value = part.slice(colon + 1).trim();
    if (colon < 0 || !name) return undefined;
    if (!DROPPED_KEYS.has(name)) result[name] = DECIMAL.test(value) ? Number(value) : value;
  }
  return result;
}
