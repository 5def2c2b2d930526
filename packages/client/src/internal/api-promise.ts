import type { APIPromise, WithResponse } from "./types.js";

/**
 * Wraps a call's `{ data, response, requestId }` as the promise the call returns: a plain
 * Promise of the output with `withResponse()`. Asking for `.withResponse()` marks the output's
 * own rejection handled, so that caller sees the failure there, once, and no unhandled
 * rejection; a caller who awaits the call gets it, with its own frames in the stack.
 */
export function apiPromise<T>(meta: Promise<WithResponse<T>>): APIPromise<T> {
  // Awaited, not chained with then(), and with no other reaction until `withResponse()` is
  // asked for: a failure's stack then runs on into the frames of the caller who awaits it.
  const data = (async () => (await meta).data)();
  return Object.assign(data, {
    withResponse: () => {
      data.catch(() => {});
      return meta;
    },
  });
}
