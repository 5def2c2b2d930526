import { AbortError, TimeoutError } from "./errors.js";
import { type ReportsStatusPollOutput, reportsStatusPollSpec } from "./generated/operations.gen.js";
import { callOperation } from "./internal/call.js";
import { sleep } from "./internal/clock.js";
import { isRetryableError } from "./internal/retry.js";
import { stateOf } from "./internal/state.js";
import type { RequestOptions } from "./operation-spec.js";
import { checkNumber } from "./options.js";

/** Options of `client.reports.status.waitFor(...)`. */
export interface WaitForOptions extends Omit<RequestOptions, "timeoutMs"> {
  /** The message to wait for. */
  readonly MessageID: string;
  /** Give up (TimeoutError) after this long. Default: 48 hours, as the API's document advises. */
  readonly timeoutMs?: number | undefined;
  /** Time limit of each poll. Default: the client's. */
  readonly pollTimeoutMs?: number | undefined;
  /** First pause between polls. Default 2 s; it doubles after each poll. */
  readonly initialIntervalMs?: number | undefined;
  /** Longest pause between polls. Default 5 minutes. */
  readonly maxIntervalMs?: number | undefined;
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

/**
 * A final status with the recipients of every page: the poll answers one page (100 by default),
 * and the caller of `waitFor` wants them all.
 */
async function withEveryRecipient(
  client: object,
  MessageID: string,
  first: ReportsStatusPollOutput,
  options: RequestOptions,
): Promise<ReportsStatusPollOutput> {
  const pageCount = Number(first.PageCount ?? 1);
  const page = Number(first.Page ?? 1);
  if (!(pageCount > page)) return first;
  const recipients = [...first.Recipients];
  for (let next = page + 1; next <= pageCount; next++) {
    const more = (await callOperation(
      client,
      reportsStatusPollSpec,
      { MessageID, Page: next },
      options,
    )) as ReportsStatusPollOutput;
    if (more.Recipients.length === 0) break;
    recipients.push(...more.Recipients);
  }
  // One page now holds them all: the paging fields say so.
  return {
    ...first,
    Recipients: recipients,
    Page: 1,
    PageCount: 1,
    RecordsPerPage: recipients.length,
  };
}

/** `client.reports.status.waitFor`: polls until the status is final, or the time is up. */
export async function waitFor(
  client: object,
  options: WaitForOptions,
): Promise<ReportsStatusPollOutput> {
  const { MessageID, timeoutMs = 48 * 3600_000, pollTimeoutMs, signal } = options;
  checkNumber("timeoutMs", timeoutMs, 0);
  checkNumber("initialIntervalMs", options.initialIntervalMs, 1);
  checkNumber("maxIntervalMs", options.maxIntervalMs, 1);
  const state = stateOf(client);
  const clock = state.http.clock;
  const started = clock.now();
  const maxInterval = options.maxIntervalMs ?? 300_000;
  let interval = Math.min(options.initialIntervalMs ?? 2_000, maxInterval);
  const pollOptions = {
    signal,
    maxRetries: options.maxRetries,
    headers: options.headers,
    timeoutMs: pollTimeoutMs,
  };
  // A poll whose own retries ran out on a failure that may pass (no connection, a timed-out
  // attempt, 408/409/429/5xx) does not end a wait of hours: the next poll comes after the pause.
  // The last such failure becomes the cause of the TimeoutError at the limit.
  let lastFailure: unknown;
  for (;;) {
    try {
      const status = (await callOperation(
        client,
        reportsStatusPollSpec,
        { MessageID },
        pollOptions,
      )) as ReportsStatusPollOutput;
      if (isFinalStatus(status))
        return await withEveryRecipient(client, MessageID, status, pollOptions);
    } catch (error) {
      if (!isRetryableError(error)) throw error;
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
