/// <reference types="node" />
// Two fetches for the client's `fetch` option: one that counts the requests on the wire (so a
// fake clock is not moved while a real request is pending), and a scripted one with no network.

const NULL_BODY = new Set([101, 103, 204, 205, 304]);

/** One request as a fetch saw it. */
export interface SeenRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly body: string | undefined;
}

function seen(input: string | URL | Request, init: RequestInit | undefined): SeenRequest {
  const headers: Record<string, string> = {};
  new Headers(init?.headers).forEach((value, name) => {
    headers[name] = value;
  });
  return {
    url: String(input instanceof Request ? input.url : input),
    method: init?.method ?? "GET",
    headers,
    body: typeof init?.body === "string" ? init.body : undefined,
  };
}

export interface TrackedFetch {
  readonly fetch: typeof fetch;
  /** Requests started and not yet answered in full. */
  inFlight(): number;
  /** How many requests were started. */
  readonly calls: SeenRequest[];
}

/**
 * Wraps a fetch (the runtime's by default): counts requests until their whole body has arrived,
 * and hands the client a response already read into memory.
 */
export function trackedFetch(inner: typeof fetch = globalThis.fetch): TrackedFetch {
  let pending = 0;
  const calls: SeenRequest[] = [];
  const wrapped = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    pending++;
    calls.push(seen(input, init));
    try {
      const response = await inner(input, init);
      const body = NULL_BODY.has(response.status) ? null : await response.arrayBuffer();
      return new Response(body, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
    } finally {
      pending--;
    }
  };
  return { fetch: wrapped as typeof fetch, inFlight: () => pending, calls };
}

/** What a scripted fetch does for one request. */
export type StubStep =
  | {
      readonly status: number;
      readonly json?: unknown;
      readonly text?: string;
      readonly headers?: Readonly<Record<string, string>>;
    }
  /** `refused`: the connection was never made; `reset`: it broke after the request went out. */
  | { readonly error: "refused" | "reset" }
  /** Never answers; rejects as the runtime's fetch does when the request's signal aborts. */
  | { readonly hang: true };

export const OK_SEND: StubStep = {
  status: 200,
  json: { Result: "Success", MessageID: "ID12345", ErrorMessage: [] },
};

function connectionError(code: "ECONNREFUSED" | "ECONNRESET"): TypeError {
  const cause = Object.assign(
    new Error(code === "ECONNREFUSED" ? "connect ECONNREFUSED 127.0.0.1:9" : "read ECONNRESET"),
    { code },
  );
  return new TypeError("fetch failed", { cause });
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException("This operation was aborted", "AbortError");
}

/**
 * A fetch that answers from a script, without a network: step n answers the n-th request; when
 * the script runs out, `fallback` answers.
 */
export class StubFetch {
  readonly calls: SeenRequest[] = [];
  readonly #steps: StubStep[];
  readonly #fallback: StubStep;

  constructor(steps: readonly StubStep[], fallback: StubStep = OK_SEND) {
    this.#steps = [...steps];
    this.#fallback = fallback;
  }

  /** The MessageData of each send request, parsed. */
  sentBodies(): unknown[] {
    return this.calls.map((call) => (call.body === undefined ? undefined : JSON.parse(call.body)));
  }

  readonly fetch: typeof fetch = ((input: string | URL | Request, init?: RequestInit) => {
    this.calls.push(seen(input, init));
    const step = this.#steps.shift() ?? this.#fallback;
    const signal = init?.signal ?? undefined;
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    if ("hang" in step) {
      return new Promise<Response>((_resolve, reject) => {
        signal?.addEventListener("abort", () => reject(abortReason(signal)), { once: true });
      });
    }
    if ("error" in step) {
      return Promise.reject(
        connectionError(step.error === "refused" ? "ECONNREFUSED" : "ECONNRESET"),
      );
    }
    const text = step.text ?? (step.json === undefined ? "" : JSON.stringify(step.json));
    return Promise.resolve(
      new Response(NULL_BODY.has(step.status) ? null : text, {
        status: step.status,
        headers: { "content-type": "application/json", ...step.headers },
      }),
    );
  }) as typeof fetch;
}
