import type { RawError } from "./raw-validate.js";
import { ucs2length } from "./ucs2length.js";

/** One problem with a value: where, which rule, the limit, and a sentence saying so. */
export interface ValidationIssue {
  /** `"Reference: at most 80 characters, got 93"` */
  readonly message: string;
  /** Where the problem is: property names and array indices from the root. */
  readonly path: readonly (string | number)[];
  /** The JSON Schema keyword that failed (`maxLength`, `required`, `pattern` …). */
  readonly rule: string;
  /** The keyword's limit (80 for `maxLength: 80`), when it has one. */
  readonly limit?: unknown;
}

const FORMAT_NAMES: Record<string, string> = {
  email: "an email address",
  uri: "a URI",
  "date-time": "an RFC 3339 time",
  date: "a YYYY-MM-DD date",
};

/** `/a/0/b~1c` → ["a", 0, "b/c"] */
export function parsePointer(pointer: string): (string | number)[] {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((part) => {
      const key = part.replaceAll("~1", "/").replaceAll("~0", "~");
      return /^(0|[1-9]\d*)$/.test(key) ? Number(key) : key;
    });
}

/** ["MessageData", "Destinations", 2, "Recipient"] → `MessageData.Destinations[2].Recipient` */
export function formatPath(path: readonly (string | number)[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(part)) out += out ? `.${part}` : part;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out || "value";
}

function valueAt(root: unknown, path: readonly (string | number)[]): unknown {
  let node = root;
  for (const key of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = Object.hasOwn(node, key) ? (node as Record<string | number, unknown>)[key] : undefined;
  }
  return node;
}

function typeName(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "nothing";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "number" && Number.isInteger(value)) return "an integer";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/** A short rendering of a value for a message; never throws (BigInt, cycles, toJSON …). */
function show(value: unknown): string {
  let text: string;
  try {
    text = typeof value === "bigint" ? `${value}n` : String(JSON.stringify(value));
  } catch {
    text = typeName(value);
  }
  return text.length > 48 ? `${text.slice(0, 45)}...` : text;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

const BOUNDS: Record<string, string> = {
  minimum: "at least",
  exclusiveMinimum: "more than",
  maximum: "at most",
  exclusiveMaximum: "less than",
};

function describe(error: RawError, value: unknown): { text: string; limit?: unknown } {
  const p = error.params;
  const k = error.keyword;
  const n = Number(p.limit);
  // For the size rules: characters, items or fields, and how many there were.
  const size = (unit: string, got: unknown): string =>
    `${k.startsWith("max") ? "at most" : "at least"} ${plural(n, unit)}, got ${String(got)}`;
  const text = (() => {
    switch (k) {
      case "required":
        return "required";
      case "additionalProperties":
        return "not a known field";
      case "type":
        return `must be ${String(p.type)
          .split(",")
          .map((t) => (/^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`))
          .join(" or ")}, got ${typeName(value)}`;
      case "minLength":
        if (n === 1) return "must not be empty";
        return size("character", typeof value === "string" ? ucs2length(value) : "?");
      case "maxLength":
        return size("character", typeof value === "string" ? ucs2length(value) : "?");
      case "minItems":
      case "maxItems":
        return size("item", Array.isArray(value) ? value.length : "?");
      case "minProperties":
      case "maxProperties":
        return `give ${k.startsWith("max") ? "at most" : "at least"} ${plural(n, "field")}`;
      case "pattern":
        return `must match ${String(p.pattern)}, got ${show(value)}`;
      case "format":
        return `must be ${FORMAT_NAMES[String(p.format)] ?? `in format ${String(p.format)}`}, got ${show(value)}`;
      case "enum":
        return `must be one of ${(p.allowedValues as unknown[]).map(show).join(", ")}, got ${show(value)}`;
      case "const":
        return `must be ${show(p.allowedValue)}, got ${show(value)}`;
      case "dependentRequired":
        return `required when ${String(p.property)} is given`;
      case "false schema":
        return "not allowed in this combination";
      default:
        return k in BOUNDS
          ? `${BOUNDS[k]} ${String(p.limit)}, got ${show(value)}`
          : `fails the ${k} rule`;
    }
  })();
  const limit =
    p.limit ?? p.pattern ?? p.format ?? p.allowedValues ?? p.allowedValue ?? p.property ?? p.type;
  return limit === undefined ? { text } : { text, limit };
}

const SHAPE_KEYWORDS = new Set(["required", "additionalProperties", "type"]);

function under(path: string, base: string): boolean {
  return path === base || path.startsWith(`${base}/`);
}

/**
 * Sentences for a validator's errors. A failed `oneOf` (a destination that is a number, a
 * contact or a group) is reported through the one form whose fields failed, not as a list of
 * every form's mismatch; when no form comes close, as one issue naming what each form needs.
 */
export function toIssues(errors: readonly RawError[], data: unknown): ValidationIssue[] {
  const kept: RawError[] = [];
  const notes = new Map<RawError, string>();
  for (const error of errors) {
    // An if/then says only "the branch failed"; the branch's own errors say what.
    if (error.keyword === "if") continue;
    if (error.keyword !== "oneOf" && error.keyword !== "anyOf") {
      kept.push(error);
      continue;
    }
    // The errors of the branches come right before the oneOf's own, under its instancePath.
    let start = kept.length;
    while (start > 0 && under((kept[start - 1] as RawError).instancePath, error.instancePath))
      start--;
    const block = kept.splice(start);
    const deep = block.filter((e) => e.instancePath !== error.instancePath);
    const shapeOnly = block.every((e) => deep.includes(e) || SHAPE_KEYWORDS.has(e.keyword));
    if (Array.isArray(error.params.passingSchemas)) {
      kept.push(error);
      notes.set(error, "matches more than one of the allowed forms");
    } else if (deep.length > 0 && shapeOnly) {
      kept.push(...deep);
    } else if (block.length > 0 && block.every((e) => e.keyword === "type")) {
      kept.push(block[0] as RawError);
    } else {
      const needs = new Set(
        block.filter((e) => e.keyword === "required").map((e) => e.params.missingProperty),
      );
      kept.push(error);
      notes.set(
        error,
        needs.size > 0
          ? `needs one of ${[...needs].join(", ")}`
          : "matches none of the allowed forms",
      );
    }
  }
  return kept.map((error) => {
    const base = parsePointer(error.instancePath);
    const extra =
      error.keyword === "required" || error.keyword === "dependentRequired"
        ? error.params.missingProperty
        : error.keyword === "additionalProperties"
          ? error.params.additionalProperty
          : undefined;
    const path = extra === undefined ? base : [...base, String(extra)];
    const note = notes.get(error);
    const { text, limit } =
      note === undefined ? describe(error, valueAt(data, base)) : { text: note };
    const issue: ValidationIssue = {
      message: `${formatPath(path)}: ${text}`,
      path,
      rule: error.keyword,
    };
    return limit === undefined ? issue : { ...issue, limit };
  });
}
