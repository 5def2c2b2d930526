import { operationValidators, type paths } from "@bestsms/validation";
import createClient, { type Client } from "openapi-fetch";
import { BestSMSCore, type ClientOptions, callOperation, paginate, stateOf } from "./core.js";
import { AbortError, ApiError, ConnectionError, TimeoutError } from "./errors.js";
import {
  operationTable,
  type ReportsStatusPollOutput,
  type Resources,
  reportsStatusPollSpec,
} from "./generated/operations.gen.js";
import { sleep } from "./internal/clock.js";
import { send } from "./internal/http.js";
import { isRetryableStatus } from "./internal/retry.js";
import type { RequestOptions } from "./internal/types.js";

/** Options of `client.reports.status.waitFor(...)`. */
export interface WaitForOptions extends Omit<RequestOptions, "timeoutMs"> {
  /** The message to wait for. */
  readonly MessageID: string;
  /** Give up (TimeoutError) after this long. Default: 48 hours, as the API's document advises. */
  readonly timeoutMs?: number;
  /** Time limit of each poll. Default: the client's. */
  readonly pollTimeoutMs?: number;
  /** First pause between polls. Default 2 s; it doubles after each poll. */
  readonly initialIntervalMs?: number;
  /** Longest pause between polls. Default 5 minutes. */
  readonly maxIntervalMs?: number;
}

/** What the client adds to `reports.status` of the generated resource tree. */
export interface StatusExtras {
  /**
   * Polls the status of a message until it is final — every recipient complete, or the
   * message Completed, Failed or Aborted — with growing pauses; throws TimeoutError after
   * `timeoutMs` (48 hours by default). Each poll is retried like any GET; a poll that still fails
   * on something that may pass (no connection, a timed-out attempt, 408/409/429/5xx) is followed
   * by the next one after the pause, and the last such failure is the TimeoutError's `cause`.
   * Other failures (401, 404, a bad answer) and aborts end the wait at once.
   *
   * @example
   * ```ts
   * const status = await client.reports.status.waitFor({ MessageID: sent.MessageID });
   * ```
   */
  waitFor(options: WaitForOptions): Promise<ReportsStatusPollOutput>;
}

const FINAL_STATUSES = new Set([
  "completed",
  "complete",
  "failed",
  "aborted",
  "cancelled",
  "canceled",
]);

/** True when a status poll says nothing more will happen to the message. */
export function isFinalStatus(status: ReportsStatusPollOutput): boolean {
  if (typeof status.Status === "string" && FINAL_STATUSES.has(status.Status.toLowerCase()))
    return true;
  return typeof status.Count === "number" && status.Count > 0 && status.Complete === status.Count;
}

type Method = (input?: unknown, options?: RequestOptions) => unknown;

/** Builds the resource tree from the generated operation table. */
function buildResources(client: BestSMSCore): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const spec of Object.values(operationTable)) {
    const segments = spec.id.split(".");
    const leaf = segments.pop() as string;
    let node = root;
    for (const segment of segments) {
      node[segment] ??= {};
      node = node[segment] as Record<string, unknown>;
    }
    const call: Method = (input, options) => callOperation(client, spec, input, options);
    node[leaf] = call;
    if (spec.list) {
      const all: Method = (input, options) => paginate(client, spec, input, options);
      node[`${leaf}All`] = all;
    }
  }
  return root;
}

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
    const resources = buildResources(this);
    const reports = resources.reports as { status: Record<string, unknown> };
    const waitFor: StatusExtras["waitFor"] = (options) => this.#waitFor(options);
    reports.status.waitFor = waitFor;
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

  async #waitFor(options: WaitForOptions): Promise<ReportsStatusPollOutput> {
    const { MessageID, timeoutMs = 48 * 3600_000, pollTimeoutMs, signal } = options;
    const state = stateOf(this);
    const clock = state.http.clock;
    const started = clock.now();
    const maxInterval = options.maxIntervalMs ?? 300_000;
    let interval = Math.min(options.initialIntervalMs ?? 2_000, maxInterval);
    const pollOptions: RequestOptions = {
      ...(signal ? { signal } : {}),
      ...(pollTimeoutMs === undefined ? {} : { timeoutMs: pollTimeoutMs }),
      ...(options.maxRetries === undefined ? {} : { maxRetries: options.maxRetries }),
    };
    // A poll whose own retries ran out on a failure that may pass (no connection, a timed-out
    // attempt, 408/409/429/5xx) does not end a wait of hours: the next poll comes after the pause.
    // The last such failure becomes the cause of the TimeoutError at the limit.
    let lastFailure: unknown;
    for (;;) {
      try {
        const status = (await callOperation(
          this,
          reportsStatusPollSpec,
          { MessageID },
          pollOptions,
        )) as ReportsStatusPollOutput;
        if (isFinalStatus(status)) return status;
      } catch (error) {
        if (!isPassingFailure(error)) throw error;
        lastFailure = error;
      }
      const left = timeoutMs - (clock.now() - started);
      if (left <= 0) {
        throw new TimeoutError(
          `reports.status.waitFor: ${MessageID} not final after ${timeoutMs} ms`,
          {
            operationId: reportsStatusPollSpec.id,
            timeoutMs,
            ...(lastFailure === undefined ? {} : { cause: lastFailure }),
          },
        );
      }
      try {
        await sleep(clock, Math.min(interval, left), signal);
      } catch (reason) {
        throw new AbortError("reports.status.waitFor: aborted by the caller", {
          operationId: reportsStatusPollSpec.id,
          cause: reason,
        });
      }
      interval = Math.min(interval * 2, maxInterval);
    }
  }
}

// The resource tree is generated, and assigned in the constructor from the generated table.
export interface BestSMS extends ResourceTree {}

/** A failure a later poll may not meet: no connection, a timed-out attempt, 408/409/429/5xx. */
function isPassingFailure(error: unknown): boolean {
  if (error instanceof ConnectionError || error instanceof TimeoutError) return true;
  return error instanceof ApiError && isRetryableStatus(error.status);
}

/**
 * The generated resource tree with the client's additions: `reports.status.waitFor`.
 * (`reports` and `status` are declared once here, so each keeps one doc comment.)
 */
export type ResourceTree = Omit<Resources, "reports"> & {
  /** {@inheritDoc Resources.reports} */
  readonly reports: Omit<Resources["reports"], "status"> & {
    /** {@inheritDoc Resources.reports.status} */
    readonly status: Resources["reports"]["status"] & StatusExtras;
  };
};

const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

function createRawClient(client: BestSMSCore): Client<paths> {
  const state = stateOf(client);
  const rawFetch = async (request: Request): Promise<Response> => {
    const body = request.body === null ? undefined : await request.text();
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      if (name !== "authorization") headers[name] = value;
    });
    const result = await send(state.http, {
      operationId: undefined,
      method: request.method,
      url: request.url,
      body,
      headers,
      retry: request.method === "POST" ? "unsafe" : "safe",
      timeoutMs: state.timeoutMs,
      maxRetries: state.maxRetries,
      signal: request.signal,
    });
    return new Response(NULL_BODY_STATUSES.has(result.status) ? null : result.text, {
      status: result.status,
      headers: result.headers,
    });
  };
  return createClient<paths>({ baseUrl: state.baseUrl, fetch: rawFetch });
}
