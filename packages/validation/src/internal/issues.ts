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
  "date-time": "an RFC 3339 date-time",
  date: "a date (YYYY-MM-DD)",
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
  if (Array.isArray(value)) return "an array";
  if (typeof value === "number" && Number.isInteger(value)) return "an integer";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/** A short, safe rendering of a value for a message. */
function show(value: unknown): string {
  const text = typeof value === "string" ? JSON.stringify(value) : String(JSON.stringify(value));
  return text.length > 48 ? `${text.slice(0, 45)}...` : text;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function describe(error: RawError, value: unknown): { text: string; limit?: unknown } {
  const p = error.params;
  switch (error.keyword) {
    case "required":
      return { text: "required" };
    case "additionalProperties":
      return { text: "not a known field" };
    case "type": {
      const want = String(p.type)
        .split(",")
        .map((t) =>
          t === "integer" ? "an integer" : t === "array" || t === "object" ? `an ${t}` : `a ${t}`,
        )
        .join(" or ");
      return { text: `must be ${want}, got ${typeName(value)}`, limit: p.type };
    }
    case "maxLength":
      return {
        text: `at most ${plural(Number(p.limit), "character")}, got ${typeof value === "string" ? ucs2length(value) : "?"}`,
        limit: p.limit,
      };
    case "minLength":
      return Number(p.limit) === 1
        ? { text: "must not be empty", limit: p.limit }
        : {
            text: `at least ${plural(Number(p.limit), "character")}, got ${typeof value === "string" ? ucs2length(value) : "?"}`,
            limit: p.limit,
          };
    case "pattern":
      return { text: `must match ${String(p.pattern)}, got ${show(value)}`, limit: p.pattern };
    case "format":
      return {
        text: `must be ${FORMAT_NAMES[String(p.format)] ?? `in format ${String(p.format)}`}, got ${show(value)}`,
        limit: p.format,
      };
    case "enum": {
      const allowed = Array.isArray(p.allowedValues) ? p.allowedValues : [];
      return {
        text: `must be one of ${allowed.map(show).join(", ")}, got ${show(value)}`,
        limit: allowed,
      };
    }
    case "const":
      return { text: `must be ${show(p.allowedValue)}, got ${show(value)}`, limit: p.allowedValue };
    case "minimum":
    case "exclusiveMinimum":
    case "maximum":
    case "exclusiveMaximum": {
      const word = {
        minimum: "at least",
        exclusiveMinimum: "more than",
        maximum: "at most",
        exclusiveMaximum: "less than",
      }[error.keyword];
      return { text: `${word} ${String(p.limit)}, got ${show(value)}`, limit: p.limit };
    }
    case "minItems":
      return {
        text: `at least ${plural(Number(p.limit), "item")}, got ${Array.isArray(value) ? value.length : "?"}`,
        limit: p.limit,
      };
    case "maxItems":
      return {
        text: `at most ${plural(Number(p.limit), "item")}, got ${Array.isArray(value) ? value.length : "?"}`,
        limit: p.limit,
      };
    case "minProperties":
      return { text: `give at least ${plural(Number(p.limit), "field")}`, limit: p.limit };
    case "maxProperties":
      return { text: `give at most ${plural(Number(p.limit), "field")}`, limit: p.limit };
    case "multipleOf":
      return { text: `must be a multiple of ${String(p.multipleOf)}`, limit: p.multipleOf };
    default:
      return { text: `fails the ${error.keyword} rule` };
  }
}

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
    const shape = block.filter((e) => e.instancePath === error.instancePath);
    if (Array.isArray(error.params.passingSchemas)) {
      kept.push(error);
      notes.set(error, "matches more than one of the allowed forms");
    } else if (
      deep.length > 0 &&
      shape.every((e) => ["required", "additionalProperties", "type"].includes(e.keyword))
    ) {
      kept.push(...deep);
    } else {
      const names = (keyword: string, param: string): string[] => [
        ...new Set(shape.filter((e) => e.keyword === keyword).map((e) => String(e.params[param]))),
      ];
      const needs = names("required", "missingProperty");
      const extras = names("additionalProperties", "additionalProperty");
      const types = names("type", "type");
      const parts = [
        needs.length > 0 ? `needs one of ${needs.join(", ")}` : "",
        extras.length > 0 ? `cannot take ${extras.join(" and ")} together` : "",
      ].filter(Boolean);
      kept.push(error);
      notes.set(
        error,
        parts.length > 0
          ? `matches none of the allowed forms: ${parts.join("; ")}`
          : types.length > 0 && shape.every((e) => e.keyword === "type")
            ? `must be ${types.map((t) => (/^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`)).join(" or ")}`
            : "matches none of the allowed forms",
      );
    }
  }
  return kept.map((error) => {
    const base = parsePointer(error.instancePath);
    const extra =
      error.keyword === "required"
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
