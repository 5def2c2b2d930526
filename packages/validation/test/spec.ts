/// <reference types="node" />
// Helpers shared by the tests that read the spec: loading it, resolving local `$ref`s and a
// reader for the flat XML webhook examples.
import { pathToFileURL } from "node:url";
import {
  derefObject,
  isObject,
  type Json,
  type JsonObject,
  listOperations,
  readDocument,
  SPEC_PATH,
  schemaComponentName,
} from "@bestsms/spec-model";

export { isObject, type Json, type JsonObject };

export const specPath: string = SPEC_PATH;
export const specUrl: URL = pathToFileURL(SPEC_PATH);

/** The spec as JSON (it uses YAML anchors, so aliases are not limited). */
export function loadSpec(): JsonObject {
  return readDocument();
}

/** Follows `$ref: "#/..."` (possibly chained) to the object it names. */
export function resolve(spec: JsonObject, node: Json | undefined): JsonObject {
  return derefObject(spec, node, "a $ref target");
}

/** The component name a `{ $ref: "#/components/schemas/X" }` schema points at. */
export const componentName: (schema: Json | undefined) => string | undefined = schemaComponentName;

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
  return listOperations(spec).map((op) => ({
    id: String(op.operationId),
    method: op.method,
    path: op.path,
    operation: op.operation,
    parameters: op.parameters,
  }));
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
