import { BestSMS } from "./client.js";
import { BestSMSError } from "./errors.js";
import type { ClientOptions } from "./options.js";

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

/**
 * A client configured from variables: `BESTSMS_AUTH_TOKEN` (required), `BESTSMS_BASE_URL` and
 * `BESTSMS_AUTH_SCHEME` (`Basic` or `Bearer`). Options given here win over the variables. The
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
  return new BestSMS({
    ...options,
    authToken,
    ...(baseUrl === undefined ? {} : { baseUrl }),
    ...(authScheme === undefined ? {} : { authScheme }),
  });
}
