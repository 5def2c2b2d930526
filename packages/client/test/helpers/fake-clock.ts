/// <reference types="node" />
// A clock for the client's `clock` option: time moves only when a test moves it, so timeouts,
// backoff and polling run in microseconds of real time.
import type { Clock } from "../../src/index.js";

interface Timer {
  readonly id: number;
  readonly at: number;
  readonly ms: number;
  readonly callback: () => void;
}

/** Any instant will do; a whole second, so HTTP dates (second precision) land on it exactly. */
export const EPOCH: number = Date.UTC(2025, 7, 10, 9, 0, 0);

export class FakeClock implements Clock {
  #now: number;
  #timers: Timer[] = [];
  #nextId = 1;
  /** The delay of every timer set, in order (timeouts and sleeps alike). */
  readonly requested: number[] = [];

  /** When the clock was made to start. */
  readonly start: number;

  constructor(start: number = EPOCH) {
    this.#now = start;
    this.start = start;
  }

  now(): number {
    return this.#now;
  }

  setTimer(ms: number, callback: () => void): () => void {
    const id = this.#nextId++;
    this.requested.push(ms);
    this.#timers.push({ id, at: this.#now + Math.max(0, ms), ms, callback });
    return () => {
      this.#timers = this.#timers.filter((timer) => timer.id !== id);
    };
  }

  /** How many timers are set and not yet fired or cancelled. */
  get pending(): number {
    return this.#timers.length;
  }

  /** The delays of the timers still pending. */
  pendingDelays(): number[] {
    return this.#timers.map((timer) => timer.ms);
  }

  /** Milliseconds since the clock started. */
  elapsed(): number {
    return this.#now - this.start;
  }

  #takeNext(limit: number): Timer | undefined {
    let next: Timer | undefined;
    for (const timer of this.#timers) {
      if (timer.at <= limit && (next === undefined || timer.at < next.at)) next = timer;
    }
    if (next !== undefined) {
      const fired = next;
      this.#timers = this.#timers.filter((timer) => timer.id !== fired.id);
    }
    return next;
  }

  /** Moves time forward by `ms`, firing every timer that falls due on the way, in order. */
  advance(ms: number): void {
    const until = this.#now + ms;
    for (let timer = this.#takeNext(until); timer; timer = this.#takeNext(until)) {
      this.#now = Math.max(this.#now, timer.at);
      timer.callback();
    }
    this.#now = until;
  }

  /** Jumps to the next timer and fires it; false when none is set. */
  advanceToNext(): boolean {
    const timer = this.#takeNext(Number.POSITIVE_INFINITY);
    if (!timer) return false;
    this.#now = Math.max(this.#now, timer.at);
    timer.callback();
    return true;
  }

  /** Fires timers (and the ones they set) until none is left; synchronous callbacks only. */
  runUntilIdle(limit = 10_000): void {
    for (let i = 0; i < limit; i++) if (!this.advanceToNext()) return;
    throw new Error(`FakeClock: still busy after ${limit} timers`);
  }
}

/** Lets pending promise callbacks and I/O callbacks run (a few turns of the event loop). */
export async function flush(turns = 5): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

export interface SettleOptions {
  /**
   * How many requests are on the wire. While one is, the clock stands still, so a real request
   * never times out because the test moved time on.
   */
  readonly inFlight?: () => number;
  /** Give up (throw) after this many clock steps. */
  readonly maxSteps?: number;
}

/**
 * Awaits `promise` while moving the clock from timer to timer whenever nothing else can happen:
 * backoff sleeps and poll intervals pass at once, real requests finish at their own pace.
 */
export async function settle<T>(
  promise: Promise<T>,
  clock: FakeClock,
  options: SettleOptions = {},
): Promise<T> {
  let done = false;
  const watched = promise.then(
    (value) => {
      done = true;
      return value;
    },
    (error: unknown) => {
      done = true;
      throw error;
    },
  );
  // Keeps an early rejection from being reported as unhandled; `watched` is returned below.
  watched.catch(() => undefined);
  const maxSteps = options.maxSteps ?? 10_000;
  let idle = 0;
  const realDeadline = Date.now() + 10_000;
  for (let step = 0; step < maxSteps && !done; ) {
    await flush();
    if (done) break;
    if (Date.now() > realDeadline) throw new Error("settle: no progress within 10 s of real time");
    if (options.inFlight && options.inFlight() > 0) {
      await new Promise<void>((resolve) => setTimeout(resolve, 1));
      continue;
    }
    if (clock.advanceToNext()) {
      step++;
      idle = 0;
    } else if (++idle > 100) {
      throw new Error("settle: the promise is pending, with no timer set and nothing in flight");
    }
  }
  if (!done) throw new Error(`settle: still pending after ${maxSteps} clock steps`);
  return watched;
}
