import { operationValidators, type paths } from "@bestsms/validation";
import type { Client } from "openapi-fetch";
import { BestSMSCore } from "./core.js";
import { stateOf } from "./internal/state.js";
import type { ClientOptions } from "./options.js";
import { createRawClient } from "./raw.js";
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
  #raw: Client<paths> | undefined;

  constructor(options: ClientOptions) {
    // Every input is checked against the spec unless the caller passes its own validators.
    super({ validators: operationValidators, ...options });
    const state = stateOf(this);
    state.prepare = prepareSend;
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
   * The typed openapi-fetch client over the same connection policy (token, timeouts, retries),
   * for calling paths directly: `client.raw.GET("/get/status/{MessageID}", { params: … })`.
   */
  get raw(): Client<paths> {
    this.#raw ??= createRawClient(this);
    return this.#raw;
  }
}

// The resource tree is generated, and assigned in the constructor from the generated table.
export interface BestSMS extends ResourceTree {}
