// The spec read as an OpenAPI document, without the SDK's model: every operation and webhook in
// document order, with any method, and the examples given on a media type or parameter. The
// checks of tools/spec-check and the test helpers read the spec this way.
import { isObject, type Json, type JsonObject, pointer } from "./json.js";
import { derefObject, derefValue } from "./refs.js";

/** Every method a path item may hold (OpenAPI 3.1, Path Item Object). */
export const HTTP_METHODS = [
  "get",
  "put",
  "post",
  "delete",
  "options",
  "head",
  "patch",
  "trace",
] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export interface Operation {
  /** Lower-case HTTP method. */
  method: HttpMethod;
  /** Path template as written in the spec, e.g. `/get/status/{MessageID}`. */
  path: string;
  /** `undefined` when the operation has none (a lint error, reported by the checks). */
  operationId: string | undefined;
  operation: JsonObject;
  /** Path-level and operation-level parameters, `$ref`s resolved, operation ones winning. */
  parameters: JsonObject[];
  /** JSON pointer of the operation object in the spec. */
  pointer: string;
}

export interface Webhook {
  /** Key under `webhooks`. */
  name: string;
  method: HttpMethod;
  operation: JsonObject;
  pointer: string;
}

function parametersOf(root: JsonObject, owner: JsonObject, where: string): JsonObject[] {
  const list = owner.parameters;
  if (list === undefined) return [];
  if (!Array.isArray(list)) throw new Error(`${where}/parameters is not a list`);
  return list.map((param, index) => derefObject(root, param, `${where}/parameters/${index}`));
}

function mergeParameters(pathLevel: JsonObject[], operationLevel: JsonObject[]): JsonObject[] {
  const key = (param: JsonObject): string => `${String(param.in)}:${String(param.name)}`;
  const overridden = new Set(operationLevel.map(key));
  return [...pathLevel.filter((param) => !overridden.has(key(param))), ...operationLevel];
}

/** The operations of each path item under `section` (`/paths` or `/webhooks`). */
function eachOperation(
  root: JsonObject,
  section: "paths" | "webhooks",
  visit: (key: string, item: JsonObject, method: HttpMethod, op: JsonObject, at: string) => void,
): void {
  const items = root[section];
  if (items === undefined) return;
  if (!isObject(items)) throw new Error(`/${section} is not an object`);
  for (const [key, rawItem] of Object.entries(items)) {
    const itemPointer = pointer(`/${section}`, key);
    const item = derefObject(root, rawItem, itemPointer);
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (operation === undefined) continue;
      const opPointer = pointer(itemPointer, method);
      if (!isObject(operation)) throw new Error(`${opPointer} is not an object`);
      visit(key, item, method, operation, opPointer);
    }
  }
}

/** Every operation under `paths`, in document order. */
export function listOperations(root: JsonObject): Operation[] {
  const operations: Operation[] = [];
  eachOperation(root, "paths", (path, item, method, operation, opPointer) => {
    const itemPointer = pointer("/paths", path);
    const operationId = operation.operationId;
    operations.push({
      method,
      path,
      operationId: typeof operationId === "string" ? operationId : undefined,
      operation,
      parameters: mergeParameters(
        parametersOf(root, item, itemPointer),
        parametersOf(root, operation, opPointer),
      ),
      pointer: opPointer,
    });
  });
  return operations;
}

/** Every operation under the top-level `webhooks`, in document order. */
export function listWebhooks(root: JsonObject): Webhook[] {
  const result: Webhook[] = [];
  eachOperation(root, "webhooks", (name, _item, method, operation, opPointer) => {
    result.push({ name, method, operation, pointer: opPointer });
  });
  return result;
}

/** One named example of a media type or parameter, `$ref`s to `components/examples` resolved. */
export interface NamedExample {
  /** The key in the `examples` map, or `undefined` for a lone `example`. */
  name: string | undefined;
  value: Json;
  pointer: string;
}

/**
 * The examples given on a media type or parameter object (`example` and the `examples` map).
 * Example Objects without an inline `value` (e.g. `externalValue`) are skipped here.
 */
export function examplesOf(
  root: JsonObject,
  owner: JsonObject,
  ownerPointer: string,
): NamedExample[] {
  const found: NamedExample[] = [];
  if (owner.example !== undefined) {
    found.push({
      name: undefined,
      value: owner.example,
      pointer: pointer(ownerPointer, "example"),
    });
  }
  const map = owner.examples;
  if (isObject(map)) {
    for (const [name, raw] of Object.entries(map)) {
      const example = derefValue(root, raw);
      if (isObject(example) && example.value !== undefined) {
        found.push({
          name,
          value: example.value,
          pointer: pointer(ownerPointer, "examples", name),
        });
      }
    }
  }
  return found;
}
