/** The sandbox's options, and the one place their defaults are written and checked. */
import { randomToken } from "./auth.js";
import type { ControlDelivery, ControlRequest } from "./control-types.js";
import { type Clock, systemClock } from "./time.js";
import type { WebhookFormat } from "./webhooks.js";

/** Options of {@link createSandboxApp}. Every one has a default. */
export interface SandboxOptions {
  /** The token requests must carry (`Basic <token>` or `Bearer <token>`). Default: random. */
  readonly authToken?: string | undefined;
  /**
   * The sandbox's time source. Default: `Date.now`. `advance(ms)` adds to it either way: the
   * sandbox's time is this clock plus everything advanced so far.
   */
  readonly clock?: Clock | undefined;
  /** How long a sent message stays Pending before its final reports. Default 2000 ms. */
  readonly deliveryDelayMs?: number | undefined;
  /** Where webhooks go when a message names no WebhookCallbackURL. Default: none are sent. */
  readonly webhookUrl?: string | undefined;
  /** Format of webhooks to `webhookUrl` (and of messages naming none). Default `JSON`. */
  readonly webhookFormat?: WebhookFormat | undefined;
  /** Also post a `PENDING` status webhook when sending starts. Default false. */
  readonly pendingWebhooks?: boolean | undefined;
  /** The fetch webhooks are posted with. Default: the runtime's. */
  readonly fetch?: typeof fetch | undefined;
  /** Time limit of one webhook attempt. Default 10 000 ms. */
  readonly webhookTimeoutMs?: number | undefined;
  /**
   * The name of the sandbox's own zone (at `utcOffsetMinutes`), reported with local times and
   * known as a send's `TimeZone` (as are `UTC` and `AUS Eastern`). Default `AUS Eastern`.
   */
  readonly timeZone?: string | undefined;
  /** Local time = UTC + this many minutes, always (no daylight saving). Default 600 (+10:00). */
  readonly utcOffsetMinutes?: number | undefined;
  /** `Account` on polls. Default `102030`. */
  readonly account?: string | undefined;
  /** `Owner` of contacts and groups. Default `COM\SANDBOX\TEST`. */
  readonly owner?: string | undefined;
  /** `Sender` in webhooks and their `X-Sender` header. Default `sandbox@bestsms.local`. */
  readonly sender?: string | undefined;
  /** Price of one SMS part in dollars. Default 0.20. */
  readonly pricePerPart?: number | undefined;
  /** `[[Reply]]` becomes `<replyLinkBase>/r/<recipient id>`. Default `https://sandbox.bestsms.local`. */
  readonly replyLinkBase?: string | undefined;
  /**
   * Refuse request body fields the spec does not know with a `400` naming them (`HTTPMethod: not
   * a known field`), to catch typos. Default false: like the live service, the sandbox ignores
   * them, and reports them in an `X-Sandbox-Warning` header and a log line.
   */
  readonly strict?: boolean | undefined;
  /**
   * Where the sandbox writes its log lines: what it ignored in a request (unknown body fields,
   * unknown query parameters, a body on an operation that takes none). A line names fields,
   * never values or the token. Default `console.warn`; `false` writes none.
   */
  readonly log?: ((line: string) => void) | false | undefined;
  /**
   * Called once per request answered (API and control API), with what `GET /_sandbox/requests`
   * shows; the token never appears in it. The CLI prints a line from it.
   */
  readonly onRequest?: ((request: ControlRequest) => void) | undefined;
  /**
   * Called after each webhook attempt with the delivery as `GET /_sandbox/deliveries` shows it
   * (its last attempt, and when the next one is due). The CLI prints a line from it.
   */
  readonly onWebhookAttempt?: ((delivery: ControlDelivery) => void) | undefined;
}

/** Every option, defaulted and checked. */
export interface ResolvedOptions {
  readonly authToken: string;
  /** The time source; the sandbox adds what it was advanced. */
  readonly clock: Clock;
  readonly deliveryDelayMs: number;
  readonly webhookUrl: string | undefined;
  readonly webhookFormat: WebhookFormat;
  readonly pendingWebhooks: boolean;
  readonly fetch: typeof fetch;
  readonly webhookTimeoutMs: number;
  readonly timeZone: string;
  readonly utcOffsetMinutes: number;
  readonly account: string;
  readonly owner: string;
  readonly sender: string;
  readonly pricePerPartCents: number;
  readonly replyLinkBase: string;
  readonly strict: boolean;
  readonly log: ((line: string) => void) | undefined;
  readonly onRequest: ((request: ControlRequest) => void) | undefined;
  readonly onWebhookAttempt: ((delivery: ControlDelivery) => void) | undefined;
}

function nonNegative(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!(Number.isFinite(value) && value >= 0)) {
    throw new RangeError(`${name} must be a number of at least 0, got ${String(value)}`);
  }
  return value;
}

/** The options with their defaults; throws a RangeError naming a bad one. */
export function resolveOptions(options: SandboxOptions): ResolvedOptions {
  const authToken = options.authToken ?? randomToken();
  if (authToken.trim() === "" || /[\r\n]/.test(authToken)) {
    throw new RangeError("authToken must be a non-empty single line");
  }
  const webhookFormat = options.webhookFormat ?? "JSON";
  if (webhookFormat !== "JSON" && webhookFormat !== "XML") {
    throw new RangeError(`webhookFormat must be "JSON" or "XML", got ${String(webhookFormat)}`);
  }
  return {
    authToken,
    clock: options.clock ?? systemClock,
    deliveryDelayMs: nonNegative("deliveryDelayMs", options.deliveryDelayMs, 2_000),
    webhookUrl: options.webhookUrl,
    webhookFormat,
    pendingWebhooks: options.pendingWebhooks === true,
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
    webhookTimeoutMs: nonNegative("webhookTimeoutMs", options.webhookTimeoutMs, 10_000) || 1,
    timeZone: options.timeZone ?? "AUS Eastern",
    utcOffsetMinutes: options.utcOffsetMinutes ?? 600,
    account: options.account ?? "102030",
    owner: options.owner ?? "COM\\SANDBOX\\TEST",
    sender: options.sender ?? "sandbox@bestsms.local",
    pricePerPartCents: Math.round(nonNegative("pricePerPart", options.pricePerPart, 0.2) * 100),
    replyLinkBase: options.replyLinkBase ?? "https://sandbox.bestsms.local",
    strict: options.strict === true,
    log: options.log === false ? undefined : (options.log ?? ((line) => console.warn(line))),
    onRequest: options.onRequest,
    onWebhookAttempt: options.onWebhookAttempt,
  };
}
