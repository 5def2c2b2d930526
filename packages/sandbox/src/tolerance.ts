/**
 * What the live service tolerates, and the sandbox with it: the `/api/v2.04` prefix, literal path
 * segments in any case, a trailing `/`, query names in any case, and request body fields it does
 * not know (ignored, reported in a warning). Web-standard code only.
 */
import { formatPath, type ValidationIssue } from "@bestsms/validation";

/** The path of the API under the service's origin; the root paths are an alias. */
export const API_BASE_PATH = "/api/v2.04";

const PREFIX = /^\/api\/v2\.04(?=\/|$)/i;

interface Template {
  /** A literal segment, or `undefined` for a `{Parameter}`. */
  readonly segments: readonly (string | undefined)[];
}

/**
 * Makes the function that maps a request's path to the spec's: without the `/api/v2.04` prefix
 * and trailing slashes, and with every literal segment spelt as in the spec. Parameter values
 * keep their case. The first template whose literal segments all match wins, so the templates
 * come literal segments first (`/contact/list` before `/contact/{ContactID}`), as `routes` are.
 */
export function pathNormaliser(paths: readonly string[]): (path: string) => string {
  const templates: Template[] = paths.map((path) => ({
    segments: path
      .split("/")
      .slice(1)
      .map((segment) => (/^\{\w+\}$/.test(segment) ? undefined : segment)),
  }));
  return (path) => {
    let rest = path.replace(PREFIX, "").replace(/\/+$/, "");
    if (rest === "") return "/";
    if (!rest.startsWith("/")) rest = `/${rest}`;
    const segments = rest.split("/").slice(1);
    for (const template of templates) {
      if (template.segments.length !== segments.length) continue;
      const matches = template.segments.every(
        (literal, i) =>
          literal === undefined || literal.toLowerCase() === segments[i]?.toLowerCase(),
      );
      if (!matches) continue;
      return `/${template.segments.map((literal, i) => literal ?? segments[i] ?? "").join("/")}`;
    }
    return rest;
  };
}

/** The query parameters an operation knows, found by name in any case, and the unknown names. */
export function readQuery(
  search: URLSearchParams,
  names: readonly string[],
): { readonly values: ReadonlyMap<string, string>; readonly unknown: readonly string[] } {
  const values = new Map<string, string>();
  const byLowerName = new Map(names.map((name) => [name.toLowerCase(), name]));
  const unknown = new Set<string>();
  // The wire's own spelling wins over another case of the same name.
  for (const name of names) {
    const value = search.get(name);
    if (value !== null) values.set(name, value);
  }
  for (const [given, value] of search) {
    const name = byLowerName.get(given.toLowerCase());
    if (name === undefined) unknown.add(given);
    else if (!values.has(name)) values.set(name, value);
  }
  return { values, unknown: [...unknown] };
}

type Path = readonly (string | number)[];

function valueAt(root: unknown, path: Path): unknown {
  let node = root;
  for (const key of path) {
    if (typeof node !== "object" || node === null || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function startsWith(path: Path, prefix: Path): boolean {
  return path.length >= prefix.length && prefix.every((key, i) => path[i] === key);
}

/**
 * Whether a field reported as not known is known to no form of its object. A `oneOf` (a
 * destination: a number, a contact or a group) reports a field of another form as not known
 * (`{ Recipient, GroupID }`); such a field is not ignored, so the body is refused as before.
 * The probe: the object holding only that field has a problem of its own.
 */
function unknownToEveryForm(
  body: unknown,
  path: Path,
  validate: (value: unknown) => readonly ValidationIssue[],
): boolean {
  const parentPath = path.slice(0, -1);
  const name = path.at(-1);
  const parent = valueAt(body, parentPath);
  if (typeof name !== "string" || !isPlainObject(parent) || !Object.hasOwn(parent, name)) {
    return false;
  }
  const alone = Object.fromEntries([[name, parent[name]]]);
  const key = parentPath.at(-1);
  if (key === undefined) return validate(alone).length > 0;
  // The object is swapped for the probe in place, and back, around one synchronous validation.
  const holder = valueAt(body, parentPath.slice(0, -1)) as Record<string | number, unknown>;
  holder[key] = alone;
  try {
    return validate(body).some((issue) => startsWith(issue.path, parentPath));
  } finally {
    holder[key] = parent;
  }
}

/** The issues left after leaving out unknown fields, and the fields left out. */
export interface LenientResult {
  /** What is still wrong with the body once its unknown fields are gone. */
  readonly issues: readonly ValidationIssue[];
  /** The fields left out, as paths (`MessageData.Files`, `Destinations[0].Foo`). */
  readonly ignored: readonly string[];
}

/**
 * Validates `body`; when `lenient`, every field no form of its object knows (an
 * `additionalProperties` issue) is deleted from `body` and the rest validated again, until no
 * such field is left (a field left out can make another form of a `oneOf` the closest one).
 * `body` is changed in place, so pass a value of your own (a parsed request body).
 */
export function validateLeniently(
  body: unknown,
  validate: (value: unknown) => readonly ValidationIssue[],
  lenient: boolean,
): LenientResult {
  const ignored: string[] = [];
  for (let round = 0; ; round++) {
    const issues = validate(body);
    const unknown = lenient
      ? issues.filter(
          (issue) =>
            issue.rule === "additionalProperties" && unknownToEveryForm(body, issue.path, validate),
        )
      : [];
    // A bound on the rounds, should a schema keep reporting new fields.
    if (unknown.length === 0 || round >= 8) return { issues, ignored };
    for (const issue of unknown) {
      const parent = valueAt(body, issue.path.slice(0, -1));
      const name = issue.path.at(-1);
      if (isPlainObject(parent) && typeof name === "string" && Object.hasOwn(parent, name)) {
        delete parent[name];
        ignored.push(formatPath(issue.path));
      }
    }
  }
}

const MAX_NAMES = 10;
const MAX_NAME_LENGTH = 60;

/** Names for a header or a log line: at most ten, each cut to 60 characters, made safe. */
export function describeNames(names: readonly string[], secret: string): string {
  const shown = names.slice(0, MAX_NAMES).map((name) => {
    // Made safe before it is cut, so a cut never leaves part of the token.
    const safe = safeText(name, secret);
    return safe.length > MAX_NAME_LENGTH ? `${safe.slice(0, MAX_NAME_LENGTH - 3)}...` : safe;
  });
  const more = names.length - shown.length;
  return more > 0 ? `${shown.join(", ")} and ${more} more` : shown.join(", ");
}

/**
 * Printable ASCII only (anything else as `\uXXXX`), the token replaced by `[token]`. A token
 * shorter than 8 characters is not looked for: it would match inside ordinary names (a token `t`
 * is in `EditPublid`) and tells nothing there.
 */
export function safeText(text: string, secret: string): string {
  const hidden = secret.length >= 8 ? text.split(secret).join("[token]") : text;
  return hidden.replace(
    /[^\x20-\x7e]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}
