import type { APIPromise, WithResponse } from "./types.js";

/**
 * Wraps a call's `{ data, response, requestId }` as the promise the call returns: a plain
 * Promise of the output with `withResponse()`. The output's own rejection is marked handled, so
 * a caller who only asks for `.withResponse()` sees the failure there, once, and no unhandled
 * rejection; a caller who awaits the call still gets it.
 */
export function apiPromise<T>(meta: Promise<WithResponse<T>>): APIPromise<T> {
  const data = meta.then((m) => m.data);
  data.catch(() => {});
  return Object.assign(data, { withResponse: () => meta });
}
