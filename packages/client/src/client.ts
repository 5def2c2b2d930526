import { isCountryCode, operationChecks } from "@bestsms/validation";
import { BestSMSCore } from "./core.js";
import { BestSMSError } from "./errors.js";
import { authHint, checkBaseUrl, explainIssue } from "./internal/hints.js";
import type { Middleware } from "./internal/http.js";
import { fetchThrough } from "./internal/middleware.js";
import { stateOf } from "./internal/state.js";
import { type ClientOptions, checkNumber } from "./options.js";
import { buildResources, type ResourceTree } from "./resources.js";
import { estimateSend, prepareSend, type SmsExtras } from "./sms.js";
import { type StatusExtras, waitFor } from "./wait-for.js";

/**
 * The BestSMS client: every operation of the API, named as the API's document names it.
 *
 * @example
 * ```ts
 * import { BestSMS } from "@bestsms/client";
 * const client = new BestSMS({ authToken: process.env.BESTSMS_AUTH_TOKEN ?? "" });
 * const sent = await client.messaging.sms.sendMessage({
 *   Reference: "Test", MessageText: "Test SMS", Recipients: ["+61421111111", "+61422222222"],
 * });
 * ```
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the constructor assigns the tree the interface declares.
export class BestSMS extends BestSMSCore {
  constructor(options: ClientOptions) {
    // Every input is checked against the spec unless the caller passes its own validators.
    // Checked before anything else, so a bad one fails here, not 1.4 s later on a first call.
    if (options?.baseUrl !== undefined) checkBaseUrl(options.baseUrl);
    super({ validators: operationChecks, ...options });
    const state = stateOf(this);
    checkNumber("maxSegments", options.maxSegments, 1);
    if (options.defaultCountry !== undefined && !isCountryCode(options.defaultCountry)) {
      throw new BestSMSError(
        `BestSMS: defaultCountry must be a country code such as "AU", got ${JSON.stringify(options.defaultCountry)}`,
      );
    }
    // A copy: what the caller does to its options object later changes nothing here.
    state.send = { ...options };
    state.prepare = prepareSend;
    state.explain = explainIssue;
    state.authHint = authHint;
    state.http.through = fetchThrough;
    const resources = buildResources(this);
    const reports = resources.reports as { status: Record<string, unknown> };
    const extras: StatusExtras = { waitFor: (options) => waitFor(this, options) };
    reports.status.waitFor = extras.waitFor;
    const messaging = resources.messaging as { sms: Record<string, unknown> };
    const sms: SmsExtras = { estimate: (input) => estimateSend(state, input) };
    messaging.sms.estimate = sms.estimate;
    Object.assign(this, resources);
  }

  /**
   * Adds middleware: its hooks run around every attempt of every call, retries and `rawClient(client)`
   * included, in the order added (`onResponse` in reverse). The token shows as `[redacted]`
   * unless the middleware has `includeToken: true`.
   *
   * @example
   * ```ts
   * client.use({ onResponse: ({ response, requestId }) => void console.log(response.status, requestId) });
   * ```
   */
  use(...middleware: Middleware[]): void {
    stateOf(this).http.middleware.push(...middleware);
  }

  /** Removes middleware added with {@link BestSMS.use}. */
  eject(...middleware: Middleware[]): void {
    const list = stateOf(this).http.middleware;
    for (const m of middleware) {
      const at = list.indexOf(m);
      if (at >= 0) list.splice(at, 1);
    }
  }
}

// The resource tree is generated, and assigned in the constructor from the generated table.
export interface BestSMS extends ResourceTree {}
