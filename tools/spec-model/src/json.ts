// JSON values as parsed from the spec, and JSON pointers (RFC 6901) into them.

/** A JSON value as parsed from the spec. */
export type Json = null | boolean | number | string | Json[] | JsonObject;
/** A JSON object from the spec (a schema, an operation, a parameter …). */
export interface JsonObject {
  [key: string]: Json;
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Escapes one reference token of a JSON pointer. */
export function escapePointerToken(token: string | number): string {
  return String(token).replaceAll("~", "~0").replaceAll("/", "~1");
}

export function unescapePointerToken(token: string): string {
  return token.replaceAll("~1", "/").replaceAll("~0", "~");
}

/** `#/a/b~1c` → ["a", "b/c"] */
export function pointerToPath(pointer: string): string[] {
  if (pointer === "#" || pointer === "#/") return [];
  if (!pointer.startsWith("#/")) throw new Error(`not a local JSON pointer: ${pointer}`);
  return pointer
    .slice(2)
    .split("/")
    .map((part) => unescapePointerToken(decodeURIComponent(part)));
}

/** ["a", "b/c"] → `#/a/b~1c` */
export function pathToPointer(path: readonly (string | number)[]): string {
  return `#${path.map((part) => `/${escapePointerToken(part)}`).join("")}`;
}

/** Builds a JSON pointer (`/a/b~1c`) from a base pointer and further raw tokens. */
export function pointer(base: string, ...tokens: (string | number)[]): string {
  return base + tokens.map((token) => `/${escapePointerToken(token)}`).join("");
}

/** Evaluates a JSON pointer (without the leading `#`) against a document. */
export function getAtPointer(doc: Json, jsonPointer: string): Json | undefined {
  if (jsonPointer === "") return doc;
  if (!jsonPointer.startsWith("/")) {
    throw new Error(`not a JSON pointer: ${JSON.stringify(jsonPointer)}`);
  }
  let current: Json | undefined = doc;
  for (const raw of jsonPointer.slice(1).split("/")) {
    const token = unescapePointerToken(raw);
    if (Array.isArray(current)) {
      if (!/^(0|[1-9][0-9]*)$/.test(token)) return undefined;
      current = current[Number(token)];
    } else if (isObject(current)) {
      current = Object.hasOwn(current, token) ? current[token] : undefined;
    } else {
      return undefined;
    }
    if (current === undefined) return undefined;
  }
  return current;
}
