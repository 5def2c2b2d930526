import { WebhookParseError } from "../webhook-parse-error.js";

/**
 * Keys dropped wherever they appear: assigning them could reach `Object.prototype`, and the
 * service never sends them. Dropping rather than refusing keeps a webhook that carries one
 * (as a string; nested values are refused anyway) from failing on every retry.
 */
export const DROPPED_KEYS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);

/**
 * Builds the payload from name/value pairs. Every value ends up a string, as the spec sends
 * them: JSON numbers and booleans become their JSON text, `null` means absent, and anything
 * nested, or a number beyond 2^53 (whose digits may already be lost), is refused.
 */
export function toFields(
  entries: Iterable<readonly [string, unknown]>,
  refuseDuplicates: boolean,
): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [name, value] of entries) {
    if (DROPPED_KEYS.has(name)) continue;
    // XML can repeat an element; which one counts would be a guess.
    if (refuseDuplicates && Object.hasOwn(fields, name)) {
      throw new WebhookParseError("invalid_field");
    }
    const text = fieldText(value);
    if (text !== undefined) fields[name] = text;
  }
  return fields;
}

function fieldText(value: unknown): string | undefined {
  if (value === null) return undefined;
  // Beyond 2^53 every number is an integer whose digits JSON.parse may already have changed.
  const exact = typeof value === "number" && Math.abs(value) <= Number.MAX_SAFE_INTEGER;
  if (exact || typeof value === "string" || typeof value === "boolean") return String(value);
  throw new WebhookParseError("invalid_field");
}

/** A non-empty string field that is the record's own, never one inherited from a prototype. */
export function ownString(
  record: { readonly [field: string]: unknown } | undefined,
  name: string,
): string | undefined {
  const value = record && Object.hasOwn(record, name) ? record[name] : undefined;
  return typeof value === "string" && value !== "" ? value : undefined;
}
