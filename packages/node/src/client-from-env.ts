import { BestSMS, BestSMSError, type ClientOptions } from "@bestsms/client";

/** Options of {@link clientFromEnv}: any client option, and where to read variables from. */
export type ClientFromEnvOptions = Partial<ClientOptions> & {
  /** Where variables are read. Default: `process.env`. */
  env?: Record<string, string | undefined>;
};

/**
 * A client configured from the environment: `BESTSMS_AUTH_TOKEN` (required),
 * `BESTSMS_BASE_URL` and `BESTSMS_AUTH_SCHEME` (`Basic` or `Bearer`). Options given here win
 * over the variables.
 *
 * @example
 * ```ts
 * const client = clientFromEnv();
 * await client.messaging.sms.sendMessage({ MessageText: "Hi", Recipients: "+61421111111" });
 * ```
 */
export function clientFromEnv(options: ClientFromEnvOptions = {}): BestSMS {
  const { env = process.env, ...clientOptions } = options;
  const read = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === undefined || value === "" ? undefined : value;
  };
  const authToken = clientOptions.authToken ?? read("BESTSMS_AUTH_TOKEN");
  if (authToken === undefined) {
    throw new BestSMSError(
      "BestSMS: BESTSMS_AUTH_TOKEN is not set: set it to the AuthToken from the BestSMS Web Dashboard",
    );
  }
  const baseUrl = clientOptions.baseUrl ?? read("BESTSMS_BASE_URL");
  const authScheme = clientOptions.authScheme ?? authSchemeOf(read("BESTSMS_AUTH_SCHEME"));
  return new BestSMS({
    ...clientOptions,
    authToken,
    ...(baseUrl === undefined ? {} : { baseUrl }),
    ...(authScheme === undefined ? {} : { authScheme }),
  });
}

function authSchemeOf(value: string | undefined): "Basic" | "Bearer" | undefined {
  if (value === undefined) return undefined;
  const scheme = value.toLowerCase();
  if (scheme === "basic") return "Basic";
  if (scheme === "bearer") return "Bearer";
  throw new BestSMSError("BestSMS: BESTSMS_AUTH_SCHEME must be Basic or Bearer");
}
