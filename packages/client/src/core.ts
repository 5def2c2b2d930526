import type { Middleware } from "./internal/http.js";
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

  /**
   * Adds middleware: its hooks run around every attempt of every call, retries and `client.raw`
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

  /** Removes middleware added with {@link BestSMSCore.use}. */
  eject(...middleware: Middleware[]): void {
    const list = stateOf(this).http.middleware;
    for (const m of middleware) {
      const at = list.indexOf(m);
      if (at >= 0) list.splice(at, 1);
    }
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
