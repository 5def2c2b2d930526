import { isObject, type Json, type JsonObject, pathToPointer, type Spec } from "./spec.js";

export const HTTP_METHODS = ["get", "put", "post", "delete", "patch"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** How the SDK takes a wire property or parameter as input (`x-bestsms-input`). */
export interface InputNaming {
  /** The documented input name (the wire name when the spec gives none). */
  readonly name: string;
  /** Other accepted names. */
  readonly aliases: readonly string[];
  /** An array that also takes a lone item. */
  readonly single: boolean;
}

export interface ParamModel {
  readonly wire: string;
  readonly in: "path" | "query";
  readonly naming: InputNaming;
  readonly required: boolean;
  readonly description: string | undefined;
  readonly schema: JsonObject;
  /** The parameter's example in the spec (`example`, else the first of `examples`), if any. */
  readonly example: Json | undefined;
  readonly pointer: string;
}

export interface BodyModel {
  readonly required: boolean;
  /** The request body schema (a `$ref` object or inline). */
  readonly schema: JsonObject;
  /** The property the wire wraps the input in (`x-bestsms-envelope`). */
  readonly envelope: string | undefined;
  /** The schema of what the SDK takes as input: the envelope's content, or the body itself. */
  readonly inputSchema: JsonObject;
  /** The input field the SDK fills with a UUID when left out (`generate: uuid`). */
  readonly generated: string | undefined;
  /** The first example of the JSON body in the spec with any content, else the first, if any. */
  readonly example: Json | undefined;
  readonly pointer: string;
}

export interface OperationModel {
  readonly id: string;
  /** The operationId split on dots: the place of the method in the resource tree. */
  readonly segments: readonly string[];
  readonly method: HttpMethod;
  readonly path: string;
  readonly summary: string | undefined;
  readonly description: string | undefined;
  readonly deprecated: boolean;
  readonly params: readonly ParamModel[];
  readonly body: BodyModel | undefined;
  /** The 200 response schema (a `$ref` object or inline). */
  readonly response: JsonObject;
  /** For paged lists: the property holding the page's items. */
  readonly list: { readonly items: string } | undefined;
  /**
   * Rules across parameters (`x-bestsms-params`): JSON Schema applied to the object of path and
   * query parameters by wire name, for what one parameter's schema cannot say.
   */
  readonly paramRules: JsonObject | undefined;
  readonly pointer: string;
}

export interface WebhookModel {
  readonly name: string;
  readonly id: string | undefined;
  readonly summary: string | undefined;
  readonly schema: JsonObject;
  readonly mediaTypes: readonly string[];
  readonly pointer: string;
}

export interface ApiModel {
  readonly title: string;
  readonly version: string;
  /** The first server's URL with its variables at their defaults. */
  readonly baseUrl: string;
  readonly operations: readonly OperationModel[];
  readonly webhooks: readonly WebhookModel[];
}

const OPERATION_ID = /^[a-z][A-Za-z0-9]*(\.[a-z][A-Za-z0-9]*)+$/;
const INPUT_KEYS = new Set(["name", "aliases", "single", "shorthand", "generate"]);

/** Follows `$ref`s until a schema that is not one. */
export function deref(spec: Spec, schema: JsonObject): JsonObject {
  let current = schema;
  const seen = new Set<string>();
  while (typeof current.$ref === "string") {
    const ref = current.$ref;
    if (seen.has(ref)) throw spec.error(ref, "$ref cycle");
    seen.add(ref);
    const target = spec.resolvePointer(ref);
    if (!isObject(target)) throw spec.error(ref, "$ref does not point to an object");
    current = target;
  }
  return current;
}

/** `x-bestsms-input` as read from the spec. */
export interface InputExtension {
  name?: string;
  aliases?: string[];
  single?: boolean;
  shorthand?: string;
  /** `uuid`: the SDK fills the field with a random UUID when the caller leaves it out. */
  generate?: "uuid";
}

/** Reads and checks `x-bestsms-input` of a property, parameter or schema. */
export function readInputExtension(spec: Spec, node: JsonObject, pointer: string): InputExtension {
  const ext = node["x-bestsms-input"];
  if (ext === undefined) return {};
  const at = `${pointer}/x-bestsms-input`;
  if (!isObject(ext)) throw spec.error(at, "x-bestsms-input must be an object");
  for (const key of Object.keys(ext)) {
    if (!INPUT_KEYS.has(key)) {
      throw spec.error(at, `unknown key '${key}' (known: ${[...INPUT_KEYS].join(", ")})`);
    }
  }
  const result: InputExtension = {};
  if (ext.name !== undefined) {
    if (typeof ext.name !== "string" || ext.name === "") {
      throw spec.error(`${at}/name`, "name must be a non-empty string");
    }
    result.name = ext.name;
  }
  if (ext.aliases !== undefined) {
    if (!Array.isArray(ext.aliases) || !ext.aliases.every((a) => typeof a === "string" && a)) {
      throw spec.error(`${at}/aliases`, "aliases must be a list of non-empty strings");
    }
    result.aliases = ext.aliases as string[];
  }
  if (ext.single !== undefined) {
    if (typeof ext.single !== "boolean")
      throw spec.error(`${at}/single`, "single must be a boolean");
    result.single = ext.single;
  }
  if (ext.generate !== undefined) {
    if (ext.generate !== "uuid") throw spec.error(`${at}/generate`, "generate must be 'uuid'");
    result.generate = ext.generate;
  }
  if (ext.shorthand !== undefined) {
    if (typeof ext.shorthand !== "string") {
      throw spec.error(`${at}/shorthand`, "shorthand must be a property name");
    }
    const props = node.properties;
    if (!isObject(props) || !Object.hasOwn(props, ext.shorthand)) {
      throw spec.error(
        `${at}/shorthand`,
        `shorthand '${ext.shorthand}' is not a property of this schema`,
      );
    }
    result.shorthand = ext.shorthand;
  }
  return result;
}

export function namingOf(spec: Spec, wire: string, node: JsonObject, pointer: string): InputNaming {
  const ext = readInputExtension(spec, node, pointer);
  return { name: ext.name ?? wire, aliases: ext.aliases ?? [], single: ext.single ?? false };
}

function text(value: Json | undefined): string | undefined {
  return typeof value === "string" ? value.trim() : undefined;
}

function readParams(
  spec: Spec,
  list: Json | undefined,
  pointer: string,
  into: Map<string, ParamModel>,
): void {
  if (list === undefined) return;
  if (!Array.isArray(list)) throw spec.error(pointer, "parameters must be a list");
  list.forEach((entry, index) => {
    const at = `${pointer}/${index}`;
    if (!isObject(entry)) throw spec.error(at, "a parameter must be an object");
    const param = deref(spec, entry);
    const where = typeof entry.$ref === "string" ? entry.$ref : at;
    const name = param.name;
    const location = param.in;
    if (typeof name !== "string") throw spec.error(where, "parameter has no name");
    if (location === "header" || location === "cookie") return;
    if (location !== "path" && location !== "query") {
      throw spec.error(where, `parameter '${name}' has an unknown 'in': ${String(location)}`);
    }
    const schema = isObject(param.schema) ? param.schema : {};
    into.set(`${location}:${name}`, {
      wire: name,
      in: location,
      naming: namingOf(spec, name, param, where),
      required: param.required === true,
      description: text(param.description),
      schema,
      example: exampleOf(spec, param),
      pointer: where,
    });
  });
}

/**
 * The example of a parameter or a media type: `example`, else the first of `examples` with any
 * content (an empty object says little), else the first of them.
 */
function exampleOf(spec: Spec, node: JsonObject): Json | undefined {
  if (node.example !== undefined) return node.example;
  const values = Object.values(isObject(node.examples) ? node.examples : {})
    .map((entry) => (isObject(entry) ? deref(spec, entry).value : undefined))
    .filter((value) => value !== undefined);
  const full = values.find((value) => !isObject(value) || Object.keys(value).length > 0);
  return full ?? values[0];
}

/** The `application/json` media type of a request body or a response. */
function jsonMediaType(spec: Spec, holder: JsonObject): JsonObject | undefined {
  const content = deref(spec, holder).content;
  const media = isObject(content) ? content["application/json"] : undefined;
  return isObject(media) ? media : undefined;
}

/** The property of a response that holds a page's items: its one array property. */
function listItemsOf(spec: Spec, response: JsonObject): string | undefined {
  const props = collectProperties(spec, response);
  if (!props.has("PageCount")) return undefined;
  const arrays = [...props].filter(([, schema]) => deref(spec, schema).type === "array");
  return arrays.length === 1 ? arrays[0]?.[0] : undefined;
}

/** The properties of an object schema, through `$ref` and `allOf`. */
export function collectProperties(spec: Spec, schema: JsonObject): Map<string, JsonObject> {
  const out = new Map<string, JsonObject>();
  const visit = (node: JsonObject): void => {
    const s = deref(spec, node);
    if (Array.isArray(s.allOf)) for (const part of s.allOf) if (isObject(part)) visit(part);
    if (isObject(s.properties)) {
      for (const [key, value] of Object.entries(s.properties)) {
        if (isObject(value)) out.set(key, value);
      }
    }
  };
  visit(schema);
  return out;
}

function jsonBodySchema(
  spec: Spec,
  holder: JsonObject | undefined,
  pointer: string,
): JsonObject | undefined {
  if (!holder) return undefined;
  const json = jsonMediaType(spec, holder);
  if (!json) return undefined;
  if (!isObject(json.schema)) throw spec.error(`${pointer}/content/application~1json`, "no schema");
  return json.schema;
}

/** Builds the model of every operation and webhook, checking what the generator relies on. */
export function buildModel(spec: Spec): ApiModel {
  const root = spec.root;
  const info = isObject(root.info) ? root.info : {};
  const operations: OperationModel[] = [];
  const seenIds = new Map<string, string>();
  const paths = isObject(root.paths) ? root.paths : {};

  for (const [path, item] of Object.entries(paths)) {
    const itemPointer = pathToPointer(["paths", path]);
    if (!isObject(item)) throw spec.error(itemPointer, "a path item must be an object");
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (op === undefined) continue;
      const pointer = pathToPointer(["paths", path, method]);
      if (!isObject(op)) throw spec.error(pointer, "an operation must be an object");
      const id = op.operationId;
      if (typeof id !== "string" || id === "") {
        throw spec.error(pointer, `${method.toUpperCase()} ${path} has no operationId`);
      }
      if (!OPERATION_ID.test(id)) {
        throw spec.error(
          `${pointer}/operationId`,
          `operationId '${id}' must be dotted camelCase words, e.g. 'messaging.sms.sendMessage'`,
        );
      }
      const previous = seenIds.get(id);
      if (previous !== undefined) {
        throw spec.error(
          `${pointer}/operationId`,
          `operationId '${id}' is also used at ${previous}`,
        );
      }
      seenIds.set(id, pointer);

      const params = new Map<string, ParamModel>();
      readParams(spec, item.parameters, `${itemPointer}/parameters`, params);
      readParams(spec, op.parameters, `${pointer}/parameters`, params);
      for (const name of path.matchAll(/\{([^}]+)\}/g)) {
        if (!params.has(`path:${name[1]}`)) {
          throw spec.error(pointer, `path parameter '${name[1]}' of ${path} is not declared`);
        }
      }

      let body: BodyModel | undefined;
      const requestBody = isObject(op.requestBody) ? op.requestBody : undefined;
      const bodySchema = jsonBodySchema(spec, requestBody, `${pointer}/requestBody`);
      if (requestBody && bodySchema) {
        const resolved = deref(spec, bodySchema);
        const envelopeValue = resolved["x-bestsms-envelope"];
        let envelope: string | undefined;
        let inputSchema = bodySchema;
        if (envelopeValue !== undefined) {
          const props = collectProperties(spec, resolved);
          const inner = typeof envelopeValue === "string" ? props.get(envelopeValue) : undefined;
          if (typeof envelopeValue !== "string" || !inner) {
            throw spec.error(
              `${pointer}/requestBody`,
              `x-bestsms-envelope must name a property of the body schema`,
            );
          }
          envelope = envelopeValue;
          inputSchema = inner;
        }
        let generated: string | undefined;
        for (const [wire, prop] of collectProperties(spec, inputSchema)) {
          const ext = readInputExtension(spec, prop, `${pointer}/requestBody`);
          if (ext.generate === "uuid") generated = wire;
        }
        body = {
          generated,
          example: exampleOf(spec, jsonMediaType(spec, requestBody) ?? {}),
          required: deref(spec, requestBody).required === true,
          schema: bodySchema,
          envelope,
          inputSchema,
          pointer: `${pointer}/requestBody`,
        };
      }

      const responses = isObject(op.responses) ? op.responses : {};
      const ok = isObject(responses["200"]) ? responses["200"] : undefined;
      const response = jsonBodySchema(spec, ok, `${pointer}/responses/200`);
      if (!response) throw spec.error(`${pointer}/responses`, "no 200 application/json response");

      const list =
        params.has("query:page") && listItemsOf(spec, response) !== undefined
          ? { items: listItemsOf(spec, response) as string }
          : undefined;

      const paramRules = op["x-bestsms-params"];
      if (paramRules !== undefined && !isObject(paramRules)) {
        throw spec.error(
          `${pointer}/x-bestsms-params`,
          "x-bestsms-params must be a JSON Schema object",
        );
      }
      operations.push({
        id,
        paramRules,
        segments: id.split("."),
        method,
        path,
        summary: text(op.summary),
        description: text(op.description),
        deprecated: op.deprecated === true,
        params: [...params.values()],
        body,
        response,
        list,
        pointer,
      });
    }
  }

  // A name cannot be both a method and a namespace of the resource tree.
  const ids = new Set(operations.map((op) => op.id));
  for (const op of operations) {
    for (let i = 1; i < op.segments.length; i++) {
      const prefix = op.segments.slice(0, i).join(".");
      if (ids.has(prefix)) {
        throw spec.error(
          `${op.pointer}/operationId`,
          `operationId '${op.id}' nests under operation '${prefix}'`,
        );
      }
    }
  }

  const webhooks: WebhookModel[] = [];
  const hooks = isObject(root.webhooks) ? root.webhooks : {};
  for (const [name, item] of Object.entries(hooks)) {
    const pointer = pathToPointer(["webhooks", name, "post"]);
    const post = isObject(item) && isObject(item.post) ? item.post : undefined;
    if (!post) throw spec.error(pathToPointer(["webhooks", name]), "a webhook needs a post");
    const requestBody = isObject(post.requestBody) ? deref(spec, post.requestBody) : undefined;
    const content = requestBody && isObject(requestBody.content) ? requestBody.content : {};
    const schema = jsonBodySchema(spec, requestBody, `${pointer}/requestBody`);
    if (!schema) throw spec.error(`${pointer}/requestBody`, "a webhook needs a JSON body schema");
    webhooks.push({
      name,
      id: typeof post.operationId === "string" ? post.operationId : undefined,
      summary: text(post.summary),
      schema,
      mediaTypes: Object.keys(content),
      pointer,
    });
  }

  const servers = Array.isArray(root.servers) ? root.servers : [];
  const server = isObject(servers[0]) ? servers[0] : {};
  const variables = isObject(server.variables) ? server.variables : {};
  const baseUrl = String(server.url ?? "").replace(/\{([^}]+)\}/g, (_m, name: string) => {
    const variable = variables[name];
    if (!isObject(variable) || typeof variable.default !== "string") {
      throw spec.error("#/servers/0", `server variable '${name}' has no default`);
    }
    return variable.default;
  });
  return {
    baseUrl,
    title: typeof info.title === "string" ? info.title : "API",
    version: typeof info.version === "string" ? info.version : "0",
    operations,
    webhooks,
  };
}
