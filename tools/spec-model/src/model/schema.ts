// Schema Object (OpenAPI 3.1 §4.8.24): what the model reads of a schema.
import { isObject, type Json, type JsonObject } from "../json.js";
import type { Spec } from "../parse.js";
import { deref } from "../refs.js";

/** The properties of an object schema, through `$ref` and `allOf`. */
export function collectProperties(spec: Spec, schema: JsonObject): Map<string, JsonObject> {
  const out = new Map<string, JsonObject>();
  const visit = (node: JsonObject): void => {
    const s = deref(spec, node);
    if (Array.isArray(s.allOf)) for (const part of s.allOf) if (isObject(part)) visit(part);
    if (isObject(s.properties)) {
      for (const [key, value] of Object.entries(s.properties)) {
        if (isObject(value)) out.set(key, value);
      }
    }
  };
  visit(schema);
  return out;
}

/** A description or summary, trimmed; undefined when absent. */
export function text(value: Json | undefined): string | undefined {
  return typeof value === "string" ? value.trim() : undefined;
}
