// Operation Object (OpenAPI 3.1 §4.8.10): an operation of the SDK, its operationId the place of
// its method in the resource tree.
import { isObject, type Json, type JsonObject, pathToPointer } from "../json.js";
import type { Spec } from "../parse.js";
import { readParamRules } from "./extensions.js";
import { checkPathParameters, type ParamModel, readParameters } from "./parameter.js";
import { type BodyModel, readRequestBody } from "./request-body.js";
import { listItemsOf, readOkResponse } from "./response.js";
import { text } from "./schema.js";

/** The methods the SDK has operations for. */
export const OPERATION_METHODS = ["get", "put", "post", "delete", "patch"] as const;
export type OperationMethod = (typeof OPERATION_METHODS)[number];

export interface OperationModel {
  readonly id: string;
  /** The operationId split on dots: the place of the method in the resource tree. */
  readonly segments: readonly string[];
  readonly method: OperationMethod;
  readonly path: string;
  readonly summary: string | undefined;
  readonly description: string | undefined;
  readonly deprecated: boolean;
  readonly params: readonly ParamModel[];
  readonly body: BodyModel | undefined;
  /** The 200 response schema (a `$ref` object or inline). */
  readonly response: JsonObject;
  /** For paged lists: the property holding the page's items. */
  readonly list: { readonly items: string } | undefined;
  /**
   * Rules across parameters (`x-bestsms-params`): JSON Schema applied to the object of path and
   * query parameters by wire name, for what one parameter's schema cannot say.
   */
  readonly paramRules: JsonObject | undefined;
  readonly pointer: string;
}

const OPERATION_ID = /^[a-z][A-Za-z0-9]*(\.[a-z][A-Za-z0-9]*)+$/;

/** The operationId of an operation, checked for form. */
function readOperationId(
  spec: Spec,
  op: JsonObject,
  method: string,
  path: string,
  pointer: string,
): string {
  const id = op.operationId;
  if (typeof id !== "string" || id === "") {
    throw spec.error(pointer, `${method.toUpperCase()} ${path} has no operationId`);
  }
  if (!OPERATION_ID.test(id)) {
    throw spec.error(
      `${pointer}/operationId`,
      `operationId '${id}' must be dotted camelCase words, e.g. 'messaging.sms.sendMessage'`,
    );
  }
  return id;
}

/** The model of one operation of a path item. */
export function readOperation(
  spec: Spec,
  path: string,
  item: JsonObject,
  method: OperationMethod,
  op: Json,
): OperationModel {
  const pointer = pathToPointer(["paths", path, method]);
  if (!isObject(op)) throw spec.error(pointer, "an operation must be an object");
  const id = readOperationId(spec, op, method, path, pointer);

  const params = new Map<string, ParamModel>();
  readParameters(spec, item.parameters, `${pathToPointer(["paths", path])}/parameters`, params);
  readParameters(spec, op.parameters, `${pointer}/parameters`, params);
  checkPathParameters(spec, path, params, pointer);

  const body = readRequestBody(spec, op, pointer);
  const response = readOkResponse(spec, op, pointer);
  const items = params.has("query:page") ? listItemsOf(spec, response) : undefined;
  return {
    id,
    paramRules: readParamRules(spec, op, pointer),
    segments: id.split("."),
    method,
    path,
    summary: text(op.summary),
    description: text(op.description),
    deprecated: op.deprecated === true,
    params: [...params.values()],
    body,
    response,
    list: items === undefined ? undefined : { items },
    pointer,
  };
}

/** Every operation under `paths`, in document order. */
export function readOperations(spec: Spec): OperationModel[] {
  const operations: OperationModel[] = [];
  const paths = isObject(spec.root.paths) ? spec.root.paths : {};
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item))
      throw spec.error(pathToPointer(["paths", path]), "a path item must be an object");
    for (const method of OPERATION_METHODS) {
      if (item[method] === undefined) continue;
      operations.push(readOperation(spec, path, item, method, item[method]));
    }
  }
  checkOperationIds(spec, operations);
  return operations;
}

/** Each operationId is used once, and no name is both a method and a namespace of the tree. */
function checkOperationIds(spec: Spec, operations: readonly OperationModel[]): void {
  const seen = new Map<string, string>();
  for (const op of operations) {
    const previous = seen.get(op.id);
    if (previous !== undefined) {
      throw spec.error(
        `${op.pointer}/operationId`,
        `operationId '${op.id}' is also used at ${previous}`,
      );
    }
    seen.set(op.id, op.pointer);
  }
  for (const op of operations) {
    for (let i = 1; i < op.segments.length; i++) {
      const prefix = op.segments.slice(0, i).join(".");
      if (seen.has(prefix)) {
        throw spec.error(
          `${op.pointer}/operationId`,
          `operationId '${op.id}' nests under operation '${prefix}'`,
        );
      }
    }
  }
}
