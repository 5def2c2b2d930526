/**
 * A clock for the client under test. Timers of exactly `realTimeoutMs` (the per-attempt
 * timeout) run on real time, since they race real sockets; every other timer (backoff and
 * Retry-After sleeps) fires on the next turn of the event loop and moves the fake time forward
 * by its length, so retries cost no real time. Every delay asked for is recorded.
 */
export interface TestClock {
  now(): number;
  setTimer(ms: number, callback: () => void): () => void;
  /** The sleeps asked for (everything but attempt timeouts), in order. */
  readonly sleeps: number[];
  /** Timers started and neither fired nor cancelled. */
  live(): number;
  /** Forgets the recorded sleeps. */
  clearSleeps(): void;
}

export function createTestClock(startMs: number, realTimeoutMs: number): TestClock {
  let now = startMs;
  const sleeps: number[] = [];
  let live = 0;
  return {
    now: () => now,
    setTimer(ms, callback) {
      live += 1;
      let done = false;
      const finish = (): boolean => {
        if (done) return false;
        done = true;
        live -= 1;
        return true;
      };
      if (ms === realTimeoutMs) {
        const id = setTimeout(() => {
          if (finish()) callback();
        }, ms);
        return () => {
          if (finish()) clearTimeout(id);
        };
      }
      sleeps.push(ms);
      const id = setImmediate(() => {
        if (!finish()) return;
        now += ms;
        callback();
      });
      return () => {
        if (finish()) clearImmediate(id);
      };
    },
    sleeps,
    live: () => live,
    clearSleeps() {
      sleeps.length = 0;
    },
  };
}
