import type { OperationChecks } from "@bestsms/validation";
import { BestSMSError } from "./errors.js";
import { defaultBaseUrl } from "./generated/operations.gen.js";
import { type Clock, systemClock } from "./internal/clock.js";
import type { Logger, Middleware } from "./internal/http.js";
import { canSetUserAgent, runtimeName } from "./internal/runtime.js";
import type { ClientState } from "./internal/state.js";
import { VERSION } from "./version.js";

export type { Clock } from "./internal/clock.js";
export type { Hooked, Logger, Middleware, MiddlewareContext } from "./internal/http.js";

/** Options of a client. Only `authToken` is required. */
export interface ClientOptions {
  /** The AuthToken (a JWT) from the BestSMS Web Dashboard. */
  readonly authToken: string;
  /** Default: the spec's server, `https://api.bestsms.au/api/v2.04`. */
  readonly baseUrl?: string | undefined;
  /** How the token is sent: `Basic <token>` (v2.04, the default) or `Bearer <token>` (newer versions). */
  readonly authScheme?: "Basic" | "Bearer" | undefined;
  /** The fetch to use (default: the runtime's). */
  readonly fetch?: typeof fetch | undefined;
  /** Time limit of each attempt, in milliseconds. Default 30 000. */
  readonly timeoutMs?: number | undefined;
  /** How many times a failed attempt may be retried. Default 2. */
  readonly maxRetries?: number | undefined;
  /** Extra headers for every request. `Authorization` cannot be set here. */
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /** Receives one line per response, retry and failure; never the token. */
  readonly logger?: Logger | undefined;
  /**
   * Input checks by operationId, run before any request (a failure throws ValidationError).
   * `BestSMS` uses every check of `@bestsms/validation` (`operationChecks`) unless told otherwise;
   * with `BestSMSCore` pass what you need, e.g. `{ "messaging.sms.sendMessage": { body: sendMessageRequest } }`,
   * or `operationChecks` for all.
   */
  readonly validators?: Readonly<Record<string, OperationValidators | undefined>> | undefined;
  /**
   * `BestSMS` only: the country of numbers written without `+` (`"AU"`): `"0421000001"`
   * becomes `"+61421000001"` with `toE164` of `@bestsms/validation` before validation.
   */
  readonly defaultCountry?: string | undefined;
  /**
   * `BestSMS` only: send each destination once (the same number, contact or group given twice
   * is billed twice); the logger's `warn` says how many were removed. Default true.
   */
  readonly dedupeRecipients?: boolean | undefined;
  /**
   * `BestSMS` only: refuse (ValidationError, before any request) a message longer than this
   * many segments. Default 10.
   */
  readonly maxSegments?: number | undefined;
  /** Middleware for every attempt (as with `client.use(...)`, in order). */
  readonly middleware?: readonly Middleware[] | undefined;
  /** For tests: the clock behind timeouts, backoff and polling. */
  readonly clock?: Clock | undefined;
  /** For tests: the random source of backoff jitter (0 ≤ x < 1). */
  readonly random?: (() => number) | undefined;
  /** For tests: makes the MessageID of a send that has none. Default: crypto.randomUUID. */
  readonly randomUUID?: (() => string) | undefined;
}

/**
 * The validators of one operation's input: `params` and `body`, each any object with `validate`
 * (a `Validator` or a `Check` of `@bestsms/validation`).
 */
export type OperationValidators = OperationChecks;

/** Refuses a limit that is not a finite number of at least `min`. */
export function checkNumber(name: string, value: number | undefined, min: number): void {
  if (value !== undefined && !(Number.isFinite(value) && value >= min)) {
    throw new BestSMSError(`${name} must be a number of at least ${min}, got ${String(value)}`);
  }
}

/** Header names in lower case; `Authorization` is refused (the token has its own option). */
export function lowerHeaders(
  headers: Readonly<Record<string, string>> | undefined,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const lower = name.toLowerCase();
    if (lower === "authorization") {
      throw new BestSMSError("BestSMS: set the token with authToken, not headers.Authorization");
    }
    out[lower] = value;
  }
  return out;
}

/** Checks a client's options and settles every default: what the client keeps. */
export function resolveOptions(options: ClientOptions): ClientState {
  if (options === null || typeof options !== "object") {
    throw new BestSMSError("BestSMS: options are required ({ authToken })");
  }
  const token = options.authToken;
  if (typeof token !== "string" || token.trim() === "") {
    throw new BestSMSError(
      "BestSMS: authToken is required: pass the AuthToken from the BestSMS Web Dashboard",
    );
  }
  // Only what a header may carry: undici echoes a header value it refuses in its error.
  if (/[^ -~]/.test(token.trim())) {
    throw new BestSMSError("BestSMS: authToken must be printable ASCII");
  }
  const scheme = options.authScheme ?? "Basic";
  if (scheme !== "Basic" && scheme !== "Bearer") {
    throw new BestSMSError(`BestSMS: authScheme must be "Basic" or "Bearer"`);
  }
  checkNumber("timeoutMs", options.timeoutMs, 1);
  checkNumber("maxRetries", options.maxRetries, 0);
  const baseUrl = (options.baseUrl ?? defaultBaseUrl).replace(/\/+$/, "");
  // `BestSMS` checks it in full first; this keeps a bad one out of `BestSMSCore` too.
  if (!URL.canParse(baseUrl)) throw new BestSMSError(`BestSMS: baseUrl ${baseUrl} is not a URL`);
  const fetchImpl = options.fetch ?? globalThis.fetch;
  if (typeof fetchImpl !== "function") {
    throw new BestSMSError("BestSMS: no fetch in this runtime; pass options.fetch");
  }
  // Header names in lower case, so one spelling never doubles another. The caller's headers
  // come first; Accept, Content-Type and Authorization are the client's and win.
  const headers = lowerHeaders(options.headers);
  const runtime = runtimeName();
  if (canSetUserAgent(runtime)) {
    // The SDK names itself first; a caller's own User-Agent (its app) follows.
    const app = headers["user-agent"];
    headers["user-agent"] = `bestsms-typescript/${VERSION} (${runtime})${app ? ` ${app}` : ""}`;
  }
  headers.accept = "application/json";
  const secret = token.trim();
  headers.authorization = `${scheme} ${secret}`;
  return {
    http: {
      // Called unbound: some runtimes' fetch throws when called as a method of another object.
      fetch: (input, init) => fetchImpl(input, init),
      headers,
      clock: options.clock ?? systemClock,
      random: options.random ?? Math.random,
      logger: options.logger,
      middleware: [...(options.middleware ?? [])],
    },
    baseUrl,
    timeoutMs: options.timeoutMs ?? 30_000,
    maxRetries: options.maxRetries ?? 2,
    randomUUID: options.randomUUID ?? (() => crypto.randomUUID()),
    validators: options.validators ?? {},
    // A token too short to be real (a test's "t") would mangle every word it is part of.
    redact: (text) => (secret.length < 8 ? text : text.split(secret).join("[redacted]")),
    authScheme: scheme,
  };
}
