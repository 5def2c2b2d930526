// Parameter Object (OpenAPI 3.1 §4.8.12): path and query parameters; header and cookie ones are
// the transport's business and left out of the model.
import { isObject, type Json, type JsonObject } from "../json.js";
import type { Spec } from "../parse.js";
import { deref } from "../refs.js";
import { type InputNaming, namingOf } from "./extensions.js";
import { exampleOf } from "./media-type.js";
import { text } from "./schema.js";

export interface ParamModel {
  readonly wire: string;
  readonly in: "path" | "query";
  readonly naming: InputNaming;
  readonly required: boolean;
  readonly description: string | undefined;
  readonly schema: JsonObject;
  /** The parameter's example in the spec (`example`, else the first of `examples`), if any. */
  readonly example: Json | undefined;
  readonly pointer: string;
}

/** Reads a `parameters` list into `into`, keyed `in:name`; later lists override earlier ones. */
export function readParameters(
  spec: Spec,
  list: Json | undefined,
  pointer: string,
  into: Map<string, ParamModel>,
): void {
  if (list === undefined) return;
  if (!Array.isArray(list)) throw spec.error(pointer, "parameters must be a list");
  list.forEach((entry, index) => {
    const at = `${pointer}/${index}`;
    if (!isObject(entry)) throw spec.error(at, "a parameter must be an object");
    const param = deref(spec, entry);
    const where = typeof entry.$ref === "string" ? entry.$ref : at;
    const name = param.name;
    const location = param.in;
    if (typeof name !== "string") throw spec.error(where, "parameter has no name");
    if (location === "header" || location === "cookie") return;
    if (location !== "path" && location !== "query") {
      throw spec.error(where, `parameter '${name}' has an unknown 'in': ${String(location)}`);
    }
    const schema = isObject(param.schema) ? param.schema : {};
    into.set(`${location}:${name}`, {
      wire: name,
      in: location,
      naming: namingOf(spec, name, param, where),
      required: param.required === true,
      description: text(param.description),
      schema,
      example: exampleOf(spec, param),
      pointer: where,
    });
  });
}

/** Every path template variable must be a declared path parameter. */
export function checkPathParameters(
  spec: Spec,
  path: string,
  params: ReadonlyMap<string, ParamModel>,
  pointer: string,
): void {
  for (const name of path.matchAll(/\{([^}]+)\}/g)) {
    if (!params.has(`path:${name[1]}`)) {
      throw spec.error(pointer, `path parameter '${name[1]}' of ${path} is not declared`);
    }
  }
}
