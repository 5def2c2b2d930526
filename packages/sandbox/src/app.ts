/**
 * The sandbox as a Hono app: every operation of the BestSMS spec, state in memory, the message
 * lifecycle on an injectable clock, webhooks through an injectable fetch.
 *
 * Web-standard code only (this module and everything it imports run in workerd, Deno, Bun and
 * Node alike); `startSandbox` in `./index.js` serves it from Node.
 */
import { operationValidators } from "@bestsms/validation";
import { Hono } from "hono";
import { getPath } from "hono/utils/url";
import {
  CONTROL_BASE_PATH,
  jsonAnswer,
  mountControl,
  type RecordedRequest,
  RequestLog,
  showDelivery,
  showRequest,
} from "./control.js";
import type { ControlDelivery, ControlRequest } from "./control-types.js";
import {
  DUPLICATE_WINDOW_MS,
  type EngineSettings,
  failed,
  type PagingQuery,
  type ReceivedQuery,
  type Reply,
  SandboxEngine,
  type SandboxMessage,
  type SandboxReceivedMessage,
  type SandboxRecords,
  type SandboxState,
} from "./engine.js";
import { type OperationId, routes } from "./generated/routes.gen.js";
import { type Clock, systemClock } from "./time.js";
import {
  describeNames,
  pathNormaliser,
  readQuery,
  safeText,
  validateLeniently,
} from "./tolerance.js";
import {
  toXml,
  WEBHOOK_RETRY_INTERVAL_MS,
  WEBHOOK_RETRY_WINDOW_MS,
  type WebhookDelivery,
  type WebhookFormat,
  WebhookQueue,
} from "./webhooks.js";

export { CONTROL_BASE_PATH, REQUEST_LOG_SIZE } from "./control.js";
export {
  type SandboxControl,
  SandboxControlError,
  type SandboxControlOptions,
  sandboxControl,
} from "./control-client.js";
export type * from "./control-types.js";
export type {
  MessageStatus,
  RecipientStatus,
  Reply,
  SandboxContact,
  SandboxGroup,
  SandboxMembership,
  SandboxMessage,
  SandboxReceivedMessage,
  SandboxRecipient,
  SandboxRecords,
  SandboxState,
} from "./engine.js";
export { FAILING_NUMBERS, type FailingNumberRule, failingNumberRule } from "./failing-numbers.js";
export type { Clock } from "./time.js";
export type {
  WebhookAttempt,
  WebhookDelivery,
  WebhookFormat,
  WebhookPayload,
} from "./webhooks.js";
export { DUPLICATE_WINDOW_MS, WEBHOOK_RETRY_INTERVAL_MS, WEBHOOK_RETRY_WINDOW_MS };

/** Options of {@link createSandboxApp}. Every one has a default. */
export interface SandboxOptions {
  /** The token requests must carry (`Basic <token>` or `Bearer <token>`). Default: random. */
  readonly authToken?: string;
  /**
   * The sandbox's time source. Default: `Date.now`. `advance(ms)` adds to it either way: the
   * sandbox's time is this clock plus everything advanced so far.
   */
  readonly clock?: Clock;
  /** How long a sent message stays Pending before its final reports. Default 2000 ms. */
  readonly deliveryDelayMs?: number;
  /** Where webhooks go when a message names no WebhookCallbackURL. Default: none are sent. */
  readonly webhookUrl?: string;
  /** Format of webhooks to `webhookUrl` (and of messages naming none). Default `JSON`. */
  readonly webhookFormat?: WebhookFormat;
  /** Also post a `PENDING` status webhook when sending starts. Default false. */
  readonly pendingWebhooks?: boolean;
  /** The fetch webhooks are posted with. Default: the runtime's. */
  readonly fetch?: typeof fetch;
  /** Time limit of one webhook attempt. Default 10 000 ms. */
  readonly webhookTimeoutMs?: number;
  /** The time zone name reported with local times. Default `AUS Eastern`. */
  readonly timeZone?: string;
  /** Local time = UTC + this many minutes, always (no daylight saving). Default 600 (+10:00). */
  readonly utcOffsetMinutes?: number;
  /** `Account` on polls. Default `102030`. */
  readonly account?: string;
  /** `Owner` of contacts and groups. Default `COM\SANDBOX\TEST`. */
  readonly owner?: string;
  /** `Sender` in webhooks and their `X-Sender` header. Default `sandbox@bestsms.local`. */
  readonly sender?: string;
  /** Price of one SMS part in dollars. Default 0.20. */
  readonly pricePerPart?: number;
  /** `[[Reply]]` becomes `<replyLinkBase>/r/<recipient id>`. Default `https://sandbox.bestsms.local`. */
  readonly replyLinkBase?: string;
  /**
   * Refuse request body fields the spec does not know with a `400` naming them (`HTTPMethod: not
   * a known field`), to catch typos. Default false: like the live service, the sandbox ignores
   * them, and reports them in an `X-Sandbox-Warning` header and a log line.
   */
  readonly strict?: boolean;
  /**
   * Where the sandbox writes its log lines: what it ignored in a request (unknown body fields,
   * unknown query parameters, a body on an operation that takes none). A line names fields,
   * never values or the token. Default `console.warn`; `false` writes none.
   */
  readonly log?: ((line: string) => void) | false;
  /**
   * Called once per request answered (API and control API), with what `GET /_sandbox/requests`
   * shows; the token never appears in it. The CLI prints a line from it.
   */
  readonly onRequest?: (request: ControlRequest) => void;
  /**
   * Called after each webhook attempt with the delivery as `GET /_sandbox/deliveries` shows it
   * (its last attempt, and when the next one is due). The CLI prints a line from it.
   */
  readonly onWebhookAttempt?: (delivery: ControlDelivery) => void;
}

/**
 * A sandbox's state as plain JSON data: records, webhook deliveries and how far its clock was
 * advanced. Holds no token: webhook bodies are left out (and `APIKey` emptied), and made again
 * with the token of the sandbox that restores it.
 */
export interface SandboxSnapshot {
  /** The snapshot format; 1. */
  readonly version: 1;
  /** How far `advance` moved the clock past its source, in ms. */
  readonly advancedMs: number;
  readonly records: SandboxRecords;
  readonly deliveries: readonly Omit<WebhookDelivery, "body">[];
}

/**
 * Where a sandbox keeps its state between runs: `memoryStore()`, `fileStore(path)` (Node, written
 * atomically) or a Durable Object's storage (the Worker).
 */
export interface SandboxStore {
  /** The state saved last, or `undefined` when there is none. */
  load(): Promise<SandboxSnapshot | undefined>;
  /** Saves the state, replacing what was saved before. */
  save(snapshot: SandboxSnapshot): Promise<void>;
}

/** A store in memory: for tests, and to hand state from one sandbox to another. */
export function memoryStore(): SandboxStore {
  let saved: string | undefined;
  return {
    load: async () => (saved === undefined ? undefined : (JSON.parse(saved) as SandboxSnapshot)),
    save: async (snapshot) => {
      saved = JSON.stringify(snapshot);
    },
  };
}

/** Input of {@link Sandbox.simulateReply}. */
export interface SimulateReplyInput {
  /** The message replied to (the most recent one with this MessageID). */
  readonly MessageID: string;
  /** The recipient number replying. Default: the message's first recipient. */
  readonly From?: string;
  /** The text of the reply. */
  readonly MessageText: string;
}

/** Input of {@link Sandbox.simulateInbound}. */
export interface SimulateInboundInput {
  /** Who sent it (E.164). */
  readonly From: string;
  /** The text received. */
  readonly MessageText: string;
  /** The number it was sent to, kept for inspection. */
  readonly To?: string;
}

/** A sandbox: the Hono app, its state and the controls of its clock. */
export interface Sandbox {
  /**
   * The Hono app; serve `app.fetch` or mount it. Paths are the service's (`/api/v2.04/send/sms`)
   * and the spec's (`/send/sms`).
   */
  readonly app: Hono;
  /** `app.fetch` for a plain Request. */
  readonly fetch: (request: Request) => Promise<Response>;
  /** The token requests must carry. */
  readonly authToken: string;
  /** Messages, contacts, groups, memberships and received SMS (live). */
  readonly state: SandboxState;
  /** Every webhook queued, with its attempts (live). */
  readonly deliveries: readonly WebhookDelivery[];
  /** The sandbox's current time (ms since the epoch). */
  now(): number;
  /**
   * Moves the sandbox's time forward by `ms`, running everything that falls due on the way in
   * order (message events, webhook attempts and retries), and waits for the webhook attempts.
   */
  advance(ms: number): Promise<void>;
  /** Runs what is due now and waits for the webhook attempts it starts. */
  runDue(): Promise<void>;
  /** Waits until no webhook attempt is running. */
  settle(): Promise<void>;
  /** The earliest sandbox time something is due (a message event or a webhook attempt), if any. */
  nextDue(): number | undefined;
  /**
   * A reply from a recipient of a message: pollable and webhooked (`SMSReply`). Rejects when no
   * message has that MessageID or `From` is not one of its recipients.
   */
  simulateReply(input: SimulateReplyInput): Promise<SandboxReceivedMessage>;
  /** An inbound SMS that replies to nothing: pollable and webhooked (`SMSInbound`). */
  simulateInbound(input: SimulateInboundInput): Promise<SandboxReceivedMessage>;
  /** The most recent message with this MessageID. */
  latestMessage(messageId: string): SandboxMessage | undefined;
  /** Forgets every record and delivery; settings and time stay. */
  reset(): void;
  /** The state as plain data, for a {@link SandboxStore}. */
  snapshot(): SandboxSnapshot;
  /** Replaces the state with a snapshot's (records, deliveries, the clock's advance). */
  restore(snapshot: SandboxSnapshot): void;
}

interface OperationInput {
  readonly params: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, unknown>>;
  readonly body: Readonly<Record<string, unknown>>;
}

type Handler = (engine: SandboxEngine, input: OperationInput) => Reply;

const param = (input: OperationInput, name: string): string => input.params[name] ?? "";
const paging = (input: OperationInput): PagingQuery => input.query as PagingQuery;

/**
 * What the sandbox does for each operation. Methods, paths and parameters come from the spec
 * (the generated `routes`); a missing or unknown operation here fails to compile.
 */
const HANDLERS: { readonly [K in OperationId]: Handler } = {
  "messaging.sms.sendMessage": (e, i) => e.send(i.body.MessageData as Record<string, unknown>),
  "actions.resubmit.sendRequest": (e, i) =>
    e.resubmit(param(i, "MessageID"), i.body as { SendTime?: string }),
  "actions.reschedule.sendRequest": (e, i) =>
    e.reschedule(param(i, "MessageID"), i.body as { SendTime: string }),
  "actions.abort.sendRequest": (e, i) => e.abort(param(i, "MessageID")),
  "actions.pacing.sendRequest": (e, i) =>
    e.pacing(param(i, "MessageID"), i.body as { NumberOfOperators: number }),
  "reports.status.poll": (e, i) => e.statusPoll(param(i, "MessageID"), paging(i)),
  "reports.smsReceived.poll": (e, i) => e.receivedPoll(i.query as ReceivedQuery),
  "reports.smsReply.poll": (e, i) => e.replyPoll(param(i, "MessageID"), paging(i)),
  "addressbook.contact.list": (e, i) => e.listContacts(paging(i)),
  "addressbook.contact.create": (e, i) => e.createContact(i.body),
  "addressbook.contact.detail": (e, i) => e.contactDetail(param(i, "ContactID")),
  "addressbook.contact.update": (e, i) => e.updateContact(param(i, "ContactID"), i.body),
  "addressbook.contact.delete": (e, i) => e.deleteContact(param(i, "ContactID")),
  "addressbook.contactGroup.list": (e, i) => e.contactGroups(param(i, "ContactID"), paging(i)),
  "addressbook.contactGroup.create": (e, i) =>
    e.addMember(param(i, "ContactID"), String(i.body.GroupID)),
  "addressbook.contactGroup.detail": (e, i) =>
    e.memberDetail(param(i, "ContactID"), param(i, "GroupID"), true),
  "addressbook.contactGroup.delete": (e, i) =>
    e.removeMember(param(i, "ContactID"), param(i, "GroupID")),
  "addressbook.group.list": (e, i) => e.listGroups(paging(i)),
  "addressbook.group.create": (e, i) => e.createGroup(i.body),
  "addressbook.group.detail": (e, i) => e.groupDetail(param(i, "GroupID")),
  "addressbook.group.update": (e, i) => e.updateGroup(param(i, "GroupID"), i.body),
  "addressbook.group.delete": (e, i) => e.deleteGroup(param(i, "GroupID")),
  "addressbook.groupContact.list": (e, i) => e.groupContacts(param(i, "GroupID"), paging(i)),
  "addressbook.groupContact.create": (e, i) =>
    e.addMember(String(i.body.ContactID), param(i, "GroupID")),
  "addressbook.groupContact.detail": (e, i) =>
    e.memberDetail(param(i, "ContactID"), param(i, "GroupID")),
  "addressbook.groupContact.delete": (e, i) =>
    e.removeMember(param(i, "ContactID"), param(i, "GroupID")),
};

/** The operations the sandbox serves: operationId, method and the spec's path. */
export const SANDBOX_OPERATIONS: readonly {
  /** The spec's operationId, e.g. `messaging.sms.sendMessage`. */
  readonly id: string;
  /** The HTTP method, e.g. `POST`. */
  readonly method: string;
  /** The spec's path, e.g. `/send/sms` or `/get/status/{MessageID}`. */
  readonly path: string;
}[] = routes.map(({ id, method, path }) => ({ id, method, path }));

// http:// to a loopback host is accepted as a WebhookCallbackURL for local receivers.
const LOOPBACK_HTTP = /^http:\/\/(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])(?::\d+)?(?:[/?#]|$)/i;

/**
 * Whether a request to an operation without a body carries one anyway. Node's server adapter
 * drops the body of a GET, so its `Content-Length` counts too.
 */
async function carriesBody(request: Request): Promise<boolean> {
  const length = Number(request.headers.get("content-length") ?? "0");
  if (Number.isFinite(length) && length > 0) return true;
  return (await request.text()).trim() !== "";
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The body the validator sees: a loopback http WebhookCallbackURL is checked as if https. */
function forValidation(id: string, body: unknown): unknown {
  if (id !== "messaging.sms.sendMessage" || !isObject(body) || !isObject(body.MessageData)) {
    return body;
  }
  const url = body.MessageData.WebhookCallbackURL;
  if (typeof url !== "string" || !LOOPBACK_HTTP.test(url)) return body;
  return {
    ...body,
    MessageData: { ...body.MessageData, WebhookCallbackURL: `https:${url.slice("http:".length)}` },
  };
}

/** Send values the service reads in any letter case, and the case the spec writes them in. */
const CASE_INSENSITIVE: Readonly<Record<string, readonly string[]>> = {
  Mode: ["Test"],
  WebhookCallbackFormat: ["JSON", "XML"],
};

/**
 * A send body with `Mode` and `WebhookCallbackFormat` in the spec's case: the service takes
 * `test` or `json` as well (the reference SDK compares them upper-cased and sends them as given).
 */
function canonicalCase(id: string, body: unknown): unknown {
  if (id !== "messaging.sms.sendMessage" || !isObject(body) || !isObject(body.MessageData)) {
    return body;
  }
  const data: Record<string, unknown> = { ...body.MessageData };
  for (const [field, values] of Object.entries(CASE_INSENSITIVE)) {
    const given = data[field];
    if (typeof given !== "string") continue;
    const match = values.find((value) => value.toLowerCase() === given.toLowerCase());
    if (match !== undefined) data[field] = match;
  }
  return { ...body, MessageData: data };
}

function json(status: number, body: unknown, warning?: string): Response {
  const headers = new Headers({ "Content-Type": "application/json; charset=utf-8" });
  if (warning !== undefined) headers.set(WARNING_HEADER, warning);
  return jsonAnswer(status, body, headers);
}

/** The header naming what the sandbox ignored in a request. */
const WARNING_HEADER = "X-Sandbox-Warning";

/** Compares two strings in time that depends on their lengths only. */
function sameToken(given: string, expected: string): boolean {
  let diff = given.length ^ expected.length;
  for (let i = 0; i < expected.length; i++) {
    diff |= (given.charCodeAt(i % Math.max(given.length, 1)) || 0) ^ expected.charCodeAt(i);
  }
  return diff === 0;
}

function randomToken(): string {
  return `sandbox_${crypto.randomUUID().replace(/-/g, "")}`;
}

function nonNegative(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!(Number.isFinite(value) && value >= 0)) {
    throw new RangeError(`${name} must be a number of at least 0, got ${String(value)}`);
  }
  return value;
}

/**
 * Creates a sandbox: a Hono app serving every operation of the BestSMS spec, with its state in
 * memory.
 *
 * @example
 * ```ts
 * const sandbox = createSandboxApp({ authToken: "test-token", clock: { now: () => t } });
 * const response = await sandbox.fetch(new Request("http://sandbox/get/sms/received", {
 *   headers: { Authorization: "Basic test-token" },
 * }));
 * ```
 */
export function createSandboxApp(options: SandboxOptions = {}): Sandbox {
  const authToken = options.authToken ?? randomToken();
  if (authToken.trim() === "" || /[\r\n]/.test(authToken)) {
    throw new RangeError("authToken must be a non-empty single line");
  }
  const webhookFormat = options.webhookFormat ?? "JSON";
  if (webhookFormat !== "JSON" && webhookFormat !== "XML") {
    throw new RangeError(`webhookFormat must be "JSON" or "XML", got ${String(webhookFormat)}`);
  }
  const base = options.clock ?? systemClock;
  let offset = 0;
  const clock: Clock = { now: () => base.now() + offset };
  const newId = (): string => crypto.randomUUID();
  const fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));

  const webhooks = new WebhookQueue({
    clock,
    fetch: fetchImpl,
    authToken,
    sender: options.sender ?? "sandbox@bestsms.local",
    timeoutMs: nonNegative("webhookTimeoutMs", options.webhookTimeoutMs, 10_000) || 1,
    newId,
    ...(options.onWebhookAttempt === undefined
      ? {}
      : {
          onAttempt: (delivery: WebhookDelivery) =>
            options.onWebhookAttempt?.(showDelivery(delivery)),
        }),
  });
  const settings: EngineSettings = {
    clock,
    deliveryDelayMs: nonNegative("deliveryDelayMs", options.deliveryDelayMs, 2_000),
    utcOffsetMinutes: options.utcOffsetMinutes ?? 600,
    timeZone: options.timeZone ?? "AUS Eastern",
    account: options.account ?? "102030",
    owner: options.owner ?? "COM\\SANDBOX\\TEST",
    sender: options.sender ?? "sandbox@bestsms.local",
    authToken,
    pricePerPartCents: Math.round(nonNegative("pricePerPart", options.pricePerPart, 0.2) * 100),
    replyLinkBase: options.replyLinkBase ?? "https://sandbox.bestsms.local",
    pendingWebhooks: options.pendingWebhooks === true,
    webhookUrl: options.webhookUrl,
    webhookFormat,
    newId,
  };
  const engine = new SandboxEngine(settings, webhooks);
  const strict = options.strict === true;
  const log =
    options.log === false ? undefined : (options.log ?? ((line: string) => console.warn(line)));

  const runDue = async (): Promise<void> => {
    engine.processDue();
    await Promise.all(webhooks.startDue());
    await webhooks.settle();
  };

  // Routing sees the spec's path: `/api/v2.04` and trailing slashes dropped, literal segments in
  // the spec's case (`/addressbook/contact/List/` is `/addressbook/contact/list`).
  const normalise = pathNormaliser(routes.map((route) => route.path));
  const app = new Hono({ getPath: (request) => normalise(getPath(request)) });

  const requests = new RequestLog();
  const onRequest = options.onRequest;
  // The token is hidden in what is recorded (a shorter one matches inside ordinary text).
  const hide = (text: string): string =>
    authToken.length >= 8 ? text.split(authToken).join("[token]") : text;
  // Recording is cheap; formatting (times, the token hidden) waits until a request is shown.
  const show = (request: RecordedRequest): ControlRequest =>
    showRequest(request, (text) => safeText(text, authToken));
  app.use("*", async (c, next) => {
    const started = performance.now();
    await next();
    const url = c.req.raw.url;
    const control = url.includes(`${CONTROL_BASE_PATH}/`);
    if (control && onRequest === undefined) return;
    const recorded: RecordedRequest = {
      at: clock.now(),
      method: c.req.method,
      url,
      status: c.res.status,
      durationMs: performance.now() - started,
      response: c.res,
    };
    if (!control) requests.add(recorded);
    onRequest?.(show(recorded));
  });

  app.use("*", async (c, next) => {
    const header = (c.req.header("authorization") ?? "").trim();
    const match = /^(?:Basic|Bearer)\s+(\S+)$/i.exec(header);
    if (!match?.[1] || !sameToken(match[1], authToken)) {
      return json(401, { Result: "Unauthorized", ErrorMessage: "Invalid Auth Token" });
    }
    await next();
  });

  for (const operation of routes) {
    const honoPath = operation.path.replace(/\{(\w+)\}/g, ":$1");
    const integers = new Set(operation.integerQuery);
    app.on(operation.method, honoPath, async (c) => {
      engine.processDue();
      const params: Record<string, string> = { ...c.req.param() };
      const query: Record<string, unknown> = {};
      const found = readQuery(new URL(c.req.url).searchParams, operation.query);
      for (const [name, value] of found.values) {
        query[name] = integers.has(name) && /^-?\d+$/.test(value) ? Number(value) : value;
      }
      const ignored: string[] = [];
      if (found.unknown.length > 0) {
        ignored.push(`unknown query parameters: ${describeNames(found.unknown, authToken)}`);
      }
      let body: unknown = {};
      if (operation.body) {
        const text = await c.req.text();
        if (text.trim() !== "") {
          try {
            body = canonicalCase(operation.id, JSON.parse(text));
          } catch {
            return json(400, failed(["The body is not valid JSON"]).body);
          }
        }
      } else if (await carriesBody(c.req.raw)) {
        // The service reads no body here (tnzapi sends `{"HTTPMethod":"GET"}` on every call).
        ignored.push(`the body (${operation.method} ${operation.path} takes none)`);
      }
      const validators = operationValidators[operation.id];
      const bodyCheck = validators?.body;
      const checked = bodyCheck
        ? validateLeniently(
            body,
            (value) => bodyCheck.validate(forValidation(operation.id, value)).issues ?? [],
            !strict,
          )
        : { issues: [], ignored: [] };
      if (checked.ignored.length > 0) {
        ignored.push(`unknown fields: ${describeNames(checked.ignored, authToken)}`);
      }
      const warning = ignored.length > 0 ? `ignored ${ignored.join("; ")}` : undefined;
      if (warning !== undefined) {
        log?.(
          `bestsms-sandbox: ${c.req.method} ${safeText(new URL(c.req.url).pathname, authToken)}: ${warning}`,
        );
      }
      const issues = [
        ...(validators?.params?.validate({ ...params, ...query }).issues ?? []),
        ...checked.issues,
      ];
      if (issues.length > 0) return json(400, failed(issues.map((i) => i.message)).body, warning);

      const reply = HANDLERS[operation.id](engine, {
        params,
        query,
        body: isObject(body) ? body : {},
      });
      const started = webhooks.startDue();
      if (started.length > 0) {
        let context: { waitUntil(promise: Promise<unknown>): void } | undefined;
        try {
          context = c.executionCtx;
        } catch {
          context = undefined;
        }
        context?.waitUntil(Promise.all(started));
      }
      return json(reply.status, reply.body, warning);
    });
  }

  const sandbox: Sandbox = {
    app,
    fetch: async (request) => app.fetch(request),
    authToken,
    state: engine.state,
    deliveries: webhooks.deliveries,
    now: () => clock.now(),
    async advance(ms) {
      if (!(Number.isFinite(ms) && ms >= 0)) {
        throw new RangeError(`advance: ms must be a number of at least 0, got ${String(ms)}`);
      }
      const target = clock.now() + ms;
      await runDue();
      let idle = 0;
      for (;;) {
        const next = engine.nextDue();
        if (next === undefined || next > target) break;
        const now = clock.now();
        if (next > now) {
          offset += next - now;
          idle = 0;
        } else if (++idle > 3) {
          break;
        }
        await runDue();
      }
      const now = clock.now();
      if (target > now) offset += target - now;
      await runDue();
    },
    runDue,
    settle: () => webhooks.settle(),
    nextDue: () => engine.nextDue(),
    async simulateReply(input) {
      engine.processDue();
      const received = engine.simulateReply(input);
      await runDue();
      return received;
    },
    async simulateInbound(input) {
      engine.processDue();
      const received = engine.simulateInbound(input);
      await runDue();
      return received;
    },
    latestMessage: (messageId) => engine.latest(messageId),
    reset() {
      engine.reset();
      webhooks.clear();
      requests.clear();
    },
    snapshot: () => ({
      version: 1,
      advancedMs: offset,
      records: engine.records(),
      deliveries: webhooks.deliveries.map(({ body: _body, ...delivery }) => ({
        ...delivery,
        payload: { ...delivery.payload, APIKey: "" },
      })),
    }),
    restore(snapshot) {
      if (snapshot.version !== 1) {
        throw new RangeError(`restore: unknown snapshot version ${String(snapshot.version)}`);
      }
      offset = snapshot.advancedMs;
      engine.restore(snapshot.records);
      webhooks.restore(
        snapshot.deliveries.map((delivery) => {
          const payload = { ...delivery.payload, APIKey: authToken };
          const body = delivery.format === "XML" ? toXml(payload) : JSON.stringify(payload);
          return { ...delivery, payload, body };
        }),
      );
    },
  };

  mountControl(app, { ...sandbox, requests, hide });

  app.notFound((c) =>
    json(404, {
      Result: "Failed",
      ErrorMessage: [`No such operation: ${c.req.method} ${new URL(c.req.url).pathname}`],
    }),
  );
  app.onError((error) =>
    json(500, { Result: "Failed", ErrorMessage: [`Internal error: ${error.message}`] }),
  );

  return sandbox;
}
