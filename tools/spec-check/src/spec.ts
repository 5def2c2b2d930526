import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

/** Any value that can appear in a parsed YAML/JSON document. */
export type Json = null | boolean | number | string | Json[] | JsonObject;
export interface JsonObject {
  [key: string]: Json;
}

/** The repository root, whatever the current working directory is. */
export const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));
/** The hand-written OpenAPI document checked by this package. */
export const SPEC_PATH = path.join(REPO_ROOT, "spec", "bestsms.openapi.yaml");

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

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Reads and parses a YAML (or JSON) OpenAPI 3.1 document; defaults to the repository's spec. */
export function loadSpec(file: string = SPEC_PATH): JsonObject {
  const text = readFileSync(file, "utf8");
  const doc: unknown = parse(text, { prettyErrors: true, uniqueKeys: true });
  if (!isObject(doc)) {
    throw new Error(`${file}: the document is not a YAML mapping`);
  }
  const version = doc.openapi;
  if (typeof version !== "string" || !version.startsWith("3.1.")) {
    throw new Error(`${file}: expected "openapi: 3.1.x", found ${JSON.stringify(version)}`);
  }
  return doc;
}

/** Escapes one reference token of a JSON pointer (RFC 6901). */
export function escapePointerToken(token: string | number): string {
  return String(token).replaceAll("~", "~0").replaceAll("/", "~1");
}

export function unescapePointerToken(token: string): string {
  return token.replaceAll("~1", "/").replaceAll("~0", "~");
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

/** Resolves a local reference such as `#/components/schemas/Status`. */
export function resolveRef(spec: JsonObject, ref: string): Json {
  if (!ref.startsWith("#")) {
    throw new Error(`only local references (#/...) are supported, found ${JSON.stringify(ref)}`);
  }
  const target = getAtPointer(spec, decodeURIComponent(ref.slice(1)));
  if (target === undefined) {
    throw new Error(`unresolvable reference ${JSON.stringify(ref)}`);
  }
  return target;
}

/**
 * Follows `$ref` chains (Reference Objects) until a non-reference value is reached.
 * Throws on external, dangling or circular references.
 */
export function deref(spec: JsonObject, value: Json): Json {
  const seen = new Set<string>();
  let current = value;
  while (isObject(current) && typeof current.$ref === "string") {
    if (seen.has(current.$ref)) {
      throw new Error(`circular reference ${JSON.stringify(current.$ref)}`);
    }
    seen.add(current.$ref);
    current = resolveRef(spec, current.$ref);
  }
  return current;
}

/** Like {@link deref}, but insists on an object (a parameter, response, request body...). */
export function derefObject(spec: JsonObject, value: Json | undefined, what: string): JsonObject {
  const resolved = value === undefined ? undefined : deref(spec, value);
  if (!isObject(resolved)) {
    throw new Error(`${what} is not an object`);
  }
  return resolved;
}

function parametersOf(spec: JsonObject, owner: JsonObject, where: string): JsonObject[] {
  const list = owner.parameters;
  if (list === undefined) return [];
  if (!Array.isArray(list)) throw new Error(`${where}/parameters is not a list`);
  return list.map((param, index) => derefObject(spec, param, `${where}/parameters/${index}`));
}

function mergeParameters(pathLevel: JsonObject[], operationLevel: JsonObject[]): JsonObject[] {
  const key = (param: JsonObject): string => `${String(param.in)}:${String(param.name)}`;
  const overridden = new Set(operationLevel.map(key));
  return [...pathLevel.filter((param) => !overridden.has(key(param))), ...operationLevel];
}

/** Every operation under `paths`, in document order. */
export function listOperations(spec: JsonObject): Operation[] {
  const paths = spec.paths;
  if (paths === undefined) return [];
  if (!isObject(paths)) throw new Error("/paths is not an object");
  const operations: Operation[] = [];
  for (const [template, rawItem] of Object.entries(paths)) {
    const itemPointer = pointer("/paths", template);
    const item = derefObject(spec, rawItem, itemPointer);
    const shared = parametersOf(spec, item, itemPointer);
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (operation === undefined) continue;
      const opPointer = pointer(itemPointer, method);
      if (!isObject(operation)) throw new Error(`${opPointer} is not an object`);
      const operationId = operation.operationId;
      operations.push({
        method,
        path: template,
        operationId: typeof operationId === "string" ? operationId : undefined,
        operation,
        parameters: mergeParameters(shared, parametersOf(spec, operation, opPointer)),
        pointer: opPointer,
      });
    }
  }
  return operations;
}

/** Every operation under the top-level `webhooks`, in document order. */
export function listWebhooks(spec: JsonObject): Webhook[] {
  const webhooks = spec.webhooks;
  if (webhooks === undefined) return [];
  if (!isObject(webhooks)) throw new Error("/webhooks is not an object");
  const result: Webhook[] = [];
  for (const [name, rawItem] of Object.entries(webhooks)) {
    const itemPointer = pointer("/webhooks", name);
    const item = derefObject(spec, rawItem, itemPointer);
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (operation === undefined) continue;
      const opPointer = pointer(itemPointer, method);
      if (!isObject(operation)) throw new Error(`${opPointer} is not an object`);
      result.push({ name, method, operation, pointer: opPointer });
    }
  }
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
  spec: JsonObject,
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
      const example = deref(spec, raw);
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
