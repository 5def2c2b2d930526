import { BestSMS, BestSMSError, type ClientOptions } from "@bestsms/client";
import { authSchemeOf, envString } from "./internal/env.js";

/**
 * A client configured from a Worker's env binding (or any object of variables):
 * `BESTSMS_AUTH_TOKEN` (required; a secret), `BESTSMS_BASE_URL` and `BESTSMS_AUTH_SCHEME`
 * (`Basic` or `Bearer`). Options given here win over the variables. Typed `object` so that a
 * Worker's `Env` interface fits as it is.
 *
 * @example
 * ```ts
 * export default {
 *   async fetch(request, env) {
 *     const client = clientFromEnv(env);
 *     const sent = await client.messaging.sms.sendMessage({ MessageText: "Hi", Recipients: "+61421111111" });
 *     return Response.json(sent);
 *   },
 * };
 * ```
 */
export function clientFromEnv(env: object, options: Partial<ClientOptions> = {}): BestSMS {
  const authToken = options.authToken ?? envString(env, "BESTSMS_AUTH_TOKEN");
  if (authToken === undefined) {
    throw new BestSMSError(
      "BestSMS: BESTSMS_AUTH_TOKEN is not set: add it as a secret holding the AuthToken from the BestSMS Web Dashboard",
    );
  }
  const baseUrl = options.baseUrl ?? envString(env, "BESTSMS_BASE_URL");
  const authScheme = options.authScheme ?? authSchemeOf(envString(env, "BESTSMS_AUTH_SCHEME"));
  return new BestSMS({
    ...options,
    authToken,
    ...(baseUrl === undefined ? {} : { baseUrl }),
    ...(authScheme === undefined ? {} : { authScheme }),
  });
}
