// Following `$ref`s: on a parsed spec (errors name file and line), and on a bare document (for
// checks that change a copy of the spec before reading it).
import { getAtPointer, isObject, type Json, type JsonObject } from "./json.js";
import type { Spec } from "./parse.js";

/** Follows `$ref`s until a schema that is not one. */
export function deref(spec: Spec, schema: JsonObject): JsonObject {
  let current = schema;
  const seen = new Set<string>();
  while (typeof current.$ref === "string") {
    const ref = current.$ref;
    if (seen.has(ref)) throw spec.error(ref, "$ref cycle");
    seen.add(ref);
    const target = spec.resolvePointer(ref);
    if (!isObject(target)) throw spec.error(ref, "$ref does not point to an object");
    current = target;
  }
  return current;
}

/** The component name a `{ $ref: "#/components/schemas/X" }` schema points at. */
export function schemaComponentName(schema: Json | undefined): string | undefined {
  if (!isObject(schema) || typeof schema.$ref !== "string") return undefined;
  return /^#\/components\/schemas\/([^/]+)$/.exec(schema.$ref)?.[1];
}

/** Resolves a local reference such as `#/components/schemas/Status` in a document. */
export function resolveRef(root: JsonObject, ref: string): Json {
  if (!ref.startsWith("#")) {
    throw new Error(`only local references (#/...) are supported, found ${JSON.stringify(ref)}`);
  }
  const target = getAtPointer(root, decodeURIComponent(ref.slice(1)));
  if (target === undefined) {
    throw new Error(`unresolvable reference ${JSON.stringify(ref)}`);
  }
  return target;
}

/**
 * Follows `$ref` chains (Reference Objects) in a document until a non-reference value is reached.
 * Throws on external, dangling or circular references.
 */
export function derefValue(root: JsonObject, value: Json): Json {
  const seen = new Set<string>();
  let current = value;
  while (isObject(current) && typeof current.$ref === "string") {
    if (seen.has(current.$ref)) {
      throw new Error(`circular reference ${JSON.stringify(current.$ref)}`);
    }
    seen.add(current.$ref);
    current = resolveRef(root, current.$ref);
  }
  return current;
}

/** Like {@link derefValue}, but insists on an object (a parameter, response, request body...). */
export function derefObject(root: JsonObject, value: Json | undefined, what: string): JsonObject {
  const resolved = value === undefined ? undefined : derefValue(root, value);
  if (!isObject(resolved)) {
    throw new Error(`${what} is not an object`);
  }
  return resolved;
}
