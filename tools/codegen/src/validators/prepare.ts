// Step 1 of the validators: the schemas to compile. The spec's component schemas and one schema
// per operation's parameters and inline body, without annotations, refs pointing into `$defs`,
// and `oneOf`s over destinations turned into a chain that runs only the matching branch.
import {
  ANNOTATIONS,
  type ApiModel,
  deref,
  isObject,
  type Json,
  type JsonObject,
  type Spec,
  schemaComponentName,
} from "@bestsms/spec-model";
import { typeBaseName, webhookTypeName } from "../naming.js";

export interface ValidatorEntry {
  /** Export name: the component name, `<Operation>Params` or `<Operation>Body`. */
  readonly name: string;
  /** The TypeScript type the validator narrows to. */
  readonly type: string;
  readonly kind: "body" | "params" | "webhook";
  readonly operationId?: string;
}

export interface PreparedValidators {
  /** Every schema by name, ready for the engine (`#/$defs/<name>`). */
  readonly defs: JsonObject;
  /** The validators to export, in order. */
  readonly entries: readonly ValidatorEntry[];
}

/** A schema without annotations, its `#/components/schemas/` refs turned into `#/$defs/`. */
export function strip(node: Json): Json {
  if (Array.isArray(node)) return node.map(strip);
  if (!isObject(node)) return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (ANNOTATIONS.has(key) || key.startsWith("x-")) continue;
    if (key === "$ref" && typeof value === "string") {
      out.$ref = value.replace(/^#\/components\/schemas\//, "#/$defs/");
      continue;
    }
    // `properties` maps names to schemas: strip inside each, never the names themselves.
    if (
      (key === "properties" || key === "$defs" || key === "patternProperties") &&
      isObject(value)
    ) {
      out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, strip(v)]));
      continue;
    }
    out[key] = strip(value);
  }
  return out;
}

/**
 * A `oneOf` whose branches are objects that each require a key no other branch has (a
 * destination: `Recipient`, `ContactID` or `GroupID`) becomes "one of the keys is required" plus
 * an if/then chain on the keys. Same verdicts, but only the matching branch runs: the error
 * lists stay short (the mismatching branches no longer report) and validation is several times
 * faster on long recipient lists.
 */
export function discriminate(node: Json, defs: JsonObject): Json {
  if (Array.isArray(node)) return node.map((item) => discriminate(item, defs));
  if (!isObject(node)) return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) out[key] = discriminate(value, defs);
  const branches = out.oneOf;
  if (!Array.isArray(branches) || branches.length < 2) return out;
  const resolved = branches.map((branch) => {
    let target: Json | undefined = branch;
    while (isObject(target) && typeof target.$ref === "string") {
      target = defs[target.$ref.replace("#/$defs/", "")];
    }
    return isObject(target) ? target : {};
  });
  const propsOf = (s: JsonObject): string[] =>
    isObject(s.properties) ? Object.keys(s.properties) : [];
  const keys = resolved.map((s, i) => {
    const required = Array.isArray(s.required)
      ? s.required.filter((r): r is string => typeof r === "string")
      : [];
    return required.find((name) =>
      resolved.every((other, j) => j === i || !propsOf(other).includes(name)),
    );
  });
  if (keys.some((k) => k === undefined) || resolved.some((s) => s.additionalProperties !== false))
    return out;
  let chain: JsonObject | undefined;
  for (let i = branches.length - 1; i >= 0; i--) {
    const step: JsonObject = {
      if: { type: "object", required: [keys[i] as string] },
      // biome-ignore lint/suspicious/noThenProperty: JSON Schema's `then`; the object is only serialised.
      then: branches[i] as Json,
    };
    if (chain) step.else = chain;
    chain = step;
  }
  const { oneOf: _dropped, ...rest } = out;
  return {
    ...rest,
    anyOf: keys.map((k) => ({ type: "object", required: [k as string] })),
    allOf: [chain as JsonObject],
  };
}

/** The schema of an operation's path and query parameters, by wire name. */
function paramsSchema(op: ApiModel["operations"][number]): JsonObject {
  const properties: JsonObject = {};
  const required: string[] = [];
  for (const p of op.params) {
    properties[p.wire] = p.schema;
    if (p.required) required.push(p.wire);
  }
  return { ...op.paramRules, type: "object", additionalProperties: false, properties, required };
}

/** The validators of every request body, parameter set and webhook payload, and their schemas. */
export function prepareValidators(spec: Spec, model: ApiModel): PreparedValidators {
  const components = isObject(spec.root.components) ? spec.root.components : {};
  const schemas = isObject(components.schemas) ? components.schemas : {};
  const defs: JsonObject = {};
  for (const [name, schema] of Object.entries(schemas)) defs[name] = strip(schema);

  const entries: ValidatorEntry[] = [];
  const add = (entry: ValidatorEntry, schema: Json | undefined): void => {
    if (entries.some((e) => e.name === entry.name)) return;
    if (schema !== undefined) defs[entry.name] = strip(schema);
    entries.push(entry);
  };
  const componentType = (name: string): string => `components["schemas"][${JSON.stringify(name)}]`;

  for (const op of model.operations) {
    const base = typeBaseName(op.id);
    if (op.params.length > 0) {
      const name = `${base}Params`;
      add({ name, type: name, kind: "params", operationId: op.id }, paramsSchema(op));
    }
    if (op.body) {
      const component = schemaComponentName(op.body.schema);
      const type = component
        ? componentType(component)
        : `NonNullable<operations[${JSON.stringify(op.id)}]["requestBody"]>["content"]["application/json"]`;
      add(
        { name: component ?? `${base}Body`, type, kind: "body", operationId: op.id },
        component ? undefined : op.body.schema,
      );
    }
  }
  for (const hook of model.webhooks) {
    const component = schemaComponentName(hook.schema);
    add(
      {
        name: component ?? webhookTypeName(hook.name),
        type: component ? componentType(component) : "unknown",
        kind: "webhook",
      },
      component ? undefined : deref(spec, hook.schema),
    );
  }
  for (const [name, schema] of Object.entries(defs)) defs[name] = discriminate(schema, defs);
  return { defs, entries };
}
