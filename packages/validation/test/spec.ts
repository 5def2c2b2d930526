/// <reference types="node" />
// Helpers shared by the tests that read the spec: loading it, resolving local `$ref`s and a
// reader for the flat XML webhook examples.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export const specUrl: URL = new URL("../../../spec/bestsms.openapi.yaml", import.meta.url);
export const specPath: string = fileURLToPath(specUrl);

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The spec as JSON (it uses YAML anchors, so aliases are not limited). */
export function loadSpec(): JsonObject {
  const root: unknown = parse(readFileSync(specUrl, "utf8"), { maxAliasCount: -1 });
  if (!isObject(root)) throw new Error("the spec is not a YAML mapping");
  return root;
}

/** Follows `$ref: "#/..."` (possibly chained) to the object it names. */
export function resolve(spec: JsonObject, node: Json | undefined): JsonObject {
  let current = node;
  for (let hops = 0; isObject(current) && typeof current.$ref === "string"; hops++) {
    if (hops > 16) throw new Error(`$ref cycle at ${current.$ref}`);
    const ref = current.$ref;
    if (!ref.startsWith("#/")) throw new Error(`only local $refs are supported, got ${ref}`);
    let target: Json | undefined = spec;
    for (const raw of ref.slice(2).split("/")) {
      const key = raw.replaceAll("~1", "/").replaceAll("~0", "~");
      target = isObject(target) ? target[key] : undefined;
    }
    if (target === undefined) throw new Error(`unresolved $ref ${ref}`);
    current = target;
  }
  if (!isObject(current)) throw new Error("expected an object");
  return current;
}

/** The component name a `{ $ref: "#/components/schemas/X" }` schema points at. */
export function componentName(schema: Json | undefined): string | undefined {
  if (!isObject(schema) || typeof schema.$ref !== "string") return undefined;
  return /^#\/components\/schemas\/([^/]+)$/.exec(schema.$ref)?.[1];
}

export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

export interface SpecOperation {
  readonly id: string;
  readonly method: string;
  readonly path: string;
  readonly operation: JsonObject;
  /** Path-item and operation parameters, resolved; the operation's win on (name, in). */
  readonly parameters: readonly JsonObject[];
}

/** Every operation under `paths`. */
export function operationsOf(spec: JsonObject): SpecOperation[] {
  const out: SpecOperation[] = [];
  const paths = isObject(spec.paths) ? spec.paths : {};
  for (const [path, rawItem] of Object.entries(paths)) {
    const item = resolve(spec, rawItem);
    const shared = Array.isArray(item.parameters) ? item.parameters : [];
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!isObject(operation)) continue;
      const own = Array.isArray(operation.parameters) ? operation.parameters : [];
      const byKey = new Map<string, JsonObject>();
      for (const p of [...shared, ...own]) {
        const param = resolve(spec, p);
        byKey.set(`${String(param.in)} ${String(param.name)}`, param);
      }
      out.push({
        id: String(operation.operationId),
        method,
        path,
        operation,
        parameters: [...byKey.values()],
      });
    }
  }
  return out;
}

/** The values of an examples map (`$ref`s followed), by example name. */
export function exampleValues(spec: JsonObject, holder: JsonObject): Array<[string, JsonObject]> {
  const out: Array<[string, JsonObject]> = [];
  if (isObject(holder.examples)) {
    for (const [name, example] of Object.entries(holder.examples)) {
      out.push([name, resolve(spec, example)]);
    }
  }
  if (holder.example !== undefined) out.push(["example", { value: holder.example }]);
  return out;
}

const ENTITIES: Record<string, string> = {
  "&lt;": "<",
  "&gt;": ">",
  "&quot;": '"',
  "&apos;": "'",
  "&amp;": "&",
};

/**
 * Reads the flat XML of a webhook: an optional declaration, one root element, and one child
 * element per field holding text only (the five predefined entities unescaped). Every value is a
 * string. Anything else (attributes, nesting, CDATA, stray text) is rejected.
 */
export function parseFlatXml(xml: string): { root: string; fields: Record<string, string> } {
  const NAME = "[A-Za-z_][A-Za-z0-9_.-]*";
  const body = xml.replace(/^\uFEFF?\s*(<\?xml[^?]*\?>)?\s*/, "").trimEnd();
  const root = new RegExp(`^<(${NAME})>([\\s\\S]*)</\\1>$`).exec(body);
  if (!root) throw new Error("expected one root element without attributes");
  const fields: Record<string, string> = {};
  const child = new RegExp(`<(${NAME})>([^<]*)</\\1>|<(${NAME})\\s*/>`, "g");
  const rest = (root[2] as string).replace(
    child,
    (_all, name?: string, text = "", empty?: string): string => {
      const key = (name ?? empty) as string;
      if (Object.hasOwn(fields, key)) throw new Error(`field ${key} appears twice`);
      if (/&(?!(lt|gt|quot|apos|amp);)/.test(text)) {
        throw new Error(`field ${key} holds an entity other than the five predefined ones`);
      }
      fields[key] = text.replace(/&(lt|gt|quot|apos|amp);/g, (e: string) => ENTITIES[e] as string);
      return "";
    },
  );
  if (rest.trim() !== "") throw new Error(`unexpected content in <${root[1]}>: ${rest.trim()}`);
  return { root: root[1] as string, fields };
}
