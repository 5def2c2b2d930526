/**
 * `sandboxControl(url, token)`: the control API of a running sandbox, typed. Web-standard code
 * (fetch only): it works from Node, Deno, Bun, workerd and a browser.
 */
import { CONTROL_BASE_PATH } from "./control.js";
import type {
  ControlClockResponse,
  ControlDelivery,
  ControlMessage,
  ControlReceived,
  ControlRequest,
} from "./control-types.js";

/** A refusal of the control API: its status and `ErrorMessage` (never the token). */
export class SandboxControlError extends Error {
  /** `SandboxControlError`. */
  override readonly name = "SandboxControlError";
  /** The HTTP status. */
  readonly status: number;
  /** The answer's `ErrorMessage`. */
  readonly messages: readonly string[];

  constructor(status: number, messages: readonly string[], what: string) {
    super(`${what}: ${status}${messages.length > 0 ? ` ${messages.join("; ")}` : ""}`);
    this.status = status;
    this.messages = messages;
  }
}

/** Options of {@link sandboxControl}. */
export interface SandboxControlOptions {
  /** The fetch requests are made with. Default: the runtime's. */
  readonly fetch?: typeof fetch | undefined;
}

/** The control API of a running sandbox. */
export interface SandboxControl {
  /** A reply from a recipient of a message (`From` defaults to its first recipient). */
  reply(input: {
    /** The message replied to. */
    MessageID: string;
    /** The recipient replying; default the first one. */
    From?: string | undefined;
    /** The text of the reply. */
    MessageText: string;
  }): Promise<ControlReceived>;
  /** An inbound SMS that replies to nothing. */
  inbound(input: {
    /** Who sent it. */
    From: string;
    /** The text received. */
    MessageText: string;
    /** The number it was sent to. */
    To?: string | undefined;
  }): Promise<ControlReceived>;
  /** Moves the sandbox's clock forward, running everything due; resolves to the new time. */
  advance(ms: number): Promise<string>;
  /** Every message, oldest first. */
  messages(): Promise<readonly ControlMessage[]>;
  /** Every webhook with its attempts, oldest first. */
  deliveries(): Promise<readonly ControlDelivery[]>;
  /** The last requests the sandbox answered, oldest first. */
  requests(): Promise<readonly ControlRequest[]>;
  /** Forgets every record, delivery and logged request. */
  reset(): Promise<void>;
}

/**
 * The control API of the sandbox at `url` (its origin, or its `apiUrl`), with its token.
 *
 * @example
 * ```ts
 * const control = sandboxControl(sandbox.url, sandbox.authToken);
 * await control.reply({ MessageID, MessageText: "YES" });
 * await control.advance(5 * 60_000);
 * ```
 */
export function sandboxControl(
  url: string,
  token: string,
  options: SandboxControlOptions = {},
): SandboxControl {
  const origin = new URL(url).origin;
  const fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));

  async function call<T>(method: "GET" | "POST", path: string, body?: unknown): Promise<T> {
    const what = `${method} ${CONTROL_BASE_PATH}${path}`;
    const response = await fetchImpl(`${origin}${CONTROL_BASE_PATH}${path}`, {
      method,
      headers: {
        Authorization: `Basic ${token}`,
        ...(body === undefined ? {} : { "Content-Type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    if (!response.ok) {
      const messages =
        typeof parsed === "object" && parsed !== null && "ErrorMessage" in parsed
          ? [(parsed as { ErrorMessage: unknown }).ErrorMessage].flat().map(String)
          : [];
      throw new SandboxControlError(response.status, messages, what);
    }
    if (parsed === undefined) throw new SandboxControlError(response.status, ["not JSON"], what);
    return parsed as T;
  }

  return {
    reply: async (input) =>
      (await call<{ Received: ControlReceived }>("POST", "/replies", input)).Received,
    inbound: async (input) =>
      (await call<{ Received: ControlReceived }>("POST", "/inbound", input)).Received,
    advance: async (ms) => (await call<ControlClockResponse>("POST", "/clock/advance", { ms })).Now,
    messages: async () => (await call<{ Messages: ControlMessage[] }>("GET", "/messages")).Messages,
    deliveries: async () =>
      (await call<{ Deliveries: ControlDelivery[] }>("GET", "/deliveries")).Deliveries,
    requests: async () => (await call<{ Requests: ControlRequest[] }>("GET", "/requests")).Requests,
    reset: async () => {
      await call("POST", "/reset");
    },
  };
}
