import {
  deref,
  type InputNaming,
  isObject,
  type Json,
  type JsonObject,
  namingOf,
  readInputExtension,
  type Spec,
  schemaComponentName,
} from "@bestsms/spec-model";
import { doc } from "./doc.js";
import { propertyKey } from "./naming.js";

/** One property of an input object, before names are applied. */
export interface InputProperty {
  readonly wire: string;
  readonly schema: JsonObject;
  readonly required: boolean;
  readonly pointer: string;
  /** Names and description given outside the schema (a parameter's). */
  readonly naming?: InputNaming;
  readonly description?: string | undefined;
}

/** A flattened object schema: properties through `$ref`/`allOf`, and whether others are allowed. */
export interface FlatObject {
  readonly properties: InputProperty[];
  readonly closed: boolean;
}

function isComposite(schema: JsonObject): boolean {
  return (
    schema.type === "object" ||
    schema.type === "array" ||
    isObject(schema.properties) ||
    Array.isArray(schema.allOf) ||
    Array.isArray(schema.oneOf) ||
    Array.isArray(schema.anyOf)
  );
}

/**
 * Emits TypeScript types for what the SDK takes as input: the wire schemas with the documented
 * names of `x-bestsms-input` applied. Object schemas reached through `$ref` become named types
 * (`<Name>Input`); primitives are inlined with their documentation.
 */
export class InputTypeEmitter {
  private readonly spec: Spec;
  private readonly declared = new Map<string, string>();
  private readonly pending: string[] = [];

  constructor(spec: Spec) {
    this.spec = spec;
  }

  /** Declarations of the named input types reached so far, in a stable order. */
  declarations(): string[] {
    while (this.pending.length > 0) {
      const name = this.pending.shift() as string;
      const schema = deref(this.spec, { $ref: `#/components/schemas/${name}` });
      const type = this.typeOf(schema, `#/components/schemas/${name}`);
      const comment = doc(
        typeof schema.description === "string" ? [schema.description.trim()] : [],
      );
      const isLiteral = type.startsWith("{") && type.endsWith("}") && !type.includes("} &");
      this.declared.set(
        name,
        isLiteral
          ? `${comment}export interface ${name}Input ${type}\n`
          : `${comment}export type ${name}Input = ${type};\n`,
      );
    }
    return [...this.declared.keys()].sort().map((name) => this.declared.get(name) as string);
  }

  private named(name: string): string {
    if (!this.declared.has(name) && !this.pending.includes(name)) {
      this.declared.set(name, "");
      this.pending.push(name);
    }
    return `${name}Input`;
  }

  /** The input type of a schema. */
  typeOf(schema: JsonObject, pointer: string): string {
    if (typeof schema.$ref === "string") {
      const target = deref(this.spec, schema);
      const name = schemaComponentName(schema);
      if (name === undefined || !isComposite(target)) return this.typeOf(target, schema.$ref);
      const ext = readInputExtension(this.spec, target, schema.$ref);
      const own = this.named(name);
      if (ext.shorthand === undefined) return own;
      const props = isObject(target.properties) ? target.properties : {};
      const short = props[ext.shorthand];
      return isObject(short) ? `${own} | ${this.typeOf(short, `${schema.$ref}/properties`)}` : own;
    }
    if (schema.const !== undefined) return JSON.stringify(schema.const);
    if (Array.isArray(schema.enum)) return schema.enum.map((v) => JSON.stringify(v)).join(" | ");
    for (const key of ["oneOf", "anyOf"] as const) {
      const list = schema[key];
      if (Array.isArray(list)) {
        // A union inside a union needs no parentheses; an intersection does.
        return list
          .filter(isObject)
          .map((part, i) => {
            const type = this.typeOf(part, `${pointer}/${key}/${i}`);
            return type.includes(" & ") ? `(${type})` : type;
          })
          .join(" | ");
      }
    }
    if (Array.isArray(schema.allOf) || schema.type === "object" || isObject(schema.properties)) {
      return this.objectType(this.flatten(schema, pointer));
    }
    if (schema.type === "array") {
      const items = isObject(schema.items) ? schema.items : {};
      return `readonly ${this.wrap(this.typeOf(items, `${pointer}/items`))}[]`;
    }
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    const mapped = types.map((t) => {
      switch (t) {
        case "string":
          return "string";
        case "integer":
        case "number":
          return "number";
        case "boolean":
          return "boolean";
        case "null":
          return "null";
        default:
          return "unknown";
      }
    });
    return [...new Set(mapped)].join(" | ");
  }

  private wrap(type: string): string {
    return type.includes(" | ") || type.includes(" & ") ? `(${type})` : type;
  }

  /** Properties of an object schema through `$ref` and `allOf`. */
  flatten(schema: JsonObject, pointer: string): FlatObject {
    const properties = new Map<string, InputProperty>();
    let closed = false;
    const requiredNames = new Set<string>();
    const visit = (node: JsonObject, at: string, requiredFromParent: readonly string[]): void => {
      const s = deref(this.spec, node);
      const here = typeof node.$ref === "string" ? node.$ref : at;
      const required = new Set<string>([
        ...requiredFromParent,
        ...(Array.isArray(s.required)
          ? s.required.filter((r): r is string => typeof r === "string")
          : []),
      ]);
      for (const name of required) requiredNames.add(name);
      if (s.additionalProperties === false) closed = true;
      if (Array.isArray(s.allOf)) {
        s.allOf.forEach((part, i) => {
          if (isObject(part)) visit(part, `${here}/allOf/${i}`, [...required]);
        });
      }
      if (isObject(s.properties)) {
        for (const [wire, value] of Object.entries(s.properties)) {
          if (!isObject(value)) continue;
          const before = properties.get(wire);
          properties.set(wire, {
            wire,
            schema: value,
            required: required.has(wire) || (before?.required ?? false),
            pointer: `${here}/properties/${wire}`,
          });
        }
      }
      for (const name of required) {
        const before = properties.get(name);
        if (before && !before.required) properties.set(name, { ...before, required: true });
      }
    };
    visit(schema, pointer, []);
    for (const name of requiredNames) {
      if (!properties.has(name)) {
        throw this.spec.error(
          pointer,
          `required property '${name}' is not a property of the schema`,
        );
      }
    }
    return { properties: [...properties.values()], closed };
  }

  /** An object type from input properties; alias groups of required fields become unions. */
  objectType(flat: FlatObject): string {
    const members: string[] = [];
    const groups: string[] = [];
    const used = new Map<string, string>();
    for (const prop of flat.properties) {
      const naming = prop.naming ?? namingOf(this.spec, prop.wire, prop.schema, prop.pointer);
      let type = this.typeOf(prop.schema, prop.pointer);
      // A local time beside its TimeZone also takes a Date: the client sends it as UTC wall time
      // with TimeZone "UTC" (spec/DECISIONS.md, "Choices of the SDK").
      if (
        prop.schema.$ref === "#/components/schemas/LocalDateTime" &&
        flat.properties.some((p) => p.wire === "TimeZone")
      ) {
        type = `${type} | Date`;
      }
      if (naming.single) {
        const target = deref(this.spec, prop.schema);
        const items = isObject(target.items) ? target.items : {};
        const item = this.wrap(this.typeOf(items, `${prop.pointer}/items`));
        type = `${item} | readonly ${item}[]`;
      }
      const names = [naming.name, ...naming.aliases];
      for (const name of names) {
        const clash = used.get(name);
        if (clash !== undefined) {
          throw this.spec.error(
            prop.pointer,
            `input name '${name}' is taken by '${clash}' of the same object`,
          );
        }
        used.set(name, prop.wire);
      }
      const comment = this.docOf(prop, naming.name);
      if (names.length === 1 || !prop.required) {
        names.forEach((name, i) => {
          const aliasDoc =
            i === 0 ? comment : doc([`Another name for \`${naming.name}\`; give one of them.`]);
          // An optional field also takes `undefined` (`Reference: process.env.REF`), for
          // callers with exactOptionalPropertyTypes; the client leaves such a field out.
          const optional = prop.required ? "" : "?";
          members.push(
            `${aliasDoc}${propertyKey(name)}${optional}: ${type}${optional && " | undefined"};`,
          );
        });
      } else {
        const variants = names.map((name) => {
          const others = names
            .filter((n) => n !== name)
            .map(
              (n) =>
                `${doc([`Not with \`${name}\`: give one of them.`])}${propertyKey(n)}?: never;`,
            );
          return `{ ${comment}${propertyKey(name)}: ${type};\n${others.join("\n")} }`;
        });
        groups.push(`(${variants.join(" | ")})`);
      }
    }
    if (!flat.closed) members.push("[key: string]: unknown;");
    const base = `{\n${members.join("\n")}\n}`;
    if (groups.length === 0) return base;
    return members.length === 0 ? groups.join(" & ") : [base, ...groups].join(" & ");
  }

  private docOf(prop: InputProperty, inputName: string): string {
    const own = prop.schema;
    const target = deref(this.spec, own);
    const lines: string[] = [];
    const description = prop.description ?? own.description ?? target.description;
    if (typeof description === "string") lines.push(description.trim());
    const notes = constraintNotes(target);
    if (inputName !== prop.wire) notes.push(`Sent as \`${prop.wire}\`.`);
    if (readInputExtension(this.spec, own, prop.pointer).generate === "uuid") {
      notes.push(
        "Left out, the SDK makes one (a random UUID) before the first attempt, so every retry carries the same one.",
      );
    }
    if (notes.length > 0) lines.push(notes.join(" "));
    return doc(lines.length > 1 ? [lines[0] as string, "", ...lines.slice(1)] : lines);
  }
}

/** Short sentences for the JSON Schema limits of a schema, for doc comments. */
export function constraintNotes(schema: JsonObject): string[] {
  const notes: string[] = [];
  const num = (key: string): number | undefined =>
    typeof schema[key] === "number" ? (schema[key] as number) : undefined;
  const minLength = num("minLength");
  const maxLength = num("maxLength");
  if (minLength !== undefined && maxLength !== undefined) {
    notes.push(`${minLength} to ${maxLength} characters.`);
  } else if (maxLength !== undefined) notes.push(`At most ${maxLength} characters.`);
  else if (minLength === 1) notes.push("Must not be empty.");
  else if (minLength !== undefined && minLength > 1)
    notes.push(`At least ${minLength} characters.`);
  const minimum = num("minimum");
  const maximum = num("maximum");
  if (minimum !== undefined) notes.push(`At least ${minimum}.`);
  if (maximum !== undefined) notes.push(`At most ${maximum}.`);
  const minItems = num("minItems");
  if (minItems === 1) notes.push("At least one item.");
  else if (minItems !== undefined && minItems > 1) notes.push(`At least ${minItems} items.`);
  if (typeof schema.pattern === "string") notes.push(`Pattern: \`${schema.pattern}\`.`);
  if (typeof schema.format === "string") notes.push(`Format: ${schema.format}.`);
  const def: Json | undefined = schema.default;
  if (def !== undefined) notes.push(`Default: ${JSON.stringify(def)}.`);
  return notes;
}
