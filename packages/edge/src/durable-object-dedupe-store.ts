import type { DedupeStore } from "@bestsms/webhooks";

/** The stub of one Durable Object (`DurableObjectStub`): only its `fetch` is used. */
export interface DurableObjectStubLike {
  /** Sends a request to the object. */
  fetch(input: string, init?: RequestInit): Promise<Response>;
}

/** A Durable Object namespace binding (`DurableObjectNamespace`), as the Worker's env has it. */
export interface DurableObjectNamespaceLike<Id = unknown> {
  /** The id of the object named `name`: the same name gives the same object everywhere. */
  idFromName(name: string): Id;
  /** The stub of the object `id`. */
  get(id: Id): DurableObjectStubLike;
}

/** The part of a Durable Object's storage used by {@link WebhookDedupeObject}. */
export interface DurableObjectStorageLike {
  /** The value at `key`, or `undefined`. */
  get(key: string): Promise<unknown>;
  /** Writes several keys in one step. */
  put(entries: Record<string, unknown>): Promise<void>;
  /** Deletes keys; answers how many existed. */
  delete(keys: string[]): Promise<number>;
  /** Keys in order, with their values. */
  list(options: {
    prefix?: string;
    start?: string;
    end?: string;
    limit?: number;
  }): Promise<Map<string, unknown>>;
  /** When the alarm is set to go off, in ms since the epoch, or `null`. */
  getAlarm(): Promise<number | null>;
  /** Sets the alarm: `alarm()` is called at `time` (ms since the epoch). */
  setAlarm(time: number): Promise<void>;
}

/** The part of a Durable Object's state (`DurableObjectState`) used here. */
export interface DurableObjectStateLike {
  /** The object's own transactional storage. */
  storage: DurableObjectStorageLike;
}

/** Options of {@link createDurableObjectDedupeStore}. */
export interface DurableObjectDedupeStoreOptions {
  /**
   * How many objects the keys are spread over (by a hash of the key). One object handles its
   * requests one at a time, so more shards carry more claims per second. Keep it fixed: a
   * changed count moves keys to other objects, which then forget earlier claims. Default 16.
   */
  shards?: number | undefined;
  /** The objects' names are `<name>-<shard>`. Default `"bestsms-webhook-dedupe"`. */
  name?: string | undefined;
}

/**
 * A {@link DedupeStore} on Durable Objects, shared by every isolate of a Worker: each key lives
 * in one of `shards` objects of `namespace`, a {@link WebhookDedupeObject}, where its claim
 * (read, then write when free) is atomic. Expired claims are
 * deleted by the object's storage alarm.
 *
 * @example
 * // wrangler.jsonc: durable_objects.bindings [{ name: "WEBHOOK_DEDUPE", class_name: "WebhookDedupeObject" }]
 * export { WebhookDedupeObject } from "@bestsms/edge";
 * export default webhookWorker<Env>({
 *   dedupe: (env) => ({ store: createDurableObjectDedupeStore(env.WEBHOOK_DEDUPE) }),
 *   onStatus, onReceived,
 * });
 */
export function createDurableObjectDedupeStore<Id>(
  namespace: DurableObjectNamespaceLike<Id>,
  options: DurableObjectDedupeStoreOptions = {},
): DedupeStore {
  const shards = Math.max(1, Math.floor(options.shards ?? 16));
  const name = options.name ?? "bestsms-webhook-dedupe";
  // Ids are kept; stubs are not: in workerd a stub belongs to the request that made it, and
  // the store outlives requests.
  const ids = new Map<number, Id>();
  const stubFor = (key: string): DurableObjectStubLike => {
    const shard = fnv1a(key) % shards;
    let id = ids.get(shard);
    if (id === undefined) {
      id = namespace.idFromName(`${name}-${shard}`);
      ids.set(shard, id);
    }
    return namespace.get(id);
  };
  const send = async (
    key: string,
    body: { op: "claim" | "release" | "confirm"; ttlMs?: number },
  ) => {
    const response = await stubFor(key).fetch("https://webhook-dedupe.internal/", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ...body, key }),
    });
    const answer = await response.text();
    if (!response.ok) throw new Error(`Webhook dedupe object answered ${response.status}`);
    return answer;
  };
  return {
    async claim(key, ttlMs) {
      return (await send(key, { op: "claim", ttlMs })) === "claimed";
    },
    async release(key) {
      await send(key, { op: "release" });
    },
    async confirm(key, ttlMs) {
      await send(key, { op: "confirm", ttlMs });
    },
  };
}

/** FNV-1a over the key's UTF-16 units: a cheap, stable spread of keys over shards. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

// Claims are stored twice: `k:<key>` holds the expiry time, and `e:<expiry>:<key>` orders them
// by expiry, so the alarm deletes exactly the expired ones and finds the next one at once.
const EXPIRY_DIGITS = 15;
const claimKey = (key: string) => `k:${key}`;
const expiryKey = (expiresAt: number, key: string) =>
  `e:${String(expiresAt).padStart(EXPIRY_DIGITS, "0")}:${key}`;

/**
 * The Durable Object behind {@link createDurableObjectDedupeStore}: export it from your Worker
 * and bind it (`class_name: "WebhookDedupeObject"`). It answers `claimed` or `taken` to a claim
 * and `released` to a release; a claim is free once its time has passed, and an alarm deletes
 * expired claims from storage. Works with SQLite-backed and key-value-backed objects.
 */
export class WebhookDedupeObject {
  readonly #storage: DurableObjectStorageLike;
  readonly #now: () => number;
  /** The alarm as last read or set by this instance (`undefined`: not read yet). */
  #alarmAt: number | null | undefined;

  constructor(state: DurableObjectStateLike, _env?: unknown, now: () => number = Date.now) {
    this.#storage = state.storage;
    this.#now = now;
  }

  /** Takes `{ op: "claim", key, ttlMs }` or `{ op: "release", key }` as JSON. */
  async fetch(request: Request): Promise<Response> {
    let body: { op?: unknown; key?: unknown; ttlMs?: unknown };
    try {
      body = (await request.json()) as typeof body;
    } catch {
      return new Response("bad_request", { status: 400 });
    }
    const { op, key, ttlMs } = body;
    if (typeof key !== "string" || key === "") return new Response("bad_request", { status: 400 });
    if (op === "release") {
      await this.#release(key);
      return new Response("released");
    }
    if (op === "claim" && typeof ttlMs === "number" && ttlMs > 0) {
      return new Response((await this.#claim(key, ttlMs)) ? "claimed" : "taken");
    }
    if (op === "confirm" && typeof ttlMs === "number" && ttlMs > 0) {
      return new Response((await this.#confirm(key, ttlMs)) ? "confirmed" : "free");
    }
    return new Response("bad_request", { status: 400 });
  }

  /** Deletes the claims whose time has passed, then sets the alarm for the next one. */
  async alarm(): Promise<void> {
    const now = this.#now();
    for (;;) {
      const expired = await this.#storage.list({
        prefix: "e:",
        end: expiryKey(now + 1, ""),
        // Two keys deleted per claim, and one delete takes at most 128 keys.
        limit: 64,
      });
      if (expired.size === 0) break;
      const keys = [...expired.keys()];
      await this.#storage.delete([
        ...keys,
        ...[...expired.values()].map((k) => claimKey(String(k))),
      ]);
    }
    await this.#scheduleNext();
  }

  async #claim(key: string, ttlMs: number): Promise<boolean> {
    // Storage calls keep other events out of the object until they return (input gates), and
    // nothing else is awaited between the read and the write: no claim can come in between.
    const now = this.#now();
    const current = await this.#storage.get(claimKey(key));
    if (typeof current === "number" && current > now) return false;
    await this.#hold(key, current, now + Math.max(1, Math.ceil(ttlMs)));
    return true;
  }

  /** Keeps a claim still held until `ttlMs` from now; a free key stays free. */
  async #confirm(key: string, ttlMs: number): Promise<boolean> {
    const now = this.#now();
    const current = await this.#storage.get(claimKey(key));
    if (typeof current !== "number" || current <= now) return false;
    await this.#hold(key, current, now + Math.max(1, Math.ceil(ttlMs)));
    return true;
  }

  /** Writes a claim's expiry (replacing its previous index entry) and keeps the alarm early enough. */
  async #hold(key: string, current: unknown, expiresAt: number): Promise<void> {
    const stale = typeof current === "number" ? [expiryKey(current, key)] : [];
    if (stale.length > 0) await this.#storage.delete(stale);
    await this.#storage.put({ [claimKey(key)]: expiresAt, [expiryKey(expiresAt, key)]: key });
    if (this.#alarmAt === undefined) this.#alarmAt = await this.#storage.getAlarm();
    if (this.#alarmAt === null || this.#alarmAt > expiresAt) {
      await this.#storage.setAlarm(expiresAt);
      this.#alarmAt = expiresAt;
    }
  }

  async #release(key: string): Promise<void> {
    const current = await this.#storage.get(claimKey(key));
    if (typeof current !== "number") return;
    await this.#storage.delete([claimKey(key), expiryKey(current, key)]);
  }

  async #scheduleNext(): Promise<void> {
    const next = await this.#storage.list({ prefix: "e:", limit: 1 });
    const first = [...next.keys()][0];
    // Once the alarm has run, no alarm is set until one is set here.
    this.#alarmAt = null;
    if (first === undefined) return;
    const expiresAt = Number(first.slice(2, 2 + EXPIRY_DIGITS));
    await this.#storage.setAlarm(expiresAt);
    this.#alarmAt = expiresAt;
  }
}
