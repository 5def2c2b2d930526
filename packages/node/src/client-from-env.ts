import { type BestSMS, type ClientOptions, clientFromEnv as fromVariables } from "@bestsms/client";

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
  const { env, ...clientOptions } = options;
  return fromVariables(env ?? process.env, clientOptions);
}
