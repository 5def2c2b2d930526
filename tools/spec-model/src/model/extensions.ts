// The vendor extensions (spec/DECISIONS.md): x-bestsms-input on a property, parameter or schema,
// x-bestsms-output on a response property, x-bestsms-envelope on a request body schema and
// x-bestsms-params on an operation. Each is read and checked here, and only here.
import { isObject, type JsonObject } from "../json.js";
import type { Spec } from "../parse.js";

/** How the SDK takes a wire property or parameter as input (`x-bestsms-input`). */
export interface InputNaming {
  /** The documented input name (the wire name when the spec gives none). */
  readonly name: string;
  /** Other accepted names. */
  readonly aliases: readonly string[];
  /** An array that also takes a lone item. */
  readonly single: boolean;
}

/** `x-bestsms-input` as read from the spec. */
export interface InputExtension {
  name?: string;
  aliases?: string[];
  single?: boolean;
  shorthand?: string;
  /** `uuid`: the SDK fills the field with a random UUID when the caller leaves it out. */
  generate?: "uuid";
}

const INPUT_KEYS = new Set(["name", "aliases", "single", "shorthand", "generate"]);
const OUTPUT_KEYS = new Set(["aliases"]);

/** The extension object at `key`, its keys checked against `known`; undefined when absent. */
function extensionObject(
  spec: Spec,
  node: JsonObject,
  key: string,
  known: ReadonlySet<string>,
  at: string,
): JsonObject | undefined {
  const ext = node[key];
  if (ext === undefined) return undefined;
  if (!isObject(ext)) throw spec.error(at, `${key} must be an object`);
  for (const name of Object.keys(ext)) {
    if (!known.has(name)) {
      throw spec.error(at, `unknown key '${name}' (known: ${[...known].join(", ")})`);
    }
  }
  return ext;
}

/** Reads and checks `x-bestsms-input` of a property, parameter or schema. */
export function readInputExtension(spec: Spec, node: JsonObject, pointer: string): InputExtension {
  const at = `${pointer}/x-bestsms-input`;
  const ext = extensionObject(spec, node, "x-bestsms-input", INPUT_KEYS, at);
  if (ext === undefined) return {};
  const result: InputExtension = {};
  if (ext.name !== undefined) {
    if (typeof ext.name !== "string" || ext.name === "") {
      throw spec.error(`${at}/name`, "name must be a non-empty string");
    }
    result.name = ext.name;
  }
  if (ext.aliases !== undefined) {
    if (!Array.isArray(ext.aliases) || !ext.aliases.every((a) => typeof a === "string" && a)) {
      throw spec.error(`${at}/aliases`, "aliases must be a list of non-empty strings");
    }
    result.aliases = ext.aliases as string[];
  }
  if (ext.single !== undefined) {
    if (typeof ext.single !== "boolean")
      throw spec.error(`${at}/single`, "single must be a boolean");
    result.single = ext.single;
  }
  if (ext.generate !== undefined) {
    if (ext.generate !== "uuid") throw spec.error(`${at}/generate`, "generate must be 'uuid'");
    result.generate = ext.generate;
  }
  if (ext.shorthand !== undefined) {
    if (typeof ext.shorthand !== "string") {
      throw spec.error(`${at}/shorthand`, "shorthand must be a property name");
    }
    const props = node.properties;
    if (!isObject(props) || !Object.hasOwn(props, ext.shorthand)) {
      throw spec.error(
        `${at}/shorthand`,
        `shorthand '${ext.shorthand}' is not a property of this schema`,
      );
    }
    result.shorthand = ext.shorthand;
  }
  return result;
}

/** The input naming of a wire property or parameter. */
export function namingOf(spec: Spec, wire: string, node: JsonObject, pointer: string): InputNaming {
  const ext = readInputExtension(spec, node, pointer);
  return { name: ext.name ?? wire, aliases: ext.aliases ?? [], single: ext.single ?? false };
}

/** Reads and checks `x-bestsms-output` of a property: the document's names for it. */
export function readOutputAliases(spec: Spec, node: JsonObject, pointer: string): string[] {
  const at = `${pointer}/x-bestsms-output`;
  const ext = extensionObject(spec, node, "x-bestsms-output", OUTPUT_KEYS, at);
  if (ext === undefined) return [];
  const aliases = ext.aliases;
  if (!Array.isArray(aliases) || aliases.length === 0) {
    throw spec.error(`${at}/aliases`, "aliases must be a non-empty list of names");
  }
  return aliases.map((alias, i) => {
    if (typeof alias !== "string" || alias === "") {
      throw spec.error(`${at}/aliases/${i}`, "an alias must be a non-empty string");
    }
    return alias;
  });
}

/**
 * Reads `x-bestsms-params` of an operation: JSON Schema applied to the object of path and query
 * parameters by wire name, for what one parameter's schema cannot say.
 */
export function readParamRules(
  spec: Spec,
  operation: JsonObject,
  pointer: string,
): JsonObject | undefined {
  const rules = operation["x-bestsms-params"];
  if (rules !== undefined && !isObject(rules)) {
    throw spec.error(
      `${pointer}/x-bestsms-params`,
      "x-bestsms-params must be a JSON Schema object",
    );
  }
  return rules;
}

/** Reads `x-bestsms-envelope` of a request body schema: the property the wire wraps input in. */
export function readEnvelope(
  spec: Spec,
  schema: JsonObject,
  properties: ReadonlyMap<string, JsonObject>,
  pointer: string,
): { readonly name: string; readonly schema: JsonObject } | undefined {
  const value = schema["x-bestsms-envelope"];
  if (value === undefined) return undefined;
  const inner = typeof value === "string" ? properties.get(value) : undefined;
  if (typeof value !== "string" || !inner) {
    throw spec.error(pointer, "x-bestsms-envelope must name a property of the body schema");
  }
  return { name: value, schema: inner };
}
