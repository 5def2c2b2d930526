/**
 * The sandbox as a Cloudflare Worker, for a team to share: every request goes to one Durable
 * Object, which holds the sandbox, keeps its state in the object's storage (SQLite-backed) and
 * runs final reports and webhook retries on the object's alarm.
 *
 * Bindings (see `wrangler.toml`): `SANDBOX` (the Durable Object namespace), `SANDBOX_TOKEN` (a
 * secret: the token requests must carry), and optionally `WEBHOOK_URL`, `WEBHOOK_FORMAT`,
 * `DELIVERY_DELAY_MS`, `STRICT` ("true") and `FROZEN_AT` (an RFC 3339 time the clock stands still
 * at until `/_sandbox/clock/advance` moves it: for tests).
 *
 * Web-standard code only; no import of `cloudflare:workers`, so it bundles and runs in workerd as
 * it is.
 */
import {
  createSandboxApp,
  type Sandbox,
  type SandboxOptions,
  type SandboxSnapshot,
  type SandboxStore,
} from "./app.js";

/** The parts of a Durable Object's storage the sandbox uses. */
export interface DurableObjectStorageLike {
  /** The value stored under `key`. */
  get<T>(key: string): Promise<T | undefined>;
  /** Stores `value` under `key`. */
  put<T>(key: string, value: T): Promise<void>;
  /** Sets the object's alarm (ms since the epoch). */
  setAlarm(scheduledTime: number): Promise<void>;
  /** Removes the object's alarm. */
  deleteAlarm(): Promise<void>;
}

/** The Durable Object's state, as the runtime hands it to the constructor. */
export interface DurableObjectStateLike {
  /** The object's storage. */
  readonly storage: DurableObjectStorageLike;
  /** Runs `callback` with no other event delivered to the object meanwhile. */
  blockConcurrencyWhile<T>(callback: () => Promise<T>): Promise<T>;
}

/** A Durable Object namespace binding. */
export interface DurableObjectNamespaceLike {
  /** The id of the object with that name. */
  idFromName(name: string): unknown;
  /** A stub of the object with that id. */
  get(id: unknown): {
    /** Sends a request to the object. */
    fetch(request: Request): Promise<Response>;
  };
}

/** The Worker's environment. */
export interface SandboxWorkerEnv {
  /** The Durable Object namespace of {@link SandboxDurableObject}. */
  readonly SANDBOX: DurableObjectNamespaceLike;
  /** The token requests must carry (a secret). Required. */
  readonly SANDBOX_TOKEN?: string | undefined;
  /** Where webhooks go when a message names no WebhookCallbackURL. */
  readonly WEBHOOK_URL?: string | undefined;
  /** `JSON` (default) or `XML`. */
  readonly WEBHOOK_FORMAT?: string | undefined;
  /** How long messages stay Pending, in ms (default 2000). */
  readonly DELIVERY_DELAY_MS?: string | undefined;
  /** `"true"` refuses unknown body fields. */
  readonly STRICT?: string | undefined;
  /** An RFC 3339 time the clock stands still at until advanced (for tests). */
  readonly FROZEN_AT?: string | undefined;
}

const SNAPSHOT_KEY = "sandbox";

/** A store in a Durable Object's storage: one value, the snapshot. */
export function durableObjectStore(storage: DurableObjectStorageLike): SandboxStore {
  return {
    load: () => storage.get<SandboxSnapshot>(SNAPSHOT_KEY),
    save: (snapshot) => storage.put(SNAPSHOT_KEY, snapshot),
  };
}

/** The sandbox's options from the Worker's environment. */
export function optionsFromEnv(env: SandboxWorkerEnv): SandboxOptions {
  const token = env.SANDBOX_TOKEN;
  if (token === undefined || token.trim() === "") {
    throw new Error("SANDBOX_TOKEN is not set: `wrangler secret put SANDBOX_TOKEN` (or .dev.vars)");
  }
  const format = env.WEBHOOK_FORMAT?.toUpperCase();
  const frozen = env.FROZEN_AT === undefined ? undefined : Date.parse(env.FROZEN_AT);
  if (frozen !== undefined && Number.isNaN(frozen)) {
    throw new Error(`FROZEN_AT is not an RFC 3339 time: ${env.FROZEN_AT}`);
  }
  return {
    authToken: token,
    log: false,
    strict: env.STRICT === "true",
    ...(env.WEBHOOK_URL ? { webhookUrl: env.WEBHOOK_URL } : {}),
    ...(format === "XML" || format === "JSON" ? { webhookFormat: format } : {}),
    ...(env.DELIVERY_DELAY_MS ? { deliveryDelayMs: Number(env.DELIVERY_DELAY_MS) } : {}),
    ...(frozen === undefined ? {} : { clock: { now: () => frozen } }),
  };
}

/** The Durable Object holding the shared sandbox. */
export class SandboxDurableObject {
  readonly #state: DurableObjectStateLike;
  readonly #env: SandboxWorkerEnv;
  readonly #store: SandboxStore;
  #sandbox: Sandbox | undefined;

  /** Made by the runtime with the object's state and the Worker's environment. */
  constructor(state: DurableObjectStateLike, env: SandboxWorkerEnv) {
    this.#state = state;
    this.#env = env;
    this.#store = durableObjectStore(state.storage);
  }

  /** The sandbox, restored from storage on first use (random values are refused at load time). */
  async #open(): Promise<Sandbox> {
    if (this.#sandbox !== undefined) return this.#sandbox;
    return this.#state.blockConcurrencyWhile(async () => {
      if (this.#sandbox !== undefined) return this.#sandbox;
      const sandbox = createSandboxApp(optionsFromEnv(this.#env));
      const snapshot = await this.#store.load();
      if (snapshot !== undefined) sandbox.restore(snapshot);
      this.#sandbox = sandbox;
      return sandbox;
    });
  }

  /** Saves the state and sets the alarm to when the next thing is due. */
  async #persist(sandbox: Sandbox): Promise<void> {
    await this.#store.save(sandbox.snapshot());
    const next = sandbox.nextDue();
    // A frozen clock moves only when advanced, and advancing runs what is due.
    if (next === undefined || this.#env.FROZEN_AT !== undefined) {
      await this.#state.storage.deleteAlarm();
      return;
    }
    // The sandbox's clock may be ahead of real time (advanced) or frozen: wait the difference.
    await this.#state.storage.setAlarm(Date.now() + Math.max(0, next - sandbox.now()));
  }

  /** Serves a request, then saves the state and sets the alarm. */
  async fetch(request: Request): Promise<Response> {
    const sandbox = await this.#open();
    // Read the body whole first: an answer given without reading it (a 401) must not cut the
    // connection it is still arriving on.
    const body =
      request.method === "GET" || request.method === "HEAD" ? null : await request.arrayBuffer();
    const response = await sandbox.fetch(
      new Request(request.url, { method: request.method, headers: request.headers, body }),
    );
    // Webhook attempts a request started are part of the state saved.
    await sandbox.settle();
    await this.#persist(sandbox);
    return response;
  }

  /** Runs what is due (final reports, webhook attempts), then saves and sets the next alarm. */
  async alarm(): Promise<void> {
    const sandbox = await this.#open();
    await sandbox.runDue();
    await this.#persist(sandbox);
  }
}

/** The Worker: every request goes to the one sandbox object. */
const worker = {
  /** Hands the request to the sandbox's Durable Object. */
  fetch(request: Request, env: SandboxWorkerEnv): Promise<Response> {
    const stub = env.SANDBOX.get(env.SANDBOX.idFromName("sandbox"));
    return stub.fetch(request);
  },
};
export default worker;
