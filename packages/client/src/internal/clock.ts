/**
 * Time as the client sees it. Injected in tests so that timeouts, backoff and polling run on a
 * fake clock instead of real minutes.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Calls `callback` after `ms`; the returned function cancels it. */
  setTimer(ms: number, callback: () => void): () => void;
}

/** setTimeout's longest delay; a longer one would fire at once. */
const MAX_TIMER_MS = 2_147_483_647;

/** The runtime's own clock. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(ms, callback) {
    // Longer delays are run as a chain of the longest ones setTimeout takes.
    let id: ReturnType<typeof setTimeout>;
    const schedule = (left: number): void => {
      id = setTimeout(
        () => (left > MAX_TIMER_MS ? schedule(left - MAX_TIMER_MS) : callback()),
        Math.min(left, MAX_TIMER_MS),
      );
    };
    schedule(ms);
    return () => clearTimeout(id);
  },
};

/** Resolves after `ms` on `clock`; rejects with the signal's reason as soon as it aborts. */
export function sleep(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      cancel();
      reject(signal?.reason);
    };
    const cancel = clock.setTimer(ms, () => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    });
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
