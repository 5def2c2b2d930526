// The validation package's two generated files: ajv's compiled validators (validators.gen.ts)
// and the typed, Standard Schema wrappers around them (schemas.gen.ts).
import type { ApiModel, Spec } from "@bestsms/spec-model";
import { InputTypeEmitter } from "../input-types.js";
import { lowerFirst, typeBaseName } from "../naming.js";
import { compileValidators } from "../validators/engine.js";
import { prepareValidators, type ValidatorEntry } from "../validators/prepare.js";
import { rewriteValidators } from "../validators/rewrite.js";

/** The module under packages/validation/src/internal/ of a helper whose file is not its name. */
const HELPER_MODULES: Record<string, string> = {
  reportError: "report-error",
  mergeErrors: "report-error",
  isObject: "report-error",
};

export interface ValidatorOutputs {
  readonly code: string;
  readonly wrappers: string;
  /** The exported validator names of each operation's parameters and body. */
  readonly byOperation: ReadonlyMap<string, { params?: string; body?: string }>;
}

/** The parameter types the params validators narrow to: one interface per operation. */
function paramTypes(spec: Spec, model: ApiModel): string[] {
  const emitter = new InputTypeEmitter(spec);
  return model.operations
    .filter((op) => op.params.length > 0)
    .map((op) => {
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
      return `/** Path and query parameters of \`${op.id}\`, by wire name. */\nexport interface ${typeBaseName(op.id)}Params ${type}\n`;
    });
}

/** What an entry validates, in words. */
function subject(e: ValidatorEntry): string {
  if (e.kind === "params") return `the path and query parameters of \`${e.operationId}\``;
  if (e.kind === "body") return `the request body of \`${e.operationId}\``;
  return "a webhook payload";
}

/** One line per operation of a table by operationId: `"id": { params: …, body: … },`. */
function operationEntries(
  model: ApiModel,
  slots: ReadonlyMap<string, { params?: string; body?: string }>,
): string[] {
  return model.operations.map((op) => {
    const slot = slots.get(op.id) ?? {};
    const parts = [
      slot.params ? `params: ${slot.params}` : "",
      slot.body ? `body: ${slot.body}` : "",
    ].filter(Boolean);
    return `  ${JSON.stringify(op.id)}: { ${parts.join(", ")} },`;
  });
}

/** Standalone validators for every request body, parameter set and webhook payload. */
export function emitValidators(spec: Spec, model: ApiModel): ValidatorOutputs {
  const prepared = prepareValidators(spec, model);
  const { code, helpers } = rewriteValidators(compileValidators(prepared));
  const byModule = new Map<string, string[]>();
  for (const h of [...helpers].sort()) {
    const module = HELPER_MODULES[h] ?? h;
    byModule.set(module, [...(byModule.get(module) ?? []), h]);
  }
  const helperImports = [...byModule]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([module, names]) => `import { ${names.join(", ")} } from "../internal/${module}.js";`);
  const codeFile = [
    "// @ts-nocheck -- ajv's standalone output is untyped JavaScript; its exports are typed below.",
    ...helperImports,
    'import type { RawValidate } from "../internal/raw-validate.js";',
    "",
    code,
  ].join("\n");

  const wrappers: string[] = [
    'import { createChecks, createValidator, type OperationChecks, type Validator } from "../internal/validator.js";',
    'import type { components, operations } from "./api.gen.js";',
    'import * as raw from "./validators.gen.js";',
    "",
    ...paramTypes(spec, model),
  ];
  const byOperation = new Map<string, { params?: string; body?: string }>();
  const rawByOperation = new Map<string, { params?: string; body?: string }>();
  for (const e of prepared.entries) {
    const what = subject(e);
    const lower = lowerFirst(e.name);
    wrappers.push(
      `/** Validates ${what} (\`${e.name}\` in the spec). Implements Standard Schema v1. */`,
      `export const ${lower}: Validator<${e.type}> = /* @__PURE__ */ createValidator<${e.type}>(${JSON.stringify(e.name)}, raw.validate${e.name});`,
      `/** True when \`value\` is valid ${what}. */`,
      `export function is${e.name}(value: unknown): value is ${e.type} {\n  return ${lower}.is(value);\n}`,
      `/** Throws a \`SchemaValidationError\` naming every problem unless \`value\` is valid ${what}. */`,
      `export function assert${e.name}(value: unknown): asserts value is ${e.type} {\n  ${lower}.assert(value);\n}`,
      "",
    );
    if (!e.operationId) continue;
    const slot = byOperation.get(e.operationId) ?? {};
    const rawSlot = rawByOperation.get(e.operationId) ?? {};
    if (e.kind === "params") {
      slot.params = lower;
      rawSlot.params = `raw.validate${e.name}`;
    } else {
      slot.body = lower;
      rawSlot.body = `raw.validate${e.name}`;
    }
    byOperation.set(e.operationId, slot);
    rawByOperation.set(e.operationId, rawSlot);
  }
  wrappers.push(
    "/** The validators of each operation's parameters and body, by operationId. */",
    "export const operationValidators: {",
    "  readonly [id: string]: { readonly params?: Validator<unknown>; readonly body?: Validator<unknown> };",
    "} = {",
    ...operationEntries(model, byOperation),
    "};",
    "",
    "/**",
    " * The same checks as {@link operationValidators}, each only its `validate`: what `BestSMS` runs",
    " * before a request. A program that uses these and not the named validators does not carry the",
    " * schemas' names, `is`, `assert` or Standard Schema.",
    " */",
    "export const operationChecks: { readonly [id: string]: OperationChecks } = /* @__PURE__ */ createChecks({",
    ...operationEntries(model, rawByOperation),
    "});",
  );
  return { code: codeFile, wrappers: wrappers.join("\n"), byOperation };
}
