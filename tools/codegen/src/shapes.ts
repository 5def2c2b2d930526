import {
  deref,
  isObject,
  type JsonObject,
  namingOf,
  readInputExtension,
  type Spec,
} from "@bestsms/spec-model";

/**
 * How an input value becomes its wire value: renamed keys, nested shapes, a lone item for an
 * array, a bare string for an object. The client's hand-written mapper reads this.
 */
export interface Shape {
  rename?: Record<string, string>;
  fields?: Record<string, Shape>;
  items?: Shape;
  single?: true;
  shorthand?: string;
}

function isEmpty(shape: Shape): boolean {
  return Object.keys(shape).length === 0;
}

function merge(spec: Spec, pointer: string, a: Shape, b: Shape): Shape {
  const out: Shape = { ...a };
  if (b.rename) {
    out.rename = { ...a.rename };
    for (const [from, to] of Object.entries(b.rename)) {
      if (out.rename[from] !== undefined && out.rename[from] !== to) {
        throw spec.error(
          pointer,
          `input name '${from}' maps to both '${out.rename[from]}' and '${to}'`,
        );
      }
      out.rename[from] = to;
    }
  }
  if (b.fields) {
    out.fields = { ...a.fields };
    for (const [key, value] of Object.entries(b.fields)) {
      const before = out.fields[key];
      out.fields[key] = before ? merge(spec, pointer, before, value) : value;
    }
  }
  if (b.items) out.items = a.items ? merge(spec, pointer, a.items, b.items) : b.items;
  if (b.single) out.single = true;
  if (b.shorthand !== undefined) {
    if (a.shorthand !== undefined && a.shorthand !== b.shorthand) {
      throw spec.error(pointer, `two shorthands ('${a.shorthand}', '${b.shorthand}') in one place`);
    }
    out.shorthand = b.shorthand;
  }
  return out;
}

/** The shape of a schema, or undefined when input and wire are the same. */
export function shapeOf(
  spec: Spec,
  schema: JsonObject,
  pointer: string,
  seen = new Set<string>(),
): Shape | undefined {
  if (typeof schema.$ref === "string") {
    if (seen.has(schema.$ref)) return undefined;
    const next = new Set(seen).add(schema.$ref);
    return shapeOf(spec, deref(spec, schema), schema.$ref, next);
  }
  let shape: Shape = {};
  const ext = readInputExtension(spec, schema, pointer);
  if (ext.shorthand !== undefined) shape.shorthand = ext.shorthand;
  for (const key of ["allOf", "oneOf", "anyOf"] as const) {
    const list = schema[key];
    if (!Array.isArray(list)) continue;
    list.forEach((part, i) => {
      if (!isObject(part)) return;
      const inner = shapeOf(spec, part, `${pointer}/${key}/${i}`, seen);
      if (inner) shape = merge(spec, pointer, shape, inner);
    });
  }
  if (isObject(schema.properties)) {
    for (const [wire, value] of Object.entries(schema.properties)) {
      if (!isObject(value)) continue;
      const at = `${pointer}/properties/${wire}`;
      const naming = namingOf(spec, wire, value, at);
      const rename: Record<string, string> = {};
      // Every accepted name when any differs from the wire's (the wire name itself included
      // only when it is accepted), so the client can tell a wire-only name from an input name.
      const names = [naming.name, ...naming.aliases];
      if (names.some((name) => name !== wire)) for (const name of names) rename[name] = wire;
      let inner = shapeOf(spec, value, at, seen);
      if (naming.single) inner = { ...inner, single: true };
      const part: Shape = {};
      if (Object.keys(rename).length > 0) part.rename = rename;
      if (inner && !isEmpty(inner)) part.fields = { [wire]: inner };
      shape = merge(spec, pointer, shape, part);
    }
  }
  if (isObject(schema.items)) {
    const inner = shapeOf(spec, schema.items, `${pointer}/items`, seen);
    if (inner) shape = merge(spec, pointer, shape, { items: inner });
  }
  return isEmpty(shape) ? undefined : shape;
}
