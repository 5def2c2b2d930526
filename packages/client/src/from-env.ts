import { BestSMS } from "./client.js";
import { BestSMSError } from "./errors.js";
import type { ClientOptions, Logger } from "./options.js";

/**
 * Where variables come from: a plain object (`process.env`, `Bun.env`, a Worker's `env`
 * binding) or anything with `get(name)` (`Deno.env`).
 */
export type EnvSource =
  | object
  | {
      /** The variable's value, or `undefined` when it is not set. */
      get(name: string): string | undefined;
    };

function read(env: EnvSource, name: string): string | undefined {
  const value: unknown =
    typeof (env as { get?: unknown }).get === "function"
      ? (env as { get(name: string): unknown }).get(name)
      : (env as Record<string, unknown>)[name];
  if (typeof value !== "string") return undefined;
  const trimmed = value.trim();
  return trimmed === "" ? undefined : trimmed;
}

const LEVELS = ["error", "warn", "info", "debug"] as const;

/**
 * A logger to the console from `BESTSMS_LOG` (`debug`: every attempt with its request id;
 * `info`: also retries; `warn`; `error`; `off`). Lines carry fields, never the token.
 */
function consoleLogger(level: string | undefined): Logger | undefined {
  if (level === undefined || level === "off") return undefined;
  const at = LEVELS.indexOf(level as (typeof LEVELS)[number]);
  if (at < 0)
    throw new BestSMSError("BestSMS: BESTSMS_LOG must be off, error, warn, info or debug");
  const logger: Logger = {};
  for (const name of LEVELS.slice(0, at + 1)) {
    logger[name] = (message, fields) => console[name](message, fields);
  }
  return logger;
}

/**
 * A client configured from variables: `BESTSMS_AUTH_TOKEN` (required), `BESTSMS_BASE_URL`,
 * `BESTSMS_AUTH_SCHEME` (`Basic` or `Bearer`) and `BESTSMS_LOG` (`debug` logs each attempt to
 * the console). Options given here win over the variables. The
 * runtime packages call it with their runtime's environment.
 *
 * @example
 * ```ts
 * const client = clientFromEnv(process.env);
 * await client.messaging.sms.sendMessage({ MessageText: "Hi", Recipients: "+61421111111" });
 * ```
 */
export function clientFromEnv(env: EnvSource, options: Partial<ClientOptions> = {}): BestSMS {
  const authToken = options.authToken ?? read(env, "BESTSMS_AUTH_TOKEN");
  if (authToken === undefined) {
    throw new BestSMSError(
      "BestSMS: BESTSMS_AUTH_TOKEN is not set: set it to the AuthToken from the BestSMS Web Dashboard",
    );
  }
  const baseUrl = options.baseUrl ?? read(env, "BESTSMS_BASE_URL");
  const scheme = read(env, "BESTSMS_AUTH_SCHEME")?.toLowerCase();
  if (
    options.authScheme === undefined &&
    scheme !== undefined &&
    scheme !== "basic" &&
    scheme !== "bearer"
  ) {
    throw new BestSMSError("BestSMS: BESTSMS_AUTH_SCHEME must be Basic or Bearer");
  }
  const authScheme =
    options.authScheme ??
    (scheme === "bearer" ? "Bearer" : scheme === "basic" ? "Basic" : undefined);
  const logger = options.logger ?? consoleLogger(read(env, "BESTSMS_LOG")?.toLowerCase());
  return new BestSMS({
    ...options,
    ...(logger === undefined ? {} : { logger }),
    authToken,
    ...(baseUrl === undefined ? {} : { baseUrl }),
    ...(authScheme === undefined ? {} : { authScheme }),
  });
}
