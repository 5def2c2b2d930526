/**
 * `@bestsms/sandbox` for Node: the sandbox app served over HTTP on a loopback address.
 */
import type { AddressInfo } from "node:net";
import { createAdaptorServer } from "@hono/node-server";
import {
  createSandboxApp,
  type Sandbox,
  type SandboxMessage,
  type SandboxOptions,
  type SandboxReceivedMessage,
  type SandboxState,
  type SandboxStore,
  type SimulateInboundInput,
  type SimulateReplyInput,
} from "./app.js";
import { API_BASE_PATH } from "./tolerance.js";
import type { WebhookDelivery } from "./webhooks.js";

export * from "./app.js";
export { fileStore } from "./file-store.js";

/** Options of {@link startSandbox}: the app's, and where to listen. */
export interface StartSandboxOptions extends SandboxOptions {
  /** Port to listen on; 0 (the default) picks a free one. */
  readonly port?: number | undefined;
  /** A loopback address to listen on (`127.0.0.1`, the default, `::1` or `localhost`). */
  readonly host?: string | undefined;
  /**
   * Without an injected `clock`, how often due events (final reports, webhook retries) run on
   * their own. Default 250 ms. With a `clock`, nothing runs until a request or `advance`.
   */
  readonly tickMs?: number | undefined;
  /**
   * Where state is kept between runs (`fileStore(path)`, the CLI's `--state`): loaded before the
   * server listens, saved when it changed (checked every `tickMs`) and on `close`.
   */
  readonly store?: SandboxStore | undefined;
}

/** A running sandbox server. */
export interface RunningSandbox {
  /**
   * The origin, e.g. `http://127.0.0.1:49152`. The API is served under it at the spec's paths
   * (`/send/sms`), so it works as the client's `baseUrl`, and at the service's (`apiUrl`).
   */
  readonly url: string;
  /**
   * The API's URL in the shape of the service's, `<url>/api/v2.04`: the client's `baseUrl` as for
   * the live service.
   */
  readonly apiUrl: string;
  /** The port it listens on: the one picked when `port` was 0. */
  readonly port: number;
  /** The token requests must carry. */
  readonly authToken: string;
  /** The app and its controls. */
  readonly sandbox: Sandbox;
  /** Messages, contacts, groups, memberships and received SMS (live). */
  readonly state: SandboxState;
  /** Every webhook queued, with its attempts (live). */
  readonly deliveries: readonly WebhookDelivery[];
  /** The sandbox's current time. */
  now(): number;
  /** Moves the sandbox's time forward and runs everything due, webhooks included. */
  advance(ms: number): Promise<void>;
  /** Runs what is due now, webhooks included. */
  runDue(): Promise<void>;
  /**
   * A reply from a recipient of a message (the first one unless `From` says otherwise): pollable
   * and webhooked (`SMSReply`). Rejects when no message has that MessageID or `From` is not one
   * of its recipients.
   *
   * @example
   * ```ts
   * const { MessageID } = await client.messaging.sms.sendMessage({
   *   MessageText: "Reply YES to confirm",
   *   Recipients: "+61421000001",
   * });
   * await sandbox.simulateReply({ MessageID, MessageText: "YES" });
   * const replies = await client.reports.smsReply.poll({ MessageID });
   * ```
   */
  simulateReply(input: SimulateReplyInput): Promise<SandboxReceivedMessage>;
  /**
   * An inbound SMS that replies to nothing: pollable (`reports.smsReceived.poll`) and webhooked
   * (`SMSInbound`).
   *
   * @example
   * ```ts
   * await sandbox.simulateInbound({ From: "+61421000009", MessageText: "STOP" });
   * ```
   */
  simulateInbound(input: SimulateInboundInput): Promise<SandboxReceivedMessage>;
  /** The most recent message with this MessageID. */
  latestMessage(messageId: string): SandboxMessage | undefined;
  /** Forgets every record and delivery. */
  reset(): void;
  /** Stops the timer and the server, and waits for webhook attempts under way. */
  close(): Promise<void>;
}

const LOOPBACK_HOSTS = /^(?:localhost|127(?:\.\d{1,3}){3}|::1|\[::1\])$/i;

/**
 * Starts a sandbox server on a loopback address.
 *
 * @example
 * ```ts
 * const sandbox = await startSandbox();
 * const client = new BestSMS({ authToken: sandbox.authToken, baseUrl: sandbox.url });
 * // …
 * await sandbox.close();
 * ```
 */
export async function startSandbox(options: StartSandboxOptions = {}): Promise<RunningSandbox> {
  const { port = 0, host = "127.0.0.1", tickMs = 250, store, ...appOptions } = options;
  if (!LOOPBACK_HOSTS.test(host)) {
    throw new RangeError(
      `host must be a loopback address (127.0.0.1, ::1, localhost), got ${host}`,
    );
  }
  if (!(Number.isInteger(port) && port >= 0 && port <= 65_535)) {
    throw new RangeError(`port must be an integer from 0 to 65535, got ${String(port)}`);
  }
  const sandbox = createSandboxApp(appOptions);
  let saved: string | undefined;
  if (store !== undefined) {
    const snapshot = await store.load();
    if (snapshot !== undefined) sandbox.restore(snapshot);
    saved = JSON.stringify(sandbox.snapshot());
  }
  // Saves the state when it differs from what was saved last.
  const save = async (): Promise<void> => {
    if (store === undefined) return;
    const snapshot = sandbox.snapshot();
    const text = JSON.stringify(snapshot);
    if (text === saved) return;
    saved = text;
    await store.save(snapshot);
  };
  const server = createAdaptorServer({
    fetch: sandbox.app.fetch,
    hostname: host,
    overrideGlobalObjects: false,
  });
  const address = await new Promise<AddressInfo>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host.replace(/^\[|\]$/g, ""), () => {
      server.off("error", reject);
      resolve(server.address() as AddressInfo);
    });
  });
  const hostInUrl = address.family === "IPv6" ? `[${address.address}]` : address.address;

  let timer: ReturnType<typeof setInterval> | undefined;
  const runsOnItsOwn = options.clock === undefined;
  if ((runsOnItsOwn || store !== undefined) && tickMs > 0) {
    timer = setInterval(() => {
      (runsOnItsOwn ? sandbox.runDue() : Promise.resolve()).then(save).catch((error: unknown) => {
        const log = options.log ?? ((line: string) => console.warn(line));
        if (log !== false) log(`bestsms-sandbox: could not save the state: ${String(error)}`);
      });
    }, tickMs);
    timer.unref();
  }

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      if (timer !== undefined) clearInterval(timer);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        if ("closeAllConnections" in server) server.closeAllConnections();
      });
      await sandbox.settle();
      await save();
    })();
    return closing;
  };

  return {
    url: `http://${hostInUrl}:${address.port}`,
    apiUrl: `http://${hostInUrl}:${address.port}${API_BASE_PATH}`,
    port: address.port,
    authToken: sandbox.authToken,
    sandbox,
    state: sandbox.state,
    deliveries: sandbox.deliveries,
    now: () => sandbox.now(),
    advance: (ms) => sandbox.advance(ms),
    runDue: () => sandbox.runDue(),
    simulateReply: (input) => sandbox.simulateReply(input),
    simulateInbound: (input) => sandbox.simulateInbound(input),
    latestMessage: (messageId) => sandbox.latestMessage(messageId),
    reset: () => sandbox.reset(),
    close,
  };
}
