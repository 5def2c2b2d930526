/// <reference types="node" />
// A real HTTP server on loopback that knows the spec: it finds each request's operation by method
// and path template, checks the headers, validates parameters and body with the same validators
// the spec generates, records everything, and answers with the operation's 200 example - or with
// a scripted answer (any status, headers, body, a delay, a hang, a broken connection).
import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { derefObject, type Json, readDocument } from "@bestsms/spec-model";
import { operationValidators } from "@bestsms/validation";

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function must<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new Error(`spec-server: missing ${what}`);
  return value;
}

/** The spec, parsed (its YAML anchors expanded). */
export function loadSpec(): JsonObject {
  return readDocument();
}

/** Follows local `$ref`s to the object they name. */
function resolve(spec: JsonObject, node: unknown): JsonObject {
  return derefObject(spec as { [key: string]: Json }, node as Json, "spec-server: a $ref target");
}

export interface SpecParam {
  readonly name: string;
  readonly in: "path" | "query";
  readonly required: boolean;
  /** Query values arrive as strings; these are turned back into numbers before validating. */
  readonly integer: boolean;
}

/** One operation of the spec, as the server routes it. */
export interface SpecOperation {
  readonly operationId: string;
  readonly method: string;
  readonly path: string;
  readonly params: readonly SpecParam[];
  readonly hasBody: boolean;
  /** The first example of the 200 response. */
  readonly example: JsonObject;
  /** The request body examples, by name. */
  readonly requestExamples: Readonly<Record<string, unknown>>;
}

const METHODS = ["get", "put", "post", "patch", "delete"];

/** Every operation of the spec. */
export function specOperations(spec: JsonObject = loadSpec()): SpecOperation[] {
  const out: SpecOperation[] = [];
  const paths = must(isObject(spec.paths) ? spec.paths : undefined, "paths");
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    const shared = Array.isArray(item.parameters) ? item.parameters : [];
    for (const method of METHODS) {
      const op = item[method];
      if (!isObject(op)) continue;
      const own = Array.isArray(op.parameters) ? op.parameters : [];
      const params = [...shared, ...own].map((ref): SpecParam => {
        const param = resolve(spec, ref);
        const schema = resolve(spec, param.schema);
        return {
          name: String(param.name),
          in: param.in === "path" ? "path" : "query",
          required: param.required === true,
          integer: schema.type === "integer",
        };
      });
      const ok = resolve(
        spec,
        must(isObject(op.responses) ? op.responses["200"] : undefined, "200"),
      );
      const content = resolve(spec, isObject(ok.content) ? ok.content["application/json"] : {});
      const first = Object.values(isObject(content.examples) ? content.examples : {})[0];
      const example = resolve(spec, must(resolve(spec, first).value, "a 200 example"));
      const requestBody = op.requestBody === undefined ? undefined : resolve(spec, op.requestBody);
      const requestContent =
        requestBody && isObject(requestBody.content)
          ? resolve(spec, requestBody.content["application/json"])
          : undefined;
      const requestExamples: Record<string, unknown> = {};
      for (const [name, ex] of Object.entries(
        requestContent && isObject(requestContent.examples) ? requestContent.examples : {},
      )) {
        requestExamples[name] = resolve(spec, ex).value;
      }
      out.push({
        operationId: String(op.operationId),
        method: method.toUpperCase(),
        path,
        params,
        hasBody: requestBody !== undefined,
        example,
        requestExamples,
      });
    }
  }
  return out;
}

/** One request as the server received it. */
export interface RecordedRequest {
  readonly method: string;
  /** The path below the base path, as sent (percent-encoded). */
  readonly path: string;
  /** The query string, `?` included (empty when none). */
  readonly search: string;
  readonly query: Readonly<Record<string, string>>;
  readonly headers: IncomingHttpHeaders;
  readonly bodyText: string;
  /** The body parsed as JSON (undefined when empty or not JSON). */
  readonly body: unknown;
  readonly operationId: string | undefined;
  readonly pathParams: Readonly<Record<string, string>>;
  /** What broke the spec or the protocol: wrong headers, invalid parameters or body. */
  readonly problems: readonly string[];
}

/** How the server answers one request. */
export interface Answer {
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** A JSON body. */
  readonly json?: unknown;
  /** A body as is (HTML, truncated JSON, nothing). Content type: text/html unless given. */
  readonly text?: string;
  /** Wait this long (real time) before answering. */
  readonly delayMs?: number;
  /** Never answer. */
  readonly hang?: boolean;
  /** Close the connection without answering. */
  readonly destroy?: boolean;
  /** Send the status line and part of the body, then nothing more. */
  readonly stallBody?: boolean;
}

export type Handler = (request: RecordedRequest) => Answer | undefined;

export interface SpecServerOptions {
  /** The token requests must carry. */
  readonly token: string;
  readonly scheme?: "Basic" | "Bearer";
  /** The path the API lives under, as on the real service. */
  readonly basePath?: string;
}

const USER_AGENT =
  /^bestsms-typescript\/\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)? \(node\/\d+\.\d+\.\d+\)( \S+)*$/;

interface Route {
  readonly op: SpecOperation;
  readonly segments: readonly string[];
}

function match(
  routes: readonly Route[],
  method: string,
  segments: readonly string[],
): { op: SpecOperation; params: Record<string, string> } | undefined {
  let best: { op: SpecOperation; params: Record<string, string>; literals: number } | undefined;
  for (const route of routes) {
    if (route.op.method !== method || route.segments.length !== segments.length) continue;
    const params: Record<string, string> = {};
    let literals = 0;
    let ok = true;
    route.segments.forEach((part, i) => {
      const actual = segments[i] ?? "";
      const name = /^\{(.+)\}$/.exec(part)?.[1];
      if (name !== undefined) {
        if (actual === "") ok = false;
        else params[name] = decodeURIComponent(actual);
      } else if (part === actual) literals++;
      else ok = false;
    });
    // A literal segment beats a template (`/contact/list` over `/contact/{ContactID}`).
    if (ok && (best === undefined || literals > best.literals))
      best = { op: route.op, params, literals };
  }
  return best && { op: best.op, params: best.params };
}

export class SpecServer {
  /** The base URL to give the client. */
  readonly url: string;
  readonly operations: readonly SpecOperation[];
  readonly requests: RecordedRequest[] = [];
  readonly #server: ReturnType<typeof createServer>;
  readonly #options: SpecServerOptions;
  readonly #routes: readonly Route[];
  readonly #timers = new Set<NodeJS.Timeout>();
  #queue: (Answer | Handler)[] = [];
  #handler: Handler | undefined;
  #answered = 0;
  #auth: { scheme: "Basic" | "Bearer"; token: string };

  private constructor(
    server: ReturnType<typeof createServer>,
    url: string,
    options: SpecServerOptions,
    operations: readonly SpecOperation[],
  ) {
    this.#server = server;
    this.url = url;
    this.#options = options;
    this.#auth = { scheme: options.scheme ?? "Basic", token: options.token };
    this.operations = operations;
    this.#routes = operations.map((op) => ({ op, segments: op.path.split("/") }));
  }

  static async start(options: SpecServerOptions): Promise<SpecServer> {
    const operations = specOperations();
    let self: SpecServer | undefined;
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        must(self, "the server").#serve(
          req.method ?? "GET",
          req.url ?? "/",
          req.headers,
          Buffer.concat(chunks).toString("utf8"),
          res,
        );
      });
    });
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    const { port } = server.address() as AddressInfo;
    const basePath = options.basePath ?? "/api/v2.04";
    self = new SpecServer(server, `http://127.0.0.1:${port}${basePath}`, options, operations);
    return self;
  }

  /** The operation of an operationId. */
  operation(operationId: string): SpecOperation {
    return must(
      this.operations.find((op) => op.operationId === operationId),
      `operation ${operationId}`,
    );
  }

  /** Answers the next requests, in order, with these (then the examples again). */
  enqueue(...answers: (Answer | Handler)[]): void {
    this.#queue.push(...answers);
  }

  /** Answers every request this handler answers (undefined: the example) until reset. */
  handle(handler: Handler | undefined): void {
    this.#handler = handler;
  }

  /** Expects another scheme or token until reset. */
  expectAuth(auth: { scheme?: "Basic" | "Bearer"; token?: string }): void {
    this.#auth = { ...this.#auth, ...auth };
  }

  /** Forgets requests, queued answers, the handler and any change of the expected token. */
  reset(): void {
    this.requests.length = 0;
    this.#queue = [];
    this.#handler = undefined;
    this.#auth = { scheme: this.#options.scheme ?? "Basic", token: this.#options.token };
    this.#answered = 0;
  }

  /** Resolves once every delayed answer has been sent (or dropped), in real time. */
  async drained(): Promise<void> {
    while (this.#timers.size > 0) await new Promise((done) => setTimeout(done, 1));
  }

  async close(): Promise<void> {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#server.closeAllConnections();
    await new Promise<void>((done) => this.#server.close(() => done()));
  }

  #record(
    method: string,
    url: string,
    headers: IncomingHttpHeaders,
    bodyText: string,
  ): RecordedRequest {
    const problems: string[] = [];
    const parsed = new URL(url, "http://localhost");
    const basePath = this.#options.basePath ?? "/api/v2.04";
    const inside = parsed.pathname.startsWith(`${basePath}/`);
    if (!inside) problems.push(`path outside ${basePath}: ${parsed.pathname}`);
    const path = inside ? parsed.pathname.slice(basePath.length) : parsed.pathname;
    const query: Record<string, string> = {};
    for (const [key, value] of parsed.searchParams) {
      if (key in query) problems.push(`query ${key} given twice`);
      query[key] = value;
    }
    let body: unknown;
    if (bodyText !== "") {
      try {
        body = JSON.parse(bodyText);
      } catch {
        problems.push("body: not JSON");
      }
    }

    const { scheme, token } = this.#auth;
    if (headers.authorization !== `${scheme} ${token}`) {
      problems.push(`authorization: expected ${scheme} and the token`);
    }
    if (!String(headers.accept ?? "").includes("application/json")) {
      problems.push(`accept: ${String(headers.accept)}`);
    }
    if (!USER_AGENT.test(String(headers["user-agent"] ?? ""))) {
      problems.push(`user-agent: ${String(headers["user-agent"])}`);
    }

    const seen = { method, path, search: parsed.search, query, headers, bodyText, body };
    const found = match(this.#routes, method, path.split("/"));
    if (!found) {
      problems.push(`no operation for ${method} ${path}`);
      return { ...seen, operationId: undefined, pathParams: {}, problems };
    }
    const { op, params: pathParams } = found;
    const params: Record<string, unknown> = { ...pathParams };
    for (const [key, value] of Object.entries(query)) {
      const param = op.params.find((p) => p.in === "query" && p.name === key);
      params[key] = param?.integer && /^-?\d+$/.test(value) ? Number(value) : value;
    }
    const validators = operationValidators[op.operationId];
    const paramIssues = validators?.params?.validate(params).issues ?? [];
    problems.push(...paramIssues.map((issue) => `params: ${issue.message}`));
    if (op.hasBody) {
      if (!String(headers["content-type"] ?? "").startsWith("application/json")) {
        problems.push(`content-type: ${String(headers["content-type"])}`);
      }
      const bodyIssues = validators?.body?.validate(body).issues ?? [];
      problems.push(...bodyIssues.map((issue) => `body: ${issue.message}`));
    } else if (bodyText !== "") {
      problems.push(`${op.operationId} takes no body`);
    }
    return { ...seen, operationId: op.operationId, pathParams, problems };
  }

  #defaultAnswer(request: RecordedRequest): Answer {
    if (request.operationId === undefined) {
      return {
        status: 404,
        json: { Result: "Failed", ErrorMessage: [`No route ${request.method} ${request.path}`] },
      };
    }
    if (request.problems.some((p) => p.startsWith("authorization"))) {
      return { status: 401, json: { Result: "Unauthorized", ErrorMessage: "Invalid Auth Token" } };
    }
    if (request.problems.length > 0) {
      return { status: 400, json: { Result: "Failed", ErrorMessage: [...request.problems] } };
    }
    return { status: 200, json: this.operation(request.operationId).example };
  }

  #serve(
    method: string,
    url: string,
    headers: IncomingHttpHeaders,
    bodyText: string,
    res: ServerResponse,
  ): void {
    const request = this.#record(method, url, headers, bodyText);
    this.requests.push(request);
    let answer: Answer | undefined;
    const queued = this.#queue.shift();
    if (queued !== undefined) answer = typeof queued === "function" ? queued(request) : queued;
    answer ??= this.#handler?.(request) ?? this.#defaultAnswer(request);
    const reply = (): void => this.#reply(answer, res);
    if (answer.delayMs !== undefined) {
      const timer = setTimeout(() => {
        this.#timers.delete(timer);
        reply();
      }, answer.delayMs);
      this.#timers.add(timer);
    } else reply();
  }

  #reply(answer: Answer, res: ServerResponse): void {
    if (answer.destroy) {
      res.socket?.destroy();
      return;
    }
    if (answer.hang) return;
    const text = answer.text ?? (answer.json === undefined ? "" : JSON.stringify(answer.json));
    const type = answer.text === undefined ? "application/json" : "text/html; charset=utf-8";
    // Like the service, every answer names itself (a scripted answer may set its own, or "").
    this.#answered++;
    const headers: Record<string, string> = {
      "content-type": type,
      "x-request-id": `srv-${this.#answered}`,
      ...answer.headers,
    };
    if (headers["x-request-id"] === "") delete headers["x-request-id"];
    res.writeHead(answer.status ?? 200, headers);
    if (answer.stallBody) {
      res.write(text.slice(0, Math.max(1, Math.floor(text.length / 2))));
      return;
    }
    res.end(text);
  }
}
