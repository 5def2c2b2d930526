/**
 * The sandbox as a Hono app: every operation of the BestSMS spec, state in memory, the message
 * lifecycle on an injectable clock, webhooks through an injectable fetch.
 *
 * Web-standard code only (this module and everything it imports run in workerd, Deno, Bun and
 * Node alike); `startSandbox` in `./index.js` serves it from Node, `./worker.js` from a Durable
 * Object. The parts: options.ts (defaults), auth.ts (the token check), routes.ts and handlers.ts
 * (the API), control.ts (`/_sandbox/`), engine.ts (the behaviour).
 */
import { Hono } from "hono";
import { getPath } from "hono/utils/url";
import { json } from "./answers.js";
import { requireToken } from "./auth.js";
import {
  CONTROL_BASE_PATH,
  mountControl,
  type RecordedRequest,
  RequestLog,
  showDelivery,
  showRequest,
} from "./control.js";
import type { ControlRequest } from "./control-types.js";
import {
  DUPLICATE_WINDOW_MS,
  type EngineSettings,
  SandboxEngine,
  type SandboxMessage,
  type SandboxReceivedMessage,
  type SandboxRecords,
  type SandboxState,
} from "./engine.js";
import { routes } from "./generated/routes.gen.js";
import { resolveOptions, type SandboxOptions } from "./options.js";
import { mountOperations } from "./routes.js";
import type { Clock } from "./time.js";
import { pathNormaliser, safeText } from "./tolerance.js";
import {
  toXml,
  WEBHOOK_RETRY_INTERVAL_MS,
  WEBHOOK_RETRY_WINDOW_MS,
  type WebhookDelivery,
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
export type { SandboxOptions } from "./options.js";
export { SANDBOX_OPERATIONS } from "./routes.js";
export type { Clock } from "./time.js";
export type {
  WebhookAttempt,
  WebhookDelivery,
  WebhookFormat,
  WebhookPayload,
} from "./webhooks.js";
export { DUPLICATE_WINDOW_MS, WEBHOOK_RETRY_INTERVAL_MS, WEBHOOK_RETRY_WINDOW_MS };

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
  /** Messages, contacts, groups, memberships and received SMS. */
  readonly records: SandboxRecords;
  /** Every webhook and its attempts, without the body posted. */
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
  readonly From?: string | undefined;
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
  readonly To?: string | undefined;
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
  const o = resolveOptions(options);
  const { authToken } = o;
  let offset = 0;
  const clock: Clock = { now: () => o.clock.now() + offset };
  const newId = (): string => crypto.randomUUID();
  const onWebhookAttempt = o.onWebhookAttempt;

  const webhooks = new WebhookQueue({
    clock,
    fetch: o.fetch,
    authToken,
    sender: o.sender,
    timeoutMs: o.webhookTimeoutMs,
    newId,
    ...(onWebhookAttempt === undefined
      ? {}
      : { onAttempt: (delivery: WebhookDelivery) => onWebhookAttempt(showDelivery(delivery)) }),
  });
  const settings: EngineSettings = {
    clock,
    deliveryDelayMs: o.deliveryDelayMs,
    utcOffsetMinutes: o.utcOffsetMinutes,
    timeZone: o.timeZone,
    account: o.account,
    owner: o.owner,
    sender: o.sender,
    authToken,
    pricePerPartCents: o.pricePerPartCents,
    replyLinkBase: o.replyLinkBase,
    pendingWebhooks: o.pendingWebhooks,
    webhookUrl: o.webhookUrl,
    webhookFormat: o.webhookFormat,
    newId,
  };
  const engine = new SandboxEngine(settings, webhooks);
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
  const onRequest = o.onRequest;
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
  app.use("*", requireToken(authToken));
  mountOperations(app, { engine, webhooks, authToken, strict: o.strict, log: o.log });

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
