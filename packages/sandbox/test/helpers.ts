// Shared by the tests: the spec's response schemas under ajv, a manual clock, a webhook receiver.
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import {
  derefObject,
  isObject,
  type Json,
  type JsonObject,
  readDocument,
} from "@bestsms/spec-model";
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import ajvFormats from "ajv-formats";

/** The spec as JSON (it uses YAML anchors, so aliases are not limited). */
export function loadSpec(url?: URL): JsonObject {
  return url === undefined ? readDocument() : readDocument(fileURLToPath(url));
}

/** Follows `$ref: "#/..."` (possibly chained) to the object it names. */
function resolve(spec: JsonObject, node: Json | undefined): JsonObject {
  return derefObject(spec, node, "a $ref target");
}

/** `#/components/schemas/X` → `schemas#/$defs/X`, everywhere in a schema. */
function rewriteRefs(node: Json): Json {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (!isObject(node)) return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    out[key] =
      key === "$ref" && typeof value === "string"
        ? value.replace(/^#\/components\/schemas\//, "schemas#/$defs/")
        : rewriteRefs(value);
  }
  return out;
}

/** One operation of the spec. */
export interface SpecOperation {
  readonly id: string;
  readonly method: string;
  readonly path: string;
  /** HTTP statuses it declares. */
  readonly statuses: readonly string[];
}

/** The spec's operations and a validator of each declared response body. */
export interface SpecChecker {
  readonly operations: readonly SpecOperation[];
  /** The operation a request went to (a literal `list` segment wins over `{ID}`). */
  operationFor(method: string, pathname: string): SpecOperation | undefined;
  /** ajv's errors for a response body; throws when the spec declares no such response. */
  check(operationId: string, status: number, body: unknown): ErrorObject[];
  /** ajv's errors for a value against one of `components.schemas` (e.g. `StatusWebhook`). */
  checkSchema(name: string, value: unknown): ErrorObject[];
}

/** A checker of the API's spec, or of another OpenAPI file (the sandbox's control API). */
export function specChecker(url?: URL): SpecChecker {
  const spec = loadSpec(url);
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajvFormats.default(ajv);
  const components = resolve(spec, spec.components);
  ajv.addSchema({ $id: "schemas", $defs: rewriteRefs(resolve(spec, components.schemas)) });

  const operations: SpecOperation[] = [];
  const validators = new Map<string, ValidateFunction>();
  for (const [path, item] of Object.entries(resolve(spec, spec.paths))) {
    if (!isObject(item)) continue;
    for (const method of ["get", "post", "patch", "delete", "put"]) {
      const operation = item[method];
      if (!isObject(operation) || typeof operation.operationId !== "string") continue;
      const id = operation.operationId;
      const responses = resolve(spec, operation.responses);
      for (const [status, response] of Object.entries(responses)) {
        const content = resolve(spec, resolve(spec, response).content);
        const schema = resolve(spec, content["application/json"]).schema;
        if (schema === undefined) throw new Error(`${id} ${status}: no JSON schema`);
        validators.set(`${id} ${status}`, ajv.compile(rewriteRefs(schema) as object));
      }
      operations.push({ id, method: method.toUpperCase(), path, statuses: Object.keys(responses) });
    }
  }
  // Templates without parameters first, then by fewer parameters: `list` wins over `{ID}`.
  const byLiteralness = [...operations].sort(
    (a, b) => (a.path.match(/\{/g)?.length ?? 0) - (b.path.match(/\{/g)?.length ?? 0),
  );
  const patterns = byLiteralness.map((operation) => ({
    operation,
    regex: new RegExp(`^${operation.path.replace(/\{\w+\}/g, "[^/]+")}$`),
  }));
  return {
    operations,
    operationFor: (method, pathname) =>
      patterns.find((p) => p.operation.method === method && p.regex.test(pathname))?.operation,
    check(operationId, status, body) {
      const validate = validators.get(`${operationId} ${status}`);
      if (!validate) throw new Error(`${operationId} declares no ${status} response`);
      return validate(body) ? [] : [...(validate.errors ?? [])];
    },
    checkSchema(name, value) {
      const validate = ajv.getSchema(`schemas#/$defs/${name}`);
      if (!validate) throw new Error(`no schema ${name}`);
      return validate(value) ? [] : [...(validate.errors ?? [])];
    },
  };
}

/** A clock the test moves by hand. */
export interface ManualClock {
  now(): number;
  set(ms: number): void;
  advance(ms: number): void;
}

export function manualClock(start = Date.UTC(2025, 7, 9, 23, 0, 0)): ManualClock {
  let time = start;
  return {
    now: () => time,
    set: (ms) => {
      time = ms;
    },
    advance: (ms) => {
      time += ms;
    },
  };
}

/** A request the receiver got. */
export interface ReceivedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** A webhook receiver on 127.0.0.1 answering with a status the test sets. */
export interface Receiver {
  readonly url: string;
  readonly requests: ReceivedRequest[];
  /** The status it answers with (200 at first). */
  status: number;
  close(): Promise<void>;
}

export async function startReceiver(path = "/hook"): Promise<Receiver> {
  const requests: ReceivedRequest[] = [];
  const receiver = { status: 200 };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      requests.push({
        method: request.method ?? "",
        url: request.url ?? "",
        headers: request.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      });
      response.writeHead(receiver.status, { "Content-Type": "text/plain" });
      response.end(receiver.status < 300 ? "ok" : "try later");
    });
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as AddressInfo;
  return Object.assign(receiver, {
    url: `http://127.0.0.1:${port}${path}`,
    requests,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  });
}

/** Reads the flat `<Webhook>` XML the sandbox posts back into a record. */
export function readWebhookXml(xml: string): Record<string, string> {
  const root = /<Webhook>([\s\S]*)<\/Webhook>/.exec(xml);
  if (!root?.[1]) throw new Error("no <Webhook> root");
  const out: Record<string, string> = {};
  for (const match of root[1].matchAll(/<([A-Za-z][\w.-]*)>([^<]*)<\/\1>/g)) {
    const [, name, text] = match;
    if (name === undefined || text === undefined) continue;
    out[name] = text
      .replaceAll("&lt;", "<")
      .replaceAll("&gt;", ">")
      .replaceAll("&quot;", '"')
      .replaceAll("&apos;", "'")
      .replaceAll("&#13;", "\r")
      .replaceAll("&amp;", "&");
  }
  return out;
}

/** Polls a condition until it holds (for the real-time server mode), up to `timeoutMs`. */
export async function eventually(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error("condition not met in time");
    await new Promise((done) => setTimeout(done, 20));
  }
}
