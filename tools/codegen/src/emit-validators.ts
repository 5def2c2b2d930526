import { Ajv } from "ajv";
import standalone from "ajv/dist/standalone/index.js";
import nextVocabulary from "ajv/dist/vocabularies/next.js";
import { typeBaseName } from "./emit-operations.js";
import { InputTypeEmitter } from "./input-types.js";
import type { ApiModel } from "./model.js";
import { deref } from "./model.js";
import { isObject, type Json, type JsonObject, type Spec } from "./spec.js";

/** Keywords that only annotate: stripped so the generated code carries no prose. */
export const ANNOTATIONS: ReadonlySet<string> = new Set([
  "description",
  "summary",
  "title",
  "examples",
  "example",
  "default",
  "xml",
  "externalDocs",
  "deprecated",
  "readOnly",
  "writeOnly",
  "$comment",
]);

/**
 * Formats the spec uses, as regular expressions (ajv inlines them as literals: nothing to import
 * at run time). Deliberately pragmatic: they catch typos, the service has the last word.
 */
export const FORMATS: Record<string, RegExp> = {
  email: /^[^\s@"<>()[\]\\,;:]+@[^\s@"<>()[\]\\,;:]+\.[^\s@"<>()[\]\\,;:]+$/,
  uri: /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]*$/,
  "date-time":
    /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[Tt ]([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)$/,
  date: /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/,
};

/** Run-time helpers ajv's output may ask for, and what the package provides instead. */
const RUNTIME: Record<string, string> = {
  "ajv/dist/runtime/ucs2length": "ucs2length",
};

/** The module under packages/validation/src/internal/ of a helper whose file is not its name. */
const HELPER_MODULES: Record<string, string> = { reportError: "report-error" };

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
function discriminate(node: Json, defs: JsonObject): Json {
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

/**
 * ajv's output keeps whole schemas as constants where it only reads a few parts of them (the
 * property names of a closed object, an enum's values). Keep just the parts the code reads; a
 * property's subschema, never read, becomes `true`.
 */
function pruneSchemaConstants(code: string): string {
  return code.replace(
    /const (schema\d+) = (\{.*?\});(?=const |function |export )/g,
    (whole, name: string, json: string) => {
      let schema: unknown;
      try {
        schema = JSON.parse(json);
      } catch {
        return whole;
      }
      const uses = [...code.matchAll(new RegExp(`\\b${name}((?:\\.[A-Za-z_$][\\w$]*)+)`, "g"))].map(
        (m) => (m[1] as string).slice(1).split("."),
      );
      if (uses.length === 0) return whole;
      const pruned: Record<string, unknown> = {};
      for (const path of uses) {
        let from: unknown = schema;
        for (const key of path)
          from = isObject(from as Json) ? (from as JsonObject)[key] : undefined;
        if (from === undefined) return whole;
        const [first, ...rest] = path;
        if (first === undefined || rest.length > 0) return whole;
        pruned[first] =
          first === "properties" && isObject(from as Json)
            ? Object.fromEntries(Object.keys(from as JsonObject).map((k) => [k, true]))
            : from;
      }
      return `const ${name} = ${JSON.stringify(pruned)};`;
    },
  );
}

export interface ValidatorEntry {
  /** Export name: the component name, `<Operation>Params` or `<Operation>Body`. */
  readonly name: string;
  /** The TypeScript type the validator narrows to. */
  readonly type: string;
  readonly kind: "body" | "params" | "webhook";
  readonly operationId?: string;
}

export interface ValidatorOutputs {
  readonly code: string;
  readonly wrappers: string;
  /** The exported validator names of each operation's parameters and body. */
  readonly byOperation: ReadonlyMap<string, { params?: string; body?: string }>;
}

/** Standalone validators for every request body, parameter set and webhook payload. */
export function emitValidators(spec: Spec, model: ApiModel): ValidatorOutputs {
  const components = isObject(spec.root.components) ? spec.root.components : {};
  const schemas = isObject(components.schemas) ? components.schemas : {};
  const defs: JsonObject = {};
  for (const [name, schema] of Object.entries(schemas)) defs[name] = strip(schema);

  const entries: ValidatorEntry[] = [];
  const paramTypes: string[] = [];
  const emitter = new InputTypeEmitter(spec);
  const add = (entry: ValidatorEntry, schema: Json | undefined): void => {
    if (entries.some((e) => e.name === entry.name)) return;
    if (schema !== undefined) defs[entry.name] = strip(schema);
    entries.push(entry);
  };
  const componentOf = (schema: JsonObject): string | undefined =>
    typeof schema.$ref === "string"
      ? /^#\/components\/schemas\/([^/]+)$/.exec(schema.$ref)?.[1]
      : undefined;

  for (const op of model.operations) {
    const base = typeBaseName(op.id);
    if (op.params.length > 0) {
      const properties: JsonObject = {};
      const required: string[] = [];
      for (const p of op.params) {
        properties[p.wire] = p.schema;
        if (p.required) required.push(p.wire);
      }
      add(
        { name: `${base}Params`, type: `${base}Params`, kind: "params", operationId: op.id },
        { ...op.paramRules, type: "object", additionalProperties: false, properties, required },
      );
      const type = emitter.objectType({
        closed: true,
        properties: op.params.map((p) => ({
          wire: p.wire,
          schema: p.schema,
          required: p.required,
          pointer: p.pointer,
          naming: { name: p.wire, aliases: [], single: false },
          description: p.description,
        })),
      });
      paramTypes.push(
        `/** Path and query parameters of \`${op.id}\`, by wire name. */\nexport interface ${base}Params ${type}\n`,
      );
    }
    if (op.body) {
      const component = componentOf(op.body.schema);
      if (component) {
        add(
          {
            name: component,
            type: `components["schemas"][${JSON.stringify(component)}]`,
            kind: "body",
            operationId: op.id,
          },
          undefined,
        );
      } else {
        add(
          {
            name: `${base}Body`,
            type: `NonNullable<operations[${JSON.stringify(op.id)}]["requestBody"]>["content"]["application/json"]`,
            kind: "body",
            operationId: op.id,
          },
          op.body.schema,
        );
      }
    }
  }
  for (const hook of model.webhooks) {
    const component = componentOf(hook.schema);
    const name = component ?? `${hook.name.charAt(0).toUpperCase()}${hook.name.slice(1)}Webhook`;
    add(
      {
        name,
        type: component ? `components["schemas"][${JSON.stringify(component)}]` : "unknown",
        kind: "webhook",
      },
      component ? undefined : deref(spec, hook.schema),
    );
  }

  // ajv's draft-07 engine with `$defs`: the spec's request and webhook schemas use only keywords
  // that draft shares with 2020-12 (strict mode fails generation on any other), and unlike the
  // 2020 engine it emits no `evaluated` bookkeeping, so each validator is a plain function a
  // bundler can drop when unused.
  const ajv = new Ajv({
    strict: true,
    // `required` beside `allOf: [$ref]` names properties ajv cannot see locally; the
    // generator's own flattening checks those names instead (InputTypeEmitter.flatten).
    strictRequired: false,
    allErrors: true,
    messages: false,
    formats: FORMATS,
    code: { source: true, esm: true, lines: false },
  });
  // dependentRequired / dependentSchemas (rules across query parameters), from 2019-09 on.
  // Node's CommonJS interop hands over the module object, vite's its default export.
  const interop = nextVocabulary as unknown as { default?: typeof nextVocabulary.default };
  ajv.addVocabulary(
    interop.default ?? (nextVocabulary as unknown as typeof nextVocabulary.default),
  );
  for (const [name, schema] of Object.entries(defs)) defs[name] = discriminate(schema, defs);
  ajv.addSchema({ $id: "bestsms", $defs: defs });
  const refs = Object.fromEntries(
    entries.map((e) => [`validate${e.name}`, `bestsms#/$defs/${e.name}`]),
  );
  let code = standalone.default(ajv, refs).replace(/^"use strict";/, "");
  const imports = new Set<string>();
  code = code.replace(/require\("([^"]+)"\)\.default/g, (_match: string, module: string) => {
    const helper = RUNTIME[module];
    if (!helper) throw new Error(`ajv output needs ${module}, which has no ESM replacement`);
    imports.add(helper);
    return helper;
  });
  if (/\brequire\(/.test(code)) throw new Error("ajv output still calls require()");
  // Issues are told by instancePath, keyword and params; schema paths would only add weight.
  code = code.replace(/schemaPath:\s*"(?:[^"\\]|\\.)*",?/g, "");
  // Each failed check adds its error with one call (`vErrors = reportError(vErrors, error)`)
  // instead of ajv's inline list handling, the same at every check.
  code = code.replace(
    /if\s*\(vErrors === null\)\s*\{\s*vErrors = \[(err\d+)\];?\s*\}\s*else\s*\{\s*vErrors\.push\(\1\);?\s*\}/g,
    "vErrors = reportError(vErrors, $1);",
  );
  if (/vErrors\.push\(|vErrors = \[/.test(code)) {
    throw new Error("ajv output adds an error in a form the generator does not rewrite");
  }
  // The error object goes straight into the call: no constant named for one use.
  code = code.replace(
    /const (err\d+) = (\{[^;]*?\});\s*vErrors = reportError\(vErrors, \1\);/g,
    "vErrors = reportError(vErrors, $2);",
  );
  // dependentRequired's issue names the missing and the given property; the list is not read.
  code = code.replace(/,\s*depsCount: \d+,\s*deps: "(?:[^"\\]|\\.)*"/g, "");
  imports.add("reportError");
  if (/new Function|\beval\(/.test(code)) throw new Error("ajv output generates code at run time");
  code = pruneSchemaConstants(code);
  // Give every export a declared type (the functions themselves are untyped JavaScript).
  code = code.replace(
    /export const (validate\w+) = (validate\d+);/g,
    "export const $1: RawValidate = $2;",
  );

  const helperImports = [...imports]
    .sort()
    .map((h) => `import { ${h} } from "../internal/${HELPER_MODULES[h] ?? h}.js";`);
  const codeFile = [
    "// @ts-nocheck -- ajv's standalone output is untyped JavaScript; its exports are typed below.",
    ...helperImports,
    'import type { RawValidate } from "../internal/raw-validate.js";',
    "",
    code,
  ].join("\n");

  const wrappers: string[] = [
    'import { createValidator, type Validator } from "../internal/validator.js";',
    'import type { components, operations } from "./api.gen.js";',
    'import * as raw from "./validators.gen.js";',
    "",
    ...paramTypes,
  ];
  for (const e of entries) {
    const what =
      e.kind === "params"
        ? `the path and query parameters of \`${e.operationId}\``
        : e.kind === "body"
          ? `the request body of \`${e.operationId}\``
          : "a webhook payload";
    const lower = `${e.name.charAt(0).toLowerCase()}${e.name.slice(1)}`;
    wrappers.push(
      `/** Validates ${what} (\`${e.name}\` in the spec). Implements Standard Schema v1. */`,
      `export const ${lower}: Validator<${e.type}> = /* @__PURE__ */ createValidator<${e.type}>(${JSON.stringify(e.name)}, raw.validate${e.name});`,
      `/** True when \`value\` is valid ${what}. */`,
      `export function is${e.name}(value: unknown): value is ${e.type} {\n  return ${lower}.is(value);\n}`,
      `/** Throws a \`SchemaValidationError\` naming every problem unless \`value\` is valid ${what}. */`,
      `export function assert${e.name}(value: unknown): asserts value is ${e.type} {\n  ${lower}.assert(value);\n}`,
      "",
    );
  }
  const byOperation = new Map<string, { params?: string; body?: string }>();
  for (const e of entries) {
    if (!e.operationId) continue;
    const slot = byOperation.get(e.operationId) ?? {};
    const lower = `${e.name.charAt(0).toLowerCase()}${e.name.slice(1)}`;
    if (e.kind === "params") slot.params = lower;
    else slot.body = lower;
    byOperation.set(e.operationId, slot);
  }
  wrappers.push(
    "/** The validators of each operation's parameters and body, by operationId. */",
    "export const operationValidators: {",
    "  readonly [id: string]: { readonly params?: Validator<unknown>; readonly body?: Validator<unknown> };",
    "} = {",
    ...model.operations.map((op) => {
      const slot = byOperation.get(op.id) ?? {};
      const parts = [
        slot.params ? `params: ${slot.params}` : "",
        slot.body ? `body: ${slot.body}` : "",
      ].filter(Boolean);
      return `  ${JSON.stringify(op.id)}: { ${parts.join(", ")} },`;
    }),
    "};",
  );
  return { code: codeFile, wrappers: wrappers.join("\n"), byOperation };
}
