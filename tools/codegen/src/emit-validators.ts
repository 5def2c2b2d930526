import { Ajv } from "ajv";
import standalone from "ajv/dist/standalone/index.js";
import { typeBaseName } from "./emit-operations.js";
import { InputTypeEmitter } from "./input-types.js";
import type { ApiModel } from "./model.js";
import { deref } from "./model.js";
import { isObject, type Json, type JsonObject, type Spec } from "./spec.js";

/** Keywords that only annotate: stripped so the generated code carries no prose. */
const ANNOTATIONS = new Set([
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
const FORMATS: Record<string, RegExp> = {
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

function strip(node: Json): Json {
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
        { type: "object", additionalProperties: false, properties, required },
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
  if (/new Function|\beval\(/.test(code)) throw new Error("ajv output generates code at run time");
  // Give every export a declared type (the functions themselves are untyped JavaScript).
  code = code.replace(
    /export const (validate\w+) = (validate\d+);/g,
    "export const $1: RawValidate = $2;",
  );

  const helperImports = [...imports]
    .sort()
    .map((h) => `import { ${h} } from "../internal/${h}.js";`);
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
