import {
  deref,
  isObject,
  type JsonObject,
  readOutputAliases,
  type Spec,
  schemaComponentName,
} from "@bestsms/spec-model";
import { doc } from "./doc.js";

/**
 * Where a response carries a wire property that the reference document reads under another name
 * (`x-bestsms-output: { aliases: [...] }`), and how to reach it: the client adds each alias beside
 * its wire property, and the output types name them.
 */
export interface OutputShape {
  /** Document name → the wire property it reads. */
  aliases?: Record<string, string>;
  /** The shapes of nested objects and arrays, by wire name. */
  fields?: Record<string, OutputShape>;
  /** The shape of each item, when the value is an array. */
  items?: OutputShape;
}

/** The parts of a schema that describe one object: itself and its `allOf` members, resolved. */
function objectParts(spec: Spec, schema: JsonObject): JsonObject[] {
  const resolved = deref(spec, schema);
  const parts = [resolved];
  if (Array.isArray(resolved.allOf)) {
    for (const part of resolved.allOf) if (isObject(part)) parts.push(...objectParts(spec, part));
  }
  return parts;
}

interface ObjectView {
  readonly properties: [string, JsonObject, string][];
  readonly required: Set<string>;
}

function objectView(spec: Spec, schema: JsonObject, pointer: string): ObjectView {
  const properties: [string, JsonObject, string][] = [];
  const required = new Set<string>();
  for (const part of objectParts(spec, schema)) {
    if (Array.isArray(part.required)) {
      for (const key of part.required) if (typeof key === "string") required.add(key);
    }
    if (!isObject(part.properties)) continue;
    for (const [wire, value] of Object.entries(part.properties)) {
      if (isObject(value)) properties.push([wire, value, `${pointer}/properties/${wire}`]);
    }
  }
  return { properties, required };
}

/** The output shape of a response schema, or undefined when no property has a document alias. */
export function outputShapeOf(
  spec: Spec,
  schema: JsonObject,
  pointer: string,
  seen: ReadonlySet<string> = new Set(),
): OutputShape | undefined {
  if (typeof schema.$ref === "string") {
    if (seen.has(schema.$ref)) return undefined;
    return outputShapeOf(spec, deref(spec, schema), schema.$ref, new Set(seen).add(schema.$ref));
  }
  const shape: OutputShape = {};
  if (isObject(schema.items)) {
    const items = outputShapeOf(spec, schema.items, `${pointer}/items`, seen);
    if (items) shape.items = items;
  }
  for (const [wire, value, at] of objectView(spec, schema, pointer).properties) {
    for (const alias of readOutputAliases(spec, value, at)) {
      shape.aliases ??= {};
      if (shape.aliases[alias] !== undefined && shape.aliases[alias] !== wire) {
        throw spec.error(at, `output alias '${alias}' names two properties`);
      }
      shape.aliases[alias] = wire;
    }
    const inner = outputShapeOf(spec, value, at, seen);
    if (inner) {
      shape.fields ??= {};
      shape.fields[wire] = inner;
    }
  }
  return Object.keys(shape).length > 0 ? shape : undefined;
}

/** A property's description, or that of the schema it refers to. */
function describe(spec: Spec, node: JsonObject): string | undefined {
  const own = typeof node.description === "string" ? node.description : undefined;
  const target = deref(spec, node).description;
  const text = own ?? (typeof target === "string" ? target : undefined);
  return text?.trim();
}

/**
 * Output types that add the document's names: one `<Schema>Record` type per component schema
 * with aliases (`ContactRecord`), and the response types that hold them, built from the wire
 * types with `Replace`.
 */
export class OutputTypeEmitter {
  readonly #records = new Map<string, string>();

  constructor(private readonly spec: Spec) {}

  /** The type of a response schema as the client returns it, or `base` when nothing changes. */
  responseType(schema: JsonObject, pointer: string, base: string): string {
    const name = schemaComponentName(schema);
    const at = name === undefined ? pointer : `#/components/schemas/${name}`;
    return this.#objectType(deref(this.spec, schema), at, base) ?? base;
  }

  /** The `<Schema>Record` declarations used so far. */
  declarations(): string[] {
    return [...this.#records.values()];
  }

  /** A schema's type with aliases added, or undefined when it holds none. */
  #typeOf(schema: JsonObject, pointer: string, expr: string): string | undefined {
    if (!outputShapeOf(this.spec, schema, pointer)) return undefined;
    const name = schemaComponentName(schema);
    if (name !== undefined) return this.#record(name);
    const resolved = deref(this.spec, schema);
    if (isObject(resolved.items)) {
      const item = this.#typeOf(resolved.items, `${pointer}/items`, `${expr}[number]`);
      return item === undefined ? undefined : `${item}[]`;
    }
    return this.#objectType(resolved, pointer, expr);
  }

  #record(name: string): string {
    const typeName = `${name}Record`;
    if (this.#records.has(typeName)) return typeName;
    this.#records.set(typeName, ""); // claimed first: a schema that holds itself ends here
    const pointer = `#/components/schemas/${name}`;
    const schema = deref(this.spec, { $ref: pointer });
    const expr = `components["schemas"][${JSON.stringify(name)}]`;
    const type = this.#objectType(schema, pointer, expr) ?? expr;
    const description = typeof schema.description === "string" ? schema.description.trim() : name;
    this.#records.set(
      typeName,
      `${doc([
        `${description.replace(/\.$/, "")}, as the client returns it: the wire's fields, and the`,
        "reference document's names for some of them (not enumerable: `JSON.stringify` and spreads",
        "show the wire's fields only).",
      ])}export type ${typeName} = ${type};\n`,
    );
    return typeName;
  }

  #objectType(schema: JsonObject, pointer: string, expr: string): string | undefined {
    const view = objectView(this.spec, schema, pointer);
    const replaced: string[] = [];
    const added: string[] = [];
    for (const [wire, value, at] of view.properties) {
      const optional = view.required.has(wire) ? "" : "?";
      const key = JSON.stringify(wire);
      for (const alias of readOutputAliases(this.spec, value, at)) {
        added.push(
          `${doc([`The document's name for \`${wire}\` (the same value).`])}readonly ${JSON.stringify(alias)}${optional}: ${expr}[${key}];`,
        );
      }
      const inner = this.#typeOf(value, at, `NonNullable<${expr}[${key}]>`);
      if (inner !== undefined) {
        const about = describe(this.spec, value) ?? `The response's \`${wire}\`.`;
        replaced.push(`${doc([about])}${key}${optional}: ${inner};`);
      }
    }
    if (replaced.length === 0 && added.length === 0) return undefined;
    let type = replaced.length > 0 ? `Replace<${expr}, {\n${replaced.join("\n")}\n}>` : expr;
    if (added.length > 0) type = `${type} & {\n${added.join("\n")}\n}`;
    return type;
  }
}
