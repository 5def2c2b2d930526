import {
  type ApiModel,
  isObject,
  type OperationModel,
  type Spec,
  schemaComponentName,
} from "@bestsms/spec-model";
import { doc } from "../doc.js";
import { exampleLines } from "../examples.js";
import { type InputProperty, InputTypeEmitter } from "../input-types.js";
import { camelName, lowerFirst, operationIdUnion, propertyKey, typeBaseName } from "../naming.js";
import { OutputTypeEmitter, outputShapeOf } from "../output-shapes.js";
import { shapeOf } from "../shapes.js";

interface OperationTypes {
  readonly op: OperationModel;
  readonly base: string;
  readonly inputDecl: string;
  readonly inputOptional: boolean;
  readonly output: string;
  readonly item: string | undefined;
}

function inputProperties(emitter: InputTypeEmitter, op: OperationModel): InputProperty[] {
  const props: InputProperty[] = op.params.map((p) => ({
    wire: p.wire,
    schema: p.schema,
    required: p.required,
    pointer: p.pointer,
    naming: p.naming,
    description: p.description,
  }));
  if (op.body) props.push(...emitter.flatten(op.body.inputSchema, op.body.pointer).properties);
  return props;
}

/** The operation table and every SDK method's input and output types. */
export function emitOperations(spec: Spec, model: ApiModel): string {
  const emitter = new InputTypeEmitter(spec);
  const outputs = new OutputTypeEmitter(spec);
  const types: OperationTypes[] = model.operations.map((op) => {
    const base = typeBaseName(op.id);
    const props = inputProperties(emitter, op);
    const closed = op.body ? emitter.flatten(op.body.inputSchema, op.body.pointer).closed : true;
    const type = emitter.objectType({ properties: props, closed });
    const isLiteral = type.startsWith("{") && !type.includes("} &") && !type.includes("} |");
    const title = `Input of \`${op.id}\` (${op.method.toUpperCase()} ${op.path}).`;
    const inputDecl = isLiteral
      ? `${doc([title])}export interface ${base}Input ${type}\n`
      : `${doc([title])}export type ${base}Input = ${type};\n`;
    const ref = schemaComponentName(op.response);
    const wire = ref
      ? `components["schemas"][${JSON.stringify(ref)}]`
      : `operations[${JSON.stringify(op.id)}]["responses"][200]["content"]["application/json"]`;
    const output = `Normalized<${outputs.responseType(op.response, `${op.pointer}/responses/200`, wire)}>`;
    const item = op.list
      ? `NonNullable<${base}Output[${JSON.stringify(op.list.items)}]>[number]`
      : undefined;
    return { op, base, inputDecl, inputOptional: !props.some((p) => p.required), output, item };
  });

  const out: string[] = [];
  out.push(
    `import type { APIPromise, Normalized, OperationSpec, ${outputs.declarations().length > 0 ? "Replace, " : ""}RequestOptions } from "../internal/types.js";`,
  );
  // The wire types are generated once, into @bestsms/validation, which the client depends on.
  out.push('import type { components, operations } from "@bestsms/validation";\n');
  out.push(
    `${doc([`The version of ${model.title} this SDK was generated from.`])}export const apiVersion = ${JSON.stringify(model.version)};\n`,
    `${doc(["The API's base URL: the spec's first server, its variables at their defaults."])}export const defaultBaseUrl = ${JSON.stringify(model.baseUrl)};\n`,
  );

  out.push(`${operationIdUnion(types.map((t) => t.op.id))}\n`);

  out.push("// Input types of the schemas operations share, with the documented input names.\n");
  const perOperation: string[] = [];
  for (const t of types) {
    perOperation.push(t.inputDecl);
    perOperation.push(
      `${doc([`Output of \`${t.op.id}\`: the wire's 200 response (\`ErrorMessage\` always a list).`])}export type ${t.base}Output = ${t.output};\n`,
    );
    if (t.item) {
      perOperation.push(
        `${doc([`One item of a page of \`${t.op.id}\` (\`${t.op.list?.items}\`).`])}export type ${t.base}Item = ${t.item};\n`,
      );
    }
  }
  // Shared declarations are known only once every operation's input has been emitted.
  out.push(...emitter.declarations());
  const records = outputs.declarations();
  if (records.length > 0) {
    out.push("// Records as the client returns them, with the reference document's names.\n");
    out.push(...records);
  }
  out.push("// Per operation: input, output and, for paged lists, one item.\n");
  out.push(...perOperation);

  out.push(
    `${doc(["Input, output and item type of every operation, by operationId."])}export interface OperationTypes {`,
  );
  for (const t of types) {
    const member = (name: string, type: string, text: string): string =>
      `${doc([text]).replace(/^/gm, "    ")}    ${name}: ${type};`;
    out.push(
      `${doc([`\`${t.op.id}\` (${t.op.method.toUpperCase()} ${t.op.path}).`]).replace(/^/gm, "  ")}  ${JSON.stringify(t.op.id)}: {`,
      member(
        "input",
        `${t.base}Input`,
        "What the SDK method takes, by the documented input names.",
      ),
      member("output", `${t.base}Output`, "What it returns: the wire's 200 response."),
      member(
        "item",
        t.item ? `${t.base}Item` : "never",
        t.item ? `One item of a page (\`${t.op.list?.items}\`).` : "`never`: not a paged list.",
      ),
      "  };",
    );
  }
  out.push("}\n");

  out.push(emitResources(spec, types));
  out.push(emitTable(spec, model));
  return out.join("\n");
}

interface TreeNode {
  children: Map<string, TreeNode>;
  leaf?: OperationTypes;
}

/**
 * What a branch of the resource tree holds: the description of the spec's tag of that name
 * (`actions` → the `Actions` tag), otherwise the summaries of the operations under it.
 */
function branchDoc(spec: Spec, path: readonly string[], node: TreeNode): string {
  const name = path[path.length - 1] ?? "";
  const tags = Array.isArray(spec.root.tags) ? spec.root.tags : [];
  for (const tag of tags) {
    if (!isObject(tag) || typeof tag.name !== "string" || typeof tag.description !== "string")
      continue;
    if (tag.name.toLowerCase() === name.toLowerCase()) return tag.description;
  }
  const summaries: string[] = [];
  const collect = (n: TreeNode): void => {
    if (n.leaf?.op.summary) {
      const s = n.leaf.op.summary;
      summaries.push(lowerFirst(s));
    }
    for (const child of n.children.values()) collect(child);
  };
  collect(node);
  const list = summaries.length > 0 ? `: ${summaries.join("; ")}` : "";
  return `\`${path.join(".")}\`${list}.`;
}

function emitResources(spec: Spec, types: readonly OperationTypes[]): string {
  const root: TreeNode = { children: new Map() };
  for (const t of types) {
    let node = root;
    for (const segment of t.op.segments.slice(0, -1)) {
      let next = node.children.get(segment);
      if (!next) {
        next = { children: new Map() };
        node.children.set(segment, next);
      }
      node = next;
    }
    node.children.set(t.op.segments[t.op.segments.length - 1] as string, {
      children: new Map(),
      leaf: t,
    });
  }
  const render = (node: TreeNode, indent: string, path: readonly string[]): string => {
    const lines: string[] = [];
    for (const [name, child] of node.children) {
      const t = child.leaf;
      if (!t) {
        const at = [...path, name];
        lines.push(
          `${doc([branchDoc(spec, at, child)]).replace(/^/gm, indent)}${indent}readonly ${propertyKey(name)}: {\n${render(child, `${indent}  `, at)}${indent}};`,
        );
        continue;
      }
      const q = t.inputOptional ? "?" : "";
      const docLines = [
        t.op.summary ? `${t.op.summary}.` : undefined,
        "",
        t.op.description,
        "",
        `\`${t.op.method.toUpperCase()} ${t.op.path}\` (\`${t.op.id}\`)`,
        ...exampleLines(spec, t.op, (args) => `client.${t.op.id}(${args})`),
        t.op.deprecated ? "@deprecated" : undefined,
      ];
      lines.push(
        `${doc(docLines).replace(/^/gm, indent)}${indent}${propertyKey(name)}(input${q}: ${t.base}Input, options?: RequestOptions): APIPromise<${t.base}Output>;`,
      );
      if (t.item) {
        const listDoc = [
          `Every item of \`${t.op.id}\`, page after page, until \`PageCount\`.`,
          "",
          `Yields the \`${t.op.list?.items}\` of each page; \`Page\` in the input is where it starts.`,
          ...exampleLines(spec, t.op, (args) => `client.${t.op.id}All(${args})`, true),
        ];
        lines.push(
          `${doc(listDoc).replace(/^/gm, indent)}${indent}${propertyKey(`${name}All`)}(input${q}: ${t.base}Input, options?: RequestOptions): AsyncIterable<${t.base}Item>;`,
        );
      }
    }
    return `${lines.join("\n")}\n`;
  };
  return `${doc(["The resource tree of the client: one method per operation, named by its operationId."])}export interface Resources {\n${render(root, "  ", [])}}\n`;
}

function emitTable(spec: Spec, model: ApiModel): string {
  const consts = model.operations.map((op) => {
    const params = (where: "path" | "query"): string =>
      op.params
        .filter((p) => p.in === where)
        .map((p) => {
          const names = [p.naming.name, ...p.naming.aliases];
          return `{ wire: ${JSON.stringify(p.wire)}, names: ${JSON.stringify(names)}, required: ${p.required} }`;
        })
        .join(", ");
    const fields: string[] = [
      `id: ${JSON.stringify(op.id)}`,
      `method: ${JSON.stringify(op.method.toUpperCase())}`,
      `path: ${JSON.stringify(op.path)}`,
      `pathParams: [${params("path")}]`,
      `queryParams: [${params("query")}]`,
    ];
    if (op.body) {
      const shape = shapeOf(spec, op.body.inputSchema, op.body.pointer);
      const body: string[] = [];
      if (op.body.envelope) body.push(`envelope: ${JSON.stringify(op.body.envelope)}`);
      if (shape) body.push(`shape: ${JSON.stringify(shape)}`);
      if (op.body.generated) body.push(`generated: ${JSON.stringify(op.body.generated)}`);
      fields.push(body.length > 0 ? `body: { ${body.join(", ")} }` : "body: {}");
    }
    if (op.list) fields.push(`list: { items: ${JSON.stringify(op.list.items)} }`);
    const output = outputShapeOf(spec, op.response, `${op.pointer}/responses/200`);
    if (output) fields.push(`output: ${JSON.stringify(output)}`);
    return `${doc([`How to call \`${op.id}\` (${op.method.toUpperCase()} ${op.path}).`])}export const ${camelName(op.id)}Spec: OperationSpec = { ${fields.join(", ")} };\n`;
  });
  const entries = model.operations.map(
    (op) => `  ${JSON.stringify(op.id)}: ${camelName(op.id)}Spec,`,
  );
  return `${consts.join("\n")}\n${doc([
    "What the client needs at run time to call each operation: method, path, where each input",
    "field goes, how documented names map to the wire, and which operations are paged lists.",
  ])}export const operationTable: { readonly [K in OperationId]: OperationSpec } = {\n${entries.join("\n")}\n};\n`;
}
