import { readFileSync, realpathSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  derefObject,
  getAtPointer,
  HTTP_METHODS,
  isObject,
  type Json,
  type JsonObject,
  listOperations,
  listWebhooks,
  pointer,
  readDocument,
  derefValue as resolveChain,
  SPEC_PATH,
  unescapePointerToken,
} from "@bestsms/spec-model";
import { xmlParser } from "@bestsms/webhooks/xml";
import {
  Ajv2020,
  type ErrorObject,
  type KeywordDefinition,
  type ValidateFunction,
} from "ajv/dist/2020.js";
import ajvFormats from "ajv-formats";

/** What went wrong, and where (a JSON pointer into the spec). */
export interface ExampleFailure {
  /**
   * `example`: an example does not validate against its schema;
   * `schema`: a schema is not valid JSON Schema 2020-12 or breaks Ajv's strict mode;
   * `missing-example`: a request body, 200 response or webhook payload has no example.
   */
  kind: "example" | "schema" | "missing-example";
  /** JSON pointer of the example (or of the schema / the media type lacking one). */
  pointer: string;
  message: string;
  /** Ajv's errors, empty when the failure did not come from a validation. */
  errors: ErrorObject[];
}

export interface ExampleReport {
  /** Number of example values validated. */
  checked: number;
  failures: ExampleFailure[];
}

/** The id under which the whole spec document is registered with Ajv. */
/** The repository root, whatever the current working directory is. */
const REPO_ROOT = path.dirname(path.dirname(SPEC_PATH));

const SPEC_ID = "spec.json";

/**
 * Keywords OpenAPI 3.1 adds to JSON Schema, allowed in any Schema Object. `example` is the
 * deprecated singular form; it carries no validation, so it is declared as an annotation.
 */
const OPENAPI_SCHEMA_KEYWORDS: Record<string, KeywordDefinition> = {
  discriminator: { keyword: "discriminator", schemaType: "object" },
  xml: { keyword: "xml", schemaType: "object" },
  externalDocs: { keyword: "externalDocs", schemaType: "object" },
  example: { keyword: "example" },
};

/**
 * Vendor extensions that may appear inside Schema Objects. A closed list on purpose: a misspelt
 * or unknown `x-bestsms-*` key makes the schema fail strict mode instead of being ignored.
 */
export const VENDOR_SCHEMA_KEYWORDS: Record<string, KeywordDefinition> = {
  "x-bestsms-input": { keyword: "x-bestsms-input", schemaType: "object" },
  "x-bestsms-envelope": { keyword: "x-bestsms-envelope", schemaType: "string" },
  "x-bestsms-output": { keyword: "x-bestsms-output", schemaType: "object" },
};

/**
 * Fixed fields of the OpenAPI Object. The whole document is registered as a schema (so that
 * `#/components/...` references resolve), hence Ajv sees these at its root; they are accepted
 * there and nowhere else.
 */
const DOCUMENT_FIELDS = [
  "openapi",
  "info",
  "jsonSchemaDialect",
  "servers",
  "paths",
  "webhooks",
  "components",
  "security",
  "tags",
];

/** Subschema locations of JSON Schema 2020-12 (applicators and unevaluated*). */
const SUBSCHEMA_SINGLE = [
  "items",
  "additionalProperties",
  "not",
  "if",
  "then",
  "else",
  "contains",
  "propertyNames",
  "unevaluatedItems",
  "unevaluatedProperties",
  "contentSchema",
];
const SUBSCHEMA_LIST = ["allOf", "anyOf", "oneOf", "prefixItems"];
const SUBSCHEMA_MAP = ["properties", "patternProperties", "dependentSchemas", "$defs"];
/** Of those, the keywords whose subschemas apply to the same instance as their parent. */
const SAME_INSTANCE = new Set([
  "allOf",
  "anyOf",
  "oneOf",
  "not",
  "if",
  "then",
  "else",
  "dependentSchemas",
]);

/** JSON pointers of the direct subschemas of a schema located at `at`. */
function subschemaPointers(schema: JsonObject, at: string): string[] {
  const children: string[] = [];
  for (const key of SUBSCHEMA_SINGLE) {
    if (schema[key] !== undefined) children.push(pointer(at, key));
  }
  for (const key of SUBSCHEMA_LIST) {
    const list = schema[key];
    if (Array.isArray(list)) {
      for (let index = 0; index < list.length; index += 1) children.push(pointer(at, key, index));
    }
  }
  for (const key of SUBSCHEMA_MAP) {
    const map = schema[key];
    if (isObject(map)) for (const name of Object.keys(map)) children.push(pointer(at, key, name));
  }
  return children;
}

function withoutSchemaPath(message: string): string {
  return message.replace(/ at (?:path )?"[^"]*"/g, "");
}

/** How the text of an example is read: JSON media types, XML media types, anything else. */
type Syntax = "json" | "xml" | "text";

function rootOnlyKeyword(keyword: string, root: object): KeywordDefinition {
  return {
    keyword,
    errors: false,
    compile(_value, parentSchema) {
      if (parentSchema !== root) {
        throw new Error(`strict mode: "${keyword}" is only allowed at the root of the document`);
      }
      return () => true;
    },
  };
}

function createAjv(root: JsonObject, coerceTypes: boolean): Ajv2020 {
  const ajv = new Ajv2020({
    strict: true,
    // Ajv's strictRequired cannot see properties that come in through `$ref` (the spec's
    // `allOf: [{ $ref: ...Fields }]` plus `required` pattern, valid JSON Schema). The walker
    // makes the same check itself, following `allOf` and `$ref` (see `Walker.schema`).
    strictRequired: false,
    allErrors: true,
    coerceTypes,
  });
  ajvFormats.default(ajv);
  for (const definition of Object.values(OPENAPI_SCHEMA_KEYWORDS)) ajv.addKeyword(definition);
  for (const definition of Object.values(VENDOR_SCHEMA_KEYWORDS)) ajv.addKeyword(definition);
  const rootFields = [
    ...DOCUMENT_FIELDS,
    ...Object.keys(root).filter((key) => key.startsWith("x-")),
  ];
  for (const field of new Set(rootFields)) {
    if (!(field in OPENAPI_SCHEMA_KEYWORDS) && !(field in VENDOR_SCHEMA_KEYWORDS)) {
      ajv.addKeyword(rootOnlyKeyword(field, root));
    }
  }
  ajv.addSchema(root, SPEC_ID);
  return ajv;
}

/** `spec.json#/a/b~1c`, percent-encoding what a URI fragment cannot hold (e.g. `{MessageID}`). */
function refTo(schemaPointer: string): string {
  return `${SPEC_ID}#${schemaPointer.split("/").map(encodeURIComponent).join("/")}`;
}

type Compiled = { ok: true; validate: ValidateFunction } | { ok: false; error: string };

/** Compiles (and caches) validators for schemas identified by their JSON pointer in the spec. */
class Validators {
  readonly #ajv: Ajv2020;
  readonly #cache = new Map<string, Compiled>();

  constructor(ajv: Ajv2020) {
    this.#ajv = ajv;
  }

  get(schemaPointer: string): Compiled {
    let compiled = this.#cache.get(schemaPointer);
    if (compiled === undefined) {
      try {
        compiled = { ok: true, validate: this.#ajv.compile({ $ref: refTo(schemaPointer) }) };
      } catch (error) {
        compiled = { ok: false, error: error instanceof Error ? error.message : String(error) };
      }
      this.#cache.set(schemaPointer, compiled);
    }
    return compiled;
  }

  /** Checks a schema against the JSON Schema 2020-12 meta-schema. */
  metaErrors(schema: Json): ErrorObject[] {
    if (typeof schema !== "boolean" && !isObject(schema)) {
      return [
        {
          keyword: "type",
          instancePath: "",
          schemaPath: "#/type",
          params: { type: "object,boolean" },
          message: "a schema must be an object or a boolean",
        },
      ];
    }
    if (this.#ajv.validateSchema(schema)) return [];
    return [...(this.#ajv.errors ?? [])];
  }
}

function isJsonMediaType(mediaType: string): boolean {
  const base = mediaType.split(";")[0]?.trim().toLowerCase() ?? "";
  return base === "application/json" || base.endsWith("+json");
}

function isXmlMediaType(mediaType: string): boolean {
  const base = mediaType.split(";")[0]?.trim().toLowerCase() ?? "";
  return base === "application/xml" || base === "text/xml" || base.endsWith("+xml");
}

/** A flat XML document: `<Root><Field>text</Field>...</Root>`. */
export interface FlatXml {
  root: string;
  fields: Record<string, string>;
}

const XML_NAME = "[A-Za-z_][A-Za-z0-9._-]*";
/** The root element's name, after the declaration, comments and whitespace. */
const ROOT_ELEMENT = new RegExp(
  `^\\uFEFF?\\s*(?:<\\?xml\\s[^?]*\\?>)?(?:\\s|<!--[\\s\\S]*?-->)*<(${XML_NAME})[\\s/>]`,
);

/**
 * Reads an XML example the way a receiver of the SDK does, with the webhooks package's parser
 * (`@bestsms/webhooks/xml`): an example that parser refuses is an error. Two things it does not
 * check are added: the root element's name (compared with the schema's `xml.name`) and that no
 * field appears twice.
 */
export function parseFlatXml(text: string): FlatXml {
  let pairs: Array<readonly [string, string]>;
  try {
    pairs = xmlParser(text);
  } catch (error) {
    const reason = (error as { code?: string }).code ?? (error as Error).message;
    throw new Error(`the webhook XML parser refuses it (${reason})`);
  }
  const root = ROOT_ELEMENT.exec(text)?.[1];
  if (root === undefined) throw new Error("expected a root element");
  const fields: Record<string, string> = {};
  for (const [name, value] of pairs) {
    if (Object.hasOwn(fields, name)) throw new Error(`element <${name}> appears twice`);
    fields[name] = value;
  }
  return { root, fields };
}

interface XmlNaming {
  root: string | undefined;
  /** Element name -> property name, for properties renamed with `xml.name`. */
  properties: Map<string, string>;
}

function xmlNameOf(schema: Json | undefined): string | undefined {
  if (!isObject(schema) || !isObject(schema.xml)) return undefined;
  const name = schema.xml.name;
  return typeof name === "string" ? name : undefined;
}

/** Reads `xml.name` of a schema and of its properties (following `$ref` and `allOf`). */
function xmlNaming(spec: JsonObject, schema: Json): XmlNaming {
  const properties = new Map<string, string>();
  const visit = (raw: Json, depth: number): void => {
    if (depth > 16) return;
    const resolved = resolveChain(spec, raw);
    if (!isObject(resolved)) return;
    if (isObject(resolved.properties)) {
      for (const [property, sub] of Object.entries(resolved.properties)) {
        const element = xmlNameOf(sub) ?? xmlNameOf(resolveChain(spec, sub));
        if (element !== undefined) properties.set(element, property);
      }
    }
    if (Array.isArray(resolved.allOf)) {
      for (const member of resolved.allOf) visit(member, depth + 1);
    }
  };
  visit(schema, 0);
  return { root: xmlNameOf(schema) ?? xmlNameOf(resolveChain(spec, schema)), properties };
}

export interface ValidateOptions {
  /**
   * Directory that relative `externalValue` examples are read from (the spec file's directory).
   * Defaults to the directory of the repository's spec.
   */
  baseDir?: string;
}

class Walker {
  checked = 0;
  readonly failures: ExampleFailure[] = [];
  readonly #spec: JsonObject;
  readonly #baseDir: string;
  readonly #json: Validators;
  readonly #xml: Validators;
  /** Schemas (by pointer) whose compile error has been dealt with, and those reported. */
  readonly #brokenSchemas = new Set<string>();
  readonly #reportedSchemas = new Set<string>();

  constructor(spec: JsonObject, baseDir: string) {
    this.#spec = spec;
    this.#baseDir = baseDir;
    const root: JsonObject = { ...spec, $id: SPEC_ID };
    this.#json = new Validators(createAjv(root, false));
    // XML carries every value as text: Ajv's type coercion turns "4711" into 4711 where the
    // schema asks for a number, which is what a server reading the XML does.
    this.#xml = new Validators(createAjv(root, true));
  }

  fail(kind: ExampleFailure["kind"], at: string, message: string, errors: ErrorObject[] = []) {
    this.failures.push({ kind, pointer: at, message, errors });
  }

  document(): void {
    const spec = this.#spec;
    const components = spec.components;
    if (isObject(components)) {
      const c = "/components";
      if (isObject(components.schemas)) {
        // Unlike the other components, a schema that is only a `$ref` is still a schema.
        for (const [name, schema] of Object.entries(components.schemas)) {
          this.schemaRoot(schema, pointer(c, "schemas", name));
        }
      }
      this.#each(components.parameters, pointer(c, "parameters"), (p, at) => this.parameter(p, at));
      this.#each(components.headers, pointer(c, "headers"), (h, at) => this.parameter(h, at));
      this.#each(components.requestBodies, pointer(c, "requestBodies"), (b, at) =>
        this.body(b, at),
      );
      this.#each(components.responses, pointer(c, "responses"), (r, at) => this.body(r, at));
      this.#each(components.pathItems, pointer(c, "pathItems"), (i, at) => this.pathItem(i, at));
      this.#each(components.callbacks, pointer(c, "callbacks"), (cb, at) => this.callback(cb, at));
    }
    this.#each(spec.paths, "/paths", (item, at) => this.pathItem(item, at));
    this.#each(spec.webhooks, "/webhooks", (item, at) => this.pathItem(item, at));
    this.requiredExamples();
  }

  /** Visits the values of a map; Reference Objects are skipped, they are checked at their target. */
  #each(map: Json | undefined, at: string, visit: (value: JsonObject, at: string) => void) {
    if (!isObject(map)) return;
    for (const [key, value] of Object.entries(map)) {
      if (isObject(value) && typeof value.$ref !== "string") visit(value, pointer(at, key));
    }
  }

  #list(list: Json | undefined, at: string, visit: (value: JsonObject, at: string) => void) {
    if (!Array.isArray(list)) return;
    list.forEach((value, index) => {
      if (isObject(value) && typeof value.$ref !== "string") visit(value, pointer(at, index));
    });
  }

  pathItem(item: JsonObject, at: string): void {
    this.#list(item.parameters, pointer(at, "parameters"), (p, pAt) => this.parameter(p, pAt));
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (isObject(operation)) this.operation(operation, pointer(at, method));
    }
  }

  callback(callback: JsonObject, at: string): void {
    this.#each(callback, at, (item, itemAt) => this.pathItem(item, itemAt));
  }

  operation(operation: JsonObject, at: string): void {
    this.#list(operation.parameters, pointer(at, "parameters"), (p, pAt) => this.parameter(p, pAt));
    const body = operation.requestBody;
    if (isObject(body) && typeof body.$ref !== "string") {
      this.body(body, pointer(at, "requestBody"));
    }
    this.#each(operation.responses, pointer(at, "responses"), (r, rAt) => this.body(r, rAt));
    this.#each(operation.callbacks, pointer(at, "callbacks"), (cb, cbAt) =>
      this.callback(cb, cbAt),
    );
  }

  /** A Parameter or Header Object. */
  parameter(parameter: JsonObject, at: string): void {
    if (parameter.schema !== undefined) {
      const schemaAt = pointer(at, "schema");
      this.schemaRoot(parameter.schema, schemaAt);
      this.examples(parameter, at, schemaAt, "json");
    }
    this.#each(parameter.content, pointer(at, "content"), (m, mAt) => this.mediaType(m, mAt));
  }

  /** A Request Body or Response Object. */
  body(body: JsonObject, at: string): void {
    this.#each(body.headers, pointer(at, "headers"), (h, hAt) => this.parameter(h, hAt));
    this.#each(body.content, pointer(at, "content"), (m, mAt) => this.mediaType(m, mAt));
  }

  mediaType(media: JsonObject, at: string): void {
    const mediaType = unescapePointerToken(at.slice(at.lastIndexOf("/") + 1));
    if (media.schema !== undefined) {
      const schemaAt = pointer(at, "schema");
      this.schemaRoot(media.schema, schemaAt);
      const syntax = isXmlMediaType(mediaType)
        ? "xml"
        : isJsonMediaType(mediaType)
          ? "json"
          : "text";
      this.examples(media, at, schemaAt, syntax);
    } else if (media.example !== undefined || media.examples !== undefined) {
      this.fail("example", at, `${mediaType} has examples but no schema to validate them`);
    }
    if (isObject(media.encoding)) {
      for (const [property, encoding] of Object.entries(media.encoding)) {
        if (!isObject(encoding)) continue;
        this.#each(encoding.headers, pointer(at, "encoding", property, "headers"), (h, hAt) =>
          this.parameter(h, hAt),
        );
      }
    }
  }

  /**
   * `example` and `examples` of a parameter, header or media type. `syntax` says how the
   * document text of an `externalValue` is read, and whether string values are XML documents.
   */
  examples(owner: JsonObject, at: string, schemaAt: string, syntax: Syntax): void {
    const xml = syntax === "xml";
    if (owner.example !== undefined) {
      this.check(owner.example, pointer(at, "example"), schemaAt, xml);
    }
    if (owner.examples === undefined) return;
    if (!isObject(owner.examples)) {
      this.fail("example", pointer(at, "examples"), "examples must be a map of Example Objects");
      return;
    }
    for (const [name, raw] of Object.entries(owner.examples)) {
      const exampleAt = pointer(at, "examples", name);
      let example: Json;
      try {
        example = resolveChain(this.#spec, raw);
      } catch (error) {
        this.fail("example", exampleAt, (error as Error).message);
        continue;
      }
      if (!isObject(example)) {
        this.fail("example", exampleAt, "not an Example Object");
      } else if (example.value !== undefined) {
        this.check(example.value, pointer(exampleAt, "value"), schemaAt, xml);
      } else if (typeof example.externalValue === "string") {
        const valueAt = pointer(exampleAt, "externalValue");
        const value = this.#readExternal(example.externalValue, syntax, valueAt);
        if (value !== undefined) this.check(value, valueAt, schemaAt, xml);
      } else {
        this.fail("example", exampleAt, "an Example Object needs a value or an externalValue");
      }
    }
  }

  /** Reads an `externalValue` file next to the spec: JSON for JSON media types, else text. */
  #readExternal(reference: string, syntax: Syntax, at: string): Json | undefined {
    if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(reference) || path.isAbsolute(reference)) {
      this.fail("example", at, `only relative externalValue paths are supported: ${reference}`);
      return undefined;
    }
    const file = path.resolve(this.#baseDir, decodeURIComponent(reference));
    const relative = path.relative(this.#baseDir, file);
    if (relative.startsWith("..") || path.isAbsolute(relative)) {
      this.fail("example", at, `externalValue points outside ${this.#baseDir}: ${reference}`);
      return undefined;
    }
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (error) {
      this.fail("example", at, `cannot read externalValue: ${(error as Error).message}`);
      return undefined;
    }
    if (syntax !== "json") return text;
    try {
      return JSON.parse(text) as Json;
    } catch (error) {
      this.fail("example", at, `externalValue is not JSON: ${(error as Error).message}`);
      return undefined;
    }
  }

  /** A schema that is not part of an enclosing schema: meta-validated and compiled once. */
  schemaRoot(schema: Json, at: string): void {
    if (isObject(schema) && typeof schema.$ref === "string" && Object.keys(schema).length === 1) {
      // A plain reference: the target is checked at its own location, but the reference must
      // resolve, which compiling it checks.
      this.#compile(at);
      return;
    }
    const metaErrors = this.#json.metaErrors(schema);
    if (metaErrors.length > 0) {
      this.#brokenSchemas.add(at);
      this.fail("schema", at, "not a valid JSON Schema 2020-12 schema", metaErrors);
    } else {
      this.#compile(at);
    }
    this.schema(schema, at, new Set());
  }

  #compile(at: string): Compiled {
    const compiled = this.#json.get(at);
    if (!compiled.ok && !this.#brokenSchemas.has(at)) {
      this.#brokenSchemas.add(at);
      const culprit = this.#locate(at, compiled.error, new Set());
      if (culprit !== undefined && !this.#reportedSchemas.has(culprit)) {
        this.#reportedSchemas.add(culprit);
        const message = withoutSchemaPath(compiled.error);
        this.fail("schema", culprit, `schema does not compile: ${message}`);
      }
    }
    return compiled;
  }

  /**
   * Narrows a compile error down to the innermost subschema that fails the same way. Returns
   * `undefined` when the error comes from a referenced schema, which is reported where it is.
   */
  #locate(at: string, error: string, seen: Set<string>): string | undefined {
    if (seen.has(at)) return at;
    seen.add(at);
    const schema = getAtPointer(this.#spec, at);
    if (!isObject(schema)) return at;
    // Ajv words some errors with the schema path it was compiled through: compare without it.
    const sameError = (compiled: Compiled) =>
      !compiled.ok && withoutSchemaPath(compiled.error) === withoutSchemaPath(error);
    if (typeof schema.$ref === "string" && schema.$ref.startsWith("#")) {
      const target = decodeURIComponent(schema.$ref.slice(1));
      if (target !== at && getAtPointer(this.#spec, target) !== undefined) {
        if (sameError(this.#json.get(target))) return undefined;
      }
    }
    for (const childAt of subschemaPointers(schema, at)) {
      if (sameError(this.#json.get(childAt))) return this.#locate(childAt, error, seen);
    }
    return at;
  }

  /**
   * Walks a schema and its subschemas, checking schema-level `examples` and `example`, and that
   * every `required` name is a defined property. `defined` holds the properties defined by the
   * enclosing schemas that apply to the same instance (through allOf, anyOf, oneOf...).
   */
  schema(schema: Json, at: string, defined: ReadonlySet<string>): void {
    if (!isObject(schema)) return;
    if (schema.examples !== undefined) {
      if (Array.isArray(schema.examples)) {
        for (const [index, value] of schema.examples.entries()) {
          this.check(value, pointer(at, "examples", index), at, false);
        }
      } else {
        this.fail("schema", pointer(at, "examples"), "examples in a schema must be an array");
      }
    }
    if (schema.example !== undefined) this.check(schema.example, pointer(at, "example"), at, false);
    const here = new Set([...defined, ...this.#propertyNames(schema, 0)]);
    if (Array.isArray(schema.required)) {
      for (const name of schema.required) {
        if (typeof name === "string" && !here.has(name)) {
          this.fail(
            "schema",
            pointer(at, "required"),
            `required property "${name}" is not defined in properties (here, in allOf or $ref)`,
          );
        }
      }
    }
    for (const childAt of subschemaPointers(schema, at)) {
      const keyword = unescapePointerToken(childAt.slice(at.length + 1).split("/")[0] ?? "");
      const child = getAtPointer(this.#spec, childAt) ?? null;
      this.schema(child, childAt, SAME_INSTANCE.has(keyword) ? here : new Set());
    }
  }

  /** Property names a schema defines itself, through `allOf` members and through `$ref`. */
  #propertyNames(schema: Json, depth: number): string[] {
    if (!isObject(schema) || depth > 32) return [];
    const names = isObject(schema.properties) ? Object.keys(schema.properties) : [];
    if (typeof schema.$ref === "string") {
      try {
        names.push(...this.#propertyNames(resolveChain(this.#spec, schema), depth + 1));
      } catch {
        // A dangling reference is reported when the schema is compiled.
      }
    }
    if (Array.isArray(schema.allOf)) {
      for (const member of schema.allOf) names.push(...this.#propertyNames(member, depth + 1));
    }
    return names;
  }

  check(value: Json, at: string, schemaAt: string, xml: boolean): void {
    this.checked += 1;
    let data: unknown = value;
    if (xml) {
      if (typeof value !== "string") {
        this.fail("example", at, "an XML example must be a string holding the XML document");
        return;
      }
      try {
        const parsed = parseFlatXml(value);
        const naming = xmlNaming(this.#spec, getAtPointer(this.#spec, schemaAt) ?? null);
        if (naming.root !== undefined && naming.root !== parsed.root) {
          const message = `root element is <${parsed.root}>, the schema says <${naming.root}>`;
          this.fail("example", at, message);
          return;
        }
        data = Object.fromEntries(
          Object.entries(parsed.fields).map(([name, text]) => [
            naming.properties.get(name) ?? name,
            text,
          ]),
        );
      } catch (error) {
        this.fail("example", at, `unreadable XML: ${(error as Error).message}`);
        return;
      }
    }
    const compiled = xml ? this.#xml.get(schemaAt) : this.#compile(schemaAt);
    if (!compiled.ok) {
      const message = withoutSchemaPath(compiled.error);
      this.fail(
        "example",
        at,
        `not checked, the schema at ${schemaAt} does not compile: ${message}`,
      );
      return;
    }
    if (!compiled.validate(data)) {
      const errors = [...(compiled.validate.errors ?? [])];
      this.fail("example", at, `does not match the schema at ${schemaAt}`, errors);
    }
  }

  /** Request bodies, 200 responses and webhook payloads must each come with examples. */
  requiredExamples(): void {
    const spec = this.#spec;
    const hasExample = (media: Json | undefined): boolean => {
      if (!isObject(media)) return false;
      if (media.example !== undefined) return true;
      return isObject(media.examples) && Object.keys(media.examples).length > 0;
    };
    const contentOf = (owner: Json | undefined, at: string): JsonObject | undefined => {
      try {
        const resolved = derefObject(spec, owner, at);
        return isObject(resolved.content) ? resolved.content : undefined;
      } catch (error) {
        this.fail("missing-example", at, (error as Error).message);
        return undefined;
      }
    };
    const requireEach = (content: JsonObject, at: string, what: string) => {
      for (const [mediaType, media] of Object.entries(content)) {
        if (!hasExample(media)) {
          this.fail("missing-example", pointer(at, "content", mediaType), `${what} has no example`);
        }
      }
    };
    let operations: ReturnType<typeof listOperations>;
    try {
      operations = listOperations(spec);
    } catch (error) {
      this.fail("missing-example", "/paths", (error as Error).message);
      operations = [];
    }
    for (const { operation, pointer: at, method, path: template } of operations) {
      const label = `${method.toUpperCase()} ${template}`;
      if (operation.requestBody !== undefined) {
        const bodyAt = pointer(at, "requestBody");
        const content = contentOf(operation.requestBody, bodyAt);
        if (content === undefined || Object.keys(content).length === 0) {
          this.fail("missing-example", bodyAt, `${label}: request body has no content`);
        } else {
          requireEach(content, bodyAt, `${label}: request body`);
        }
      }
      const responses = operation.responses;
      const okAt = pointer(at, "responses", "200");
      if (!isObject(responses) || responses["200"] === undefined) {
        this.fail("missing-example", okAt, `${label}: no 200 response`);
        continue;
      }
      const content = contentOf(responses["200"], okAt);
      if (content === undefined || Object.keys(content).length === 0) {
        this.fail("missing-example", okAt, `${label}: the 200 response has no content`);
      } else {
        requireEach(content, okAt, `${label}: 200 response`);
      }
    }
    let webhooks: ReturnType<typeof listWebhooks>;
    try {
      webhooks = listWebhooks(spec);
    } catch (error) {
      this.fail("missing-example", "/webhooks", (error as Error).message);
      webhooks = [];
    }
    for (const { name, operation, pointer: at } of webhooks) {
      const bodyAt = pointer(at, "requestBody");
      const content = contentOf(operation.requestBody, bodyAt) ?? {};
      const mediaTypes = Object.keys(content);
      for (const [kind, test] of [
        ["JSON", isJsonMediaType],
        ["XML", isXmlMediaType],
      ] as const) {
        if (!mediaTypes.some((mediaType) => test(mediaType) && hasExample(content[mediaType]))) {
          this.fail("missing-example", bodyAt, `webhook ${name}: no ${kind} example`);
        }
      }
    }
  }
}

/**
 * Validates every example in an OpenAPI 3.1 document against its schema (parameter, header,
 * media-type, response and webhook examples, and `examples` / `example` inside schemas) and
 * checks that request bodies, 200 responses and webhook payloads have examples.
 */
export function validateSpecExamples(
  spec: JsonObject,
  options: ValidateOptions = {},
): ExampleReport {
  const walker = new Walker(spec, options.baseDir ?? path.dirname(SPEC_PATH));
  walker.document();
  return { checked: walker.checked, failures: walker.failures };
}

/** A failure as readable text, one Ajv error per line. */
export function formatFailure(failure: ExampleFailure): string {
  const lines = [`${failure.pointer}: ${failure.message}`];
  for (const error of failure.errors) {
    const where = error.instancePath === "" ? "(value)" : error.instancePath;
    lines.push(`    ${where} ${error.message ?? error.keyword} ${JSON.stringify(error.params)}`);
  }
  return lines.join("\n");
}

function main(argv: string[]): number {
  const file = argv[0] === undefined ? SPEC_PATH : path.resolve(argv[0]);
  let report: ExampleReport;
  try {
    report = validateSpecExamples(readDocument(file), { baseDir: path.dirname(file) });
  } catch (error) {
    console.error(`${path.relative(REPO_ROOT, file)}: ${(error as Error).message}`);
    return 1;
  }
  for (const failure of report.failures) console.error(formatFailure(failure));
  console.log(`spec examples: ${report.checked} checked, ${report.failures.length} failed`);
  return report.failures.length === 0 ? 0 : 1;
}

const invokedAs = process.argv[1];
if (invokedAs !== undefined && realpathSync(invokedAs) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
