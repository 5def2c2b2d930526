import type { Validator } from "@bestsms/validation";
import {
  ApiError,
  type ApiErrorDetails,
  AuthenticationError,
  BestSMSError,
  NotFoundError,
  RateLimitError,
  ValidationError,
} from "./errors.js";
import { defaultBaseUrl } from "./generated/operations.gen.js";
import { type Clock, systemClock } from "./internal/clock.js";
import { type HttpContext, type Logger, send } from "./internal/http.js";
import { addOutputAliases } from "./internal/output.js";
import { retryAfterMs } from "./internal/retry.js";
import { canSetUserAgent, runtimeName } from "./internal/runtime.js";
import type { OperationSpec, RequestOptions } from "./internal/types.js";
import { toInputIssue, toWireRequest } from "./internal/wire.js";
import { VERSION } from "./version.js";

export type { Clock } from "./internal/clock.js";
export type { Logger } from "./internal/http.js";

/** Options of a client. Only `authToken` is required. */
export interface ClientOptions {
  /** The AuthToken (a JWT) from the BestSMS Web Dashboard. */
  readonly authToken: string;
  /** Default: the spec's server, `https://api.bestsms.au/api/v2.04`. */
  readonly baseUrl?: string;
  /** How the token is sent: `Basic <token>` (v2.04, the default) or `Bearer <token>` (newer versions). */
  readonly authScheme?: "Basic" | "Bearer";
  /** The fetch to use (default: the runtime's). */
  readonly fetch?: typeof fetch;
  /** Time limit of each attempt, in milliseconds. Default 30 000. */
  readonly timeoutMs?: number;
  /** How many times a failed attempt may be retried. Default 2. */
  readonly maxRetries?: number;
  /** Extra headers for every request. `Authorization` cannot be set here. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Receives one line per response, retry and failure; never the token. */
  readonly logger?: Logger;
  /**
   * Input checks by operationId, run before any request (a failure throws ValidationError).
   * `BestSMS` uses every validator of `@bestsms/validation` unless told otherwise; with
   * `BestSMSCore` pass what you need, e.g. `{ "messaging.sms.sendMessage": { body: sendMessageRequest } }`,
   * or `operationValidators` for all.
   */
  readonly validators?: Readonly<Record<string, OperationValidators | undefined>>;
  /** For tests: the clock behind timeouts, backoff and polling. */
  readonly clock?: Clock;
  /** For tests: the random source of backoff jitter (0 ≤ x < 1). */
  readonly random?: () => number;
  /** For tests: makes the MessageID of a send that has none. Default: crypto.randomUUID. */
  readonly randomUUID?: () => string;
}

/** What a client keeps; held outside the instance so the token never shows on it. */
export interface ClientState {
  readonly http: HttpContext;
  readonly baseUrl: string;
  readonly timeoutMs: number;
  readonly maxRetries: number;
  readonly randomUUID: () => string;
  readonly redact: (text: string) => string;
  readonly validators: Readonly<Record<string, OperationValidators | undefined>>;
}

const states = new WeakMap<object, ClientState>();

/** The state of a client (internal). */
export function stateOf(client: BestSMSCore): ClientState {
  const state = states.get(client);
  if (!state) throw new BestSMSError("not a BestSMS client");
  return state;
}

function checkNumber(name: string, value: number | undefined, min: number): void {
  if (value !== undefined && !(Number.isFinite(value) && value >= min)) {
    throw new BestSMSError(`${name} must be a number of at least ${min}, got ${String(value)}`);
  }
}

/**
 * The client without its resource tree: holds the token, the settings and the connection
 * policy. Pair it with the per-operation functions (`messagingSmsSendMessage(client, …)`) for the
 * smallest bundle; {@link BestSMS} adds the resource tree on top.
 *
 * @example
 * ```ts
 * const core = new BestSMSCore({ authToken: env.BESTSMS_AUTH_TOKEN });
 * await messagingSmsSendMessage(core, { MessageText: "Hi", Recipients: "+61421111111" });
 * ```
 */
export class BestSMSCore {
  constructor(options: ClientOptions) {
    if (options === null || typeof options !== "object") {
      throw new BestSMSError("BestSMS: options are required ({ authToken })");
    }
    const token = options.authToken;
    if (typeof token !== "string" || token.trim() === "") {
      throw new BestSMSError(
        "BestSMS: authToken is required: pass the AuthToken from the BestSMS Web Dashboard",
      );
    }
    if (/[\r\n]/.test(token)) throw new BestSMSError("BestSMS: authToken must be one line");
    const scheme = options.authScheme ?? "Basic";
    if (scheme !== "Basic" && scheme !== "Bearer") {
      throw new BestSMSError(`BestSMS: authScheme must be "Basic" or "Bearer"`);
    }
    checkNumber("timeoutMs", options.timeoutMs, 1);
    checkNumber("maxRetries", options.maxRetries, 0);
    const fetchImpl = options.fetch ?? globalThis.fetch;
    if (typeof fetchImpl !== "function") {
      throw new BestSMSError("BestSMS: no fetch in this runtime; pass options.fetch");
    }
    // Header names in lower case, so one spelling never doubles another. The caller's headers
    // come first; Accept, Content-Type and Authorization are the client's and win.
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(options.headers ?? {})) {
      if (name.toLowerCase() === "authorization") {
        throw new BestSMSError("BestSMS: set the token with authToken, not headers.Authorization");
      }
      headers[name.toLowerCase()] = value;
    }
    const runtime = runtimeName();
    if (canSetUserAgent(runtime)) {
      // The SDK names itself first; a caller's own User-Agent (its app) follows.
      const app = headers["user-agent"];
      headers["user-agent"] = `bestsms-typescript/${VERSION} (${runtime})${app ? ` ${app}` : ""}`;
    }
    headers.accept = "application/json";
    headers.authorization = `${scheme} ${token.trim()}`;
    const secret = token.trim();
    states.set(this, {
      http: {
        // Called unbound: some runtimes' fetch throws when called as a method of another object.
        fetch: (input, init) => fetchImpl(input, init),
        headers,
        clock: options.clock ?? systemClock,
        random: options.random ?? Math.random,
        logger: options.logger,
      },
      baseUrl: (options.baseUrl ?? defaultBaseUrl).replace(/\/+$/, ""),
      timeoutMs: options.timeoutMs ?? 30_000,
      maxRetries: options.maxRetries ?? 2,
      randomUUID: options.randomUUID ?? (() => crypto.randomUUID()),
      validators: options.validators ?? {},
      redact: (text) => text.split(secret).join("[redacted]"),
    });
  }

  /** The base URL requests go to. */
  get baseUrl(): string {
    return stateOf(this).baseUrl;
  }

  /** A description without secrets. */
  toString(): string {
    return `BestSMS { baseUrl: ${JSON.stringify(this.baseUrl)} }`;
  }

  /** What JSON.stringify shows: no token. */
  toJSON(): {
    /** The base URL requests go to. */
    baseUrl: string;
  } {
    return { baseUrl: this.baseUrl };
  }
}

/** The validators of one operation's input. */
export interface OperationValidators {
  /** Checks the path and query parameters, by wire name, before the request is built. */
  readonly params?: Validator<unknown>;
  /** Checks the JSON body as it will be sent (wire names, envelope included). */
  readonly body?: Validator<unknown>;
}

function errorMessages(value: unknown): string[] {
  if (typeof value === "string") return value.trim() === "" ? [] : [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
  return [];
}

/** Response body → the wire's output (ErrorMessage always a list), or the error it stands for. */
function readResponse(
  state: ClientState,
  spec: OperationSpec,
  status: number,
  headers: Headers,
  text: string,
): Record<string, unknown> {
  let body: unknown;
  let parsed = true;
  try {
    body = text.trim() === "" ? undefined : JSON.parse(text);
  } catch {
    parsed = false;
  }
  const isObject = body !== null && typeof body === "object" && !Array.isArray(body);
  const record = isObject ? (body as Record<string, unknown>) : {};
  const result = typeof record.Result === "string" ? state.redact(record.Result) : undefined;
  const messages = errorMessages(record.ErrorMessage).map(state.redact);
  const details: ApiErrorDetails = {
    operationId: spec.id,
    status,
    result,
    errorMessages: messages,
    bodyExcerpt: isObject ? undefined : state.redact(text).slice(0, 200),
  };
  const said = messages.length > 0 ? `: ${messages.join("; ")}` : "";
  if (status >= 400) {
    const message = `${spec.id}: HTTP ${status}${result ? ` ${result}` : ""}${said}`;
    if (status === 401) throw new AuthenticationError(message, details);
    if (status === 404 || result === "RecordNotFound") throw new NotFoundError(message, details);
    if (status === 429) {
      const wait = retryAfterMs(headers.get("retry-after"), state.http.clock);
      throw new RateLimitError(message, { ...details, retryAfterMs: wait });
    }
    throw new ApiError(message, details);
  }
  if (!parsed || !isObject) {
    throw new ApiError(
      `${spec.id}: HTTP ${status} with a body that is not a JSON object (${headers.get("content-type") ?? "no content type"})`,
      details,
    );
  }
  if (result !== "Success") {
    const message = `${spec.id}: Result ${result ?? "missing"}${said}`;
    if (result === "RecordNotFound") throw new NotFoundError(message, details);
    if (result === "Unauthorized") throw new AuthenticationError(message, details);
    throw new ApiError(message, details);
  }
  const output = { ...record, ErrorMessage: messages };
  addOutputAliases(output, spec.output);
  return output;
}

/** Runs one operation: checks the input, sends it with the retry policy, reads the answer. */
export async function callOperation(
  client: BestSMSCore,
  spec: OperationSpec,
  input: unknown,
  options: RequestOptions = {},
): Promise<Record<string, unknown>> {
  const state = stateOf(client);
  const validators = Object.hasOwn(state.validators, spec.id)
    ? state.validators[spec.id]
    : undefined;
  checkNumber("timeoutMs", options.timeoutMs, 1);
  checkNumber("maxRetries", options.maxRetries, 0);
  const request = toWireRequest(spec, input, state.randomUUID);
  const issues = [
    ...(validators?.params?.validate(request.params).issues ?? []).map((issue) =>
      toInputIssue(request, spec, issue, "params"),
    ),
    ...(request.body === undefined
      ? []
      : (validators?.body?.validate(request.body).issues ?? []).map((issue) =>
          toInputIssue(request, spec, issue, "body"),
        )),
  ];
  if (issues.length > 0) throw new ValidationError(spec.id, issues);

  const safe = spec.method !== "POST" || options.idempotent === true;
  const result = await send(state.http, {
    operationId: spec.id,
    method: spec.method,
    url: state.baseUrl + request.path + request.query,
    body: request.body === undefined ? undefined : JSON.stringify(request.body),
    headers: request.body === undefined ? undefined : { "content-type": "application/json" },
    retry: safe ? "safe" : "unsafe",
    timeoutMs: options.timeoutMs ?? state.timeoutMs,
    maxRetries: options.maxRetries ?? state.maxRetries,
    signal: options.signal,
  });
  return readResponse(state, spec, result.status, result.headers, result.text);
}

/** Every item of a paged list operation, page after page, until `PageCount`. */
export async function* paginate(
  client: BestSMSCore,
  spec: OperationSpec,
  input: unknown,
  options: RequestOptions = {},
): AsyncGenerator<unknown, void, undefined> {
  const list = spec.list;
  const pageParam = spec.queryParams.find((p) => p.wire === "page");
  if (!list || !pageParam) throw new BestSMSError(`${spec.id} is not a paged list`);
  const base = { ...((input ?? {}) as Record<string, unknown>) };
  const pageName = pageParam.names.find((name) => base[name] !== undefined) ?? pageParam.names[0];
  let page = Number(base[pageName as string] ?? 1);
  for (;;) {
    const response = await callOperation(
      client,
      spec,
      { ...base, [pageName as string]: page },
      options,
    );
    const items = response[list.items];
    const batch = Array.isArray(items) ? items : [];
    yield* batch;
    const pageCount = Number(response.PageCount ?? 0);
    if (batch.length === 0 || !(page < pageCount)) return;
    page++;
  }
}
