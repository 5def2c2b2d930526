import { attachState, stateOf } from "./internal/state.js";
import { type ClientOptions, resolveOptions } from "./options.js";

// The generated per-operation functions import these from here.
export { callOperation } from "./internal/call.js";
export { paginate } from "./internal/paginate.js";

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
    attachState(this, resolveOptions(options));
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
