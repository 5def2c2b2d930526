// Responses Object (OpenAPI 3.1 §4.8.16): the 200 JSON response, and whether it is a page of a
// list (the operation takes `page` and the response carries `PageCount`).
import { isObject, type JsonObject } from "../json.js";
import type { Spec } from "../parse.js";
import { deref } from "../refs.js";
import { jsonBodySchema } from "./media-type.js";
import { collectProperties } from "./schema.js";

/** The schema of the operation's 200 `application/json` response (a `$ref` object or inline). */
export function readOkResponse(spec: Spec, operation: JsonObject, pointer: string): JsonObject {
  const responses = isObject(operation.responses) ? operation.responses : {};
  const ok = isObject(responses["200"]) ? responses["200"] : undefined;
  const response = jsonBodySchema(spec, ok, `${pointer}/responses/200`);
  if (!response) throw spec.error(`${pointer}/responses`, "no 200 application/json response");
  return response;
}

/** The property of a response that holds a page's items: its one array property. */
export function listItemsOf(spec: Spec, response: JsonObject): string | undefined {
  const props = collectProperties(spec, response);
  if (!props.has("PageCount")) return undefined;
  const arrays = [...props].filter(([, schema]) => deref(spec, schema).type === "array");
  return arrays.length === 1 ? arrays[0]?.[0] : undefined;
}
