import type { APIPromise, WithResponse } from "./types.js";

/**
 * A promise of a call's output that also offers the response: awaiting it never makes a
 * second request, and the output is derived only when someone awaits it, so a caller who only
 * asks for `.withResponse()` sees one rejection, not two.
 */
class CallPromise<T> extends Promise<T> implements APIPromise<T> {
  // `then` of a derived promise is a plain Promise's.
  static override get [Symbol.species](): PromiseConstructor {
    return Promise;
  }

  readonly #meta: Promise<WithResponse<T>>;
  #data: Promise<T> | undefined;

  constructor(meta: Promise<WithResponse<T>>) {
    super((resolve) => resolve(undefined as T));
    this.#meta = meta;
  }

  withResponse(): Promise<WithResponse<T>> {
    return this.#meta;
  }

  #output(): Promise<T> {
    this.#data ??= this.#meta.then((meta) => meta.data);
    return this.#data;
  }

  // biome-ignore lint/suspicious/noThenProperty: a Promise subclass overrides then by design.
  override then<A = T, B = never>(
    onfulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.#output().then(onfulfilled, onrejected);
  }

  override catch<B = never>(
    onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<T | B> {
    return this.#output().catch(onrejected);
  }

  override finally(onfinally?: (() => void) | null): Promise<T> {
    return this.#output().finally(onfinally);
  }
}

/** Wraps a call's `{ data, response, requestId }` as the promise the call returns. */
export function apiPromise<T>(meta: Promise<WithResponse<T>>): APIPromise<T> {
  return new CallPromise(meta);
}
