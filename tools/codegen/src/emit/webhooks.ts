import { type ApiModel, deref, isObject, type JsonObject, type Spec } from "@bestsms/spec-model";
import { doc } from "../doc.js";
import { InputTypeEmitter } from "../input-types.js";
import { propertyKey, webhookTypeName } from "../naming.js";

/**
 * The type of a webhook field. Strings with `examples` and no `enum` become open literal unions:
 * the known words autocomplete, and a word the service adds later still type-checks.
 */
function fieldType(
  spec: Spec,
  emitter: InputTypeEmitter,
  schema: JsonObject,
  pointer: string,
): string {
  const target = deref(spec, schema);
  const own = isObject(schema) && Array.isArray(schema.examples) ? schema : target;
  if (target.type === "string" && target.enum === undefined && target.const === undefined) {
    const examples = Array.isArray(own.examples)
      ? own.examples.filter((e) => typeof e === "string")
      : [];
    if (examples.length > 0)
      return `${examples.map((e) => JSON.stringify(e)).join(" | ")} | (string & {})`;
  }
  return emitter.typeOf(schema, pointer);
}

/** Payload types of every webhook, named after the request-body schema, and their union. */
export function emitWebhooks(spec: Spec, model: ApiModel): string {
  const emitter = new InputTypeEmitter(spec);
  const out: string[] = [];
  const names: string[] = [];
  const kinds: string[] = [];
  for (const hook of model.webhooks) {
    const ref = typeof hook.schema.$ref === "string" ? hook.schema.$ref : undefined;
    const name = ref ? (ref.split("/").pop() as string) : webhookTypeName(hook.name);
    names.push(name);
    const flat = emitter.flatten(hook.schema, hook.pointer);
    // The values of `Type` that select this payload (its const or enum).
    const typeProp = flat.properties.find((p) => p.wire === "Type");
    const typeSchema = typeProp ? deref(spec, typeProp.schema) : {};
    const values =
      typeSchema.const !== undefined
        ? [typeSchema.const]
        : Array.isArray(typeSchema.enum)
          ? typeSchema.enum
          : [];
    if (values.length === 0)
      throw spec.error(hook.pointer, "a webhook payload needs a `Type` with a const or an enum");
    for (const value of values) kinds.push(`  ${JSON.stringify(value)}: ${JSON.stringify(name)},`);
    const members = flat.properties.map((prop) => {
      const description = prop.schema.description ?? deref(spec, prop.schema).description;
      const type = fieldType(spec, emitter, prop.schema, prop.pointer);
      const q = prop.required ? "" : "?";
      return `${doc(typeof description === "string" ? description : undefined)}${propertyKey(prop.wire)}${q}: ${type};`;
    });
    if (!flat.closed)
      members.push(
        "/** Fields the spec does not name are kept as they came. */\n[field: string]: unknown;",
      );
    const resolved = deref(spec, hook.schema);
    const summary = [
      hook.summary ? `${hook.summary}.` : undefined,
      typeof resolved.description === "string" ? resolved.description.trim() : undefined,
    ]
      .filter(Boolean)
      .join("\n\n");
    out.push(
      `${doc(`${summary}\n\nWebhook \`${hook.name}\` (${hook.mediaTypes.join(", ")}).`)}export interface ${name} {\n${members.join("\n")}\n}\n`,
    );
  }
  out.unshift(
    `${doc("Every webhook payload, told apart by `Type`.")}export type BestSMSWebhook = ${names.join(" | ")};\n`,
    `${doc("Which payload each value of `Type` announces.")}export const webhookKinds: { readonly [type: string]: ${names.map((n) => JSON.stringify(n)).join(" | ")} } = {\n${kinds.join("\n")}\n};\n`,
  );
  return out.join("\n");
}
