import type { ApiModel, Spec } from "@bestsms/spec-model";
import { doc } from "../doc.js";
import { exampleLines } from "../examples.js";
import { camelName, typeBaseName } from "../naming.js";

/**
 * One standalone function per operation (`messagingSmsSendMessage(client, input)`): each pulls
 * in only its own operation spec, so a bundle that calls one operation carries only that one.
 * Input checks come from the client's `validators` option.
 */
export function emitFunctions(spec: Spec, model: ApiModel): string {
  const specImports = new Set<string>();
  const typeImports = new Set<string>();
  const functions: string[] = [];
  for (const op of model.operations) {
    const name = camelName(op.id);
    const base = typeBaseName(op.id);
    specImports.add(`${name}Spec`);
    typeImports.add(`${base}Input`);
    typeImports.add(`${base}Output`);
    const optional = !op.params.some((p) => p.required) && !(op.body?.required ?? false);
    const q = optional ? "?" : "";
    const summary = op.summary ? `${op.summary}.` : op.id;
    functions.push(
      `${doc([summary, "", `\`${op.method.toUpperCase()} ${op.path}\`: the same call as \`client.${op.id}(input)\`; \`core\` is a \`BestSMSCore\`.`, ...exampleLines(spec, op, (args) => `${name}(core${args ? `, ${args}` : ""})`)])}` +
        `export function ${name}(client: BestSMSCore, input${q}: ${base}Input, options?: RequestOptions): APIPromise<${base}Output> {\n` +
        `  return callOperation(client, ${name}Spec, input, options) as APIPromise<${base}Output>;\n}\n`,
    );
    if (op.list) {
      typeImports.add(`${base}Item`);
      functions.push(
        `${doc([`Every item of \`${op.id}\`, page after page, until \`PageCount\`.`, ...exampleLines(spec, op, (args) => `${name}All(core${args ? `, ${args}` : ""})`, true)])}` +
          `export function ${name}All(client: BestSMSCore, input${q}: ${base}Input, options?: RequestOptions): AsyncIterable<${base}Item> {\n` +
          `  return paginate(client, ${name}Spec, input, options) as AsyncIterable<${base}Item>;\n}\n`,
      );
    }
  }
  return [
    'import { type BestSMSCore, callOperation, paginate } from "../core.js";',
    'import type { APIPromise, RequestOptions } from "../internal/types.js";',
    `import { ${[...specImports].sort().join(", ")} } from "./operations.gen.js";`,
    `import type { ${[...typeImports].sort().join(", ")} } from "./operations.gen.js";`,
    "",
    ...functions,
  ].join("\n");
}
