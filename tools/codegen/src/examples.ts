// Doc-comment examples of the SDK's methods, made from the spec's own examples: the wire example
// of the body (its envelope taken off) and of each parameter, turned back into the documented
// input names through the same shapes the client uses to go the other way.
import { isObject, type Json, type OperationModel, type Spec } from "@bestsms/spec-model";
import { propertyKey } from "./naming.js";
import { type Shape, shapeOf } from "./shapes.js";

/** Wire name → the documented input name (the first input name that maps to it). */
function inputNames(shape: Shape | undefined): Map<string, string> {
  const names = new Map<string, string>();
  for (const [input, wire] of Object.entries(shape?.rename ?? {})) {
    if (!names.has(wire)) names.set(wire, input);
  }
  return names;
}

/** A wire value as input: keys renamed to their documented names, to any depth. */
function toInput(value: Json, shape: Shape | undefined): Json {
  if (Array.isArray(value)) return value.map((item) => toInput(item, shape?.items));
  if (!isObject(value)) return value;
  const names = inputNames(shape);
  const out: Record<string, Json> = {};
  for (const [wire, inner] of Object.entries(value)) {
    out[names.get(wire) ?? wire] = toInput(inner, shape?.fields?.[wire]);
  }
  return out;
}

/** The operation's input built from the spec's examples, or undefined when a required part has none. */
export function exampleInput(spec: Spec, op: OperationModel): Record<string, Json> | undefined {
  const input: Record<string, Json> = {};
  for (const param of op.params) {
    if (param.example === undefined) {
      if (param.required) return undefined;
      continue;
    }
    input[param.naming.name] = param.example;
  }
  if (op.body) {
    let body = op.body.example;
    if (body === undefined) return op.body.required ? undefined : input;
    if (op.body.envelope !== undefined) body = isObject(body) ? body[op.body.envelope] : undefined;
    if (!isObject(body)) return undefined;
    const converted = toInput(body, shapeOf(spec, op.body.inputSchema, op.body.pointer));
    if (isObject(converted)) Object.assign(input, converted);
  }
  return input;
}

/** A value as TypeScript source, indented for a doc comment's code block. */
export function literal(value: Json, indent = ""): string {
  const flat = flatLiteral(value);
  if (flat !== undefined && indent.length + flat.length <= 72) return flat;
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    const inner = `${indent}  `;
    return `[\n${value.map((item) => `${inner}${literal(item, inner)},`).join("\n")}\n${indent}]`;
  }
  if (isObject(value)) {
    const entries = Object.entries(value);
    if (entries.length === 0) return "{}";
    const inner = `${indent}  `;
    const lines = entries.map(([k, v]) => `${inner}${propertyKey(k)}: ${literal(v, inner)},`);
    return `{\n${lines.join("\n")}\n${indent}}`;
  }
  return JSON.stringify(value);
}

/** A value of scalars only as one line of source, or undefined when it nests. */
function flatLiteral(value: Json): string | undefined {
  const scalar = (v: Json): boolean => v === null || typeof v !== "object";
  if (Array.isArray(value)) {
    return value.every(scalar) ? `[${value.map((v) => JSON.stringify(v)).join(", ")}]` : undefined;
  }
  if (isObject(value)) {
    const entries = Object.entries(value);
    if (entries.length === 0) return "{}";
    if (!entries.every(([, v]) => scalar(v))) return undefined;
    return `{ ${entries.map(([k, v]) => `${propertyKey(k)}: ${JSON.stringify(v)}`).join(", ")} }`;
  }
  return JSON.stringify(value);
}

/**
 * The lines of an `@example` for an operation with the spec's example input: `call` makes the
 * call from the arguments' source (`client.messaging.sms.sendMessage({…})`); with `each`, the
 * example walks every item of a paged list (`for await (const item of …All({…}))`).
 */
export function exampleLines(
  spec: Spec,
  op: OperationModel,
  call: (args: string) => string,
  each = false,
): string[] {
  const input = exampleInput(spec, op);
  if (input === undefined) return [];
  const args = Object.keys(input).length === 0 ? "" : literal(input);
  const body = each
    ? [`for await (const item of ${call(args)}) {`, "  console.log(item);", "}"]
    : [`const result = await ${call(args)};`];
  return ["", "@example", "```ts", ...body, "```"];
}
