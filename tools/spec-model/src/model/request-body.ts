// Request Body Object (OpenAPI 3.1 §4.8.13): the JSON body, the envelope the wire wraps the
// input in (`x-bestsms-envelope`) and the field the SDK fills itself (`generate: uuid`).
import { isObject, type Json, type JsonObject } from "../json.js";
import type { Spec } from "../parse.js";
import { deref } from "../refs.js";
import { readEnvelope, readInputExtension } from "./extensions.js";
import { exampleOf, jsonBodySchema, jsonMediaType } from "./media-type.js";
import { collectProperties } from "./schema.js";

export interface BodyModel {
  readonly required: boolean;
  /** The request body schema (a `$ref` object or inline). */
  readonly schema: JsonObject;
  /** The property the wire wraps the input in (`x-bestsms-envelope`). */
  readonly envelope: string | undefined;
  /** The schema of what the SDK takes as input: the envelope's content, or the body itself. */
  readonly inputSchema: JsonObject;
  /** The input field the SDK fills with a UUID when left out (`generate: uuid`). */
  readonly generated: string | undefined;
  /** The first example of the JSON body in the spec with any content, else the first, if any. */
  readonly example: Json | undefined;
  readonly pointer: string;
}

/** The model of an operation's JSON request body; undefined when it takes none. */
export function readRequestBody(
  spec: Spec,
  operation: JsonObject,
  operationPointer: string,
): BodyModel | undefined {
  const pointer = `${operationPointer}/requestBody`;
  const requestBody = isObject(operation.requestBody) ? operation.requestBody : undefined;
  const schema = jsonBodySchema(spec, requestBody, pointer);
  if (!requestBody || !schema) return undefined;
  const resolved = deref(spec, schema);
  const envelope = readEnvelope(spec, resolved, collectProperties(spec, resolved), pointer);
  const inputSchema = envelope?.schema ?? schema;
  let generated: string | undefined;
  for (const [wire, prop] of collectProperties(spec, inputSchema)) {
    const ext = readInputExtension(spec, prop, pointer);
    if (ext.generate === "uuid") generated = wire;
  }
  return {
    generated,
    example: exampleOf(spec, jsonMediaType(spec, requestBody) ?? {}),
    required: deref(spec, requestBody).required === true,
    schema,
    envelope: envelope?.name,
    inputSchema,
    pointer,
  };
}
