// Media Type Object (OpenAPI 3.1 §4.8.14): the JSON content of a request body or a response, and
// the example it gives.
import { isObject, type Json, type JsonObject } from "../json.js";
import type { Spec } from "../parse.js";
import { deref } from "../refs.js";

/**
 * The example of a parameter or a media type: `example`, else the first of `examples` with any
 * content (an empty object says little), else the first of them.
 */
export function exampleOf(spec: Spec, node: JsonObject): Json | undefined {
  if (node.example !== undefined) return node.example;
  const values = Object.values(isObject(node.examples) ? node.examples : {})
    .map((entry) => (isObject(entry) ? deref(spec, entry).value : undefined))
    .filter((value) => value !== undefined);
  const full = values.find((value) => !isObject(value) || Object.keys(value).length > 0);
  return full ?? values[0];
}

/** The `application/json` media type of a request body or a response. */
export function jsonMediaType(spec: Spec, holder: JsonObject): JsonObject | undefined {
  const content = deref(spec, holder).content;
  const media = isObject(content) ? content["application/json"] : undefined;
  return isObject(media) ? media : undefined;
}

/** The schema of the `application/json` content of a request body or a response, if any. */
export function jsonBodySchema(
  spec: Spec,
  holder: JsonObject | undefined,
  pointer: string,
): JsonObject | undefined {
  if (!holder) return undefined;
  const json = jsonMediaType(spec, holder);
  if (!json) return undefined;
  if (!isObject(json.schema)) throw spec.error(`${pointer}/content/application~1json`, "no schema");
  return json.schema;
}
