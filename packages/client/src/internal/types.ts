// The generator's contract, public through `../operation-spec.ts`. Kept in this one self-contained
// file: the generated files import this path, and tools/release's compatibility check compiles them
// against this file alone.
/** HTTP methods the API uses. */
export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** A path or query parameter: its wire name and the input names that fill it. */
export interface ParamSpec {
  /** The parameter's name on the wire (in the path template or the query string). */
  readonly wire: string;
  /** Input names, the documented one first; at most one may be given. */
  readonly names: readonly string[];
  /** Whether the call needs it (path parameters always do). */
  readonly required: boolean;
}

/**
 * How an input value becomes its wire value (generated from `x-bestsms-input` in the spec):
 * `rename` maps every accepted input name of a renamed field to its wire name (a wire name that
 * is not itself a key is not an input name), `fields` holds the shapes of nested values by wire
 * name, `items` the shape of array items; `single` lets an array take a lone item and
 * `shorthand` lets an object be given as a bare string that fills that one property.
 */
export interface Shape {
  /** Accepted input name → wire name, for the fields whose names differ or have aliases. */
  readonly rename?: Readonly<Record<string, string>>;
  /** The shapes of nested objects and arrays, by wire name. */
  readonly fields?: Readonly<Record<string, Shape>>;
  /** The shape of each item, when the value is an array. */
  readonly items?: Shape;
  /** The array also takes a lone item (`Recipients: "+61…"`). */
  readonly single?: true;
  /** The object may be given as a bare string that fills this one property. */
  readonly shorthand?: string;
}

/** What the client needs at run time to call one operation. */
export interface OperationSpec {
  /** The operationId. */
  readonly id: string;
  /** The HTTP method. */
  readonly method: HttpMethod;
  /** The path template, relative to the base URL (`/get/status/{MessageID}`). */
  readonly path: string;
  /** The parameters that fill the path template. */
  readonly pathParams: readonly ParamSpec[];
  /** The parameters sent in the query string. */
  readonly queryParams: readonly ParamSpec[];
  /** Present when the operation sends a JSON body; the body is every input field not a parameter. */
  readonly body?: {
    /** The property the body is wrapped in on the wire (`MessageData`). */
    readonly envelope?: string;
    /** How the input's fields become the wire's, when any name or form differs. */
    readonly shape?: Shape;
    /** A field the client fills with a random UUID when the caller leaves it out. */
    readonly generated?: string;
  };
  /** Present for paged lists: the response property that holds a page's items. */
  readonly list?: {
    /** The name of that property (`Contacts`, `Recipients` …). */
    readonly items: string;
  };
  /** Where the response carries fields the reference document reads under other names. */
  readonly output?: OutputShape;
}

/** Where a response carries wire fields the reference document names differently. */
export interface OutputShape {
  /** Document name → the wire field it reads (`Created` → `CreatedTimeLocal`). */
  readonly aliases?: Readonly<Record<string, string>>;
  /** The shapes of nested objects and arrays, by wire name. */
  readonly fields?: Readonly<Record<string, OutputShape>>;
  /** The shape of each item, when the value is an array. */
  readonly items?: OutputShape;
}

/** Options of one call. */
export interface RequestOptions {
  /** Aborts the call, retries included. */
  readonly signal?: AbortSignal | undefined;
  /** Time limit of each attempt, in milliseconds. */
  readonly timeoutMs?: number | undefined;
  /** How many times a failed attempt may be retried. */
  readonly maxRetries?: number | undefined;
  /**
   * Whether the call is safe to repeat. `true`: a send or a create is then retried on any
   * retryable failure, not only on those where the service cannot have acted on it. `false`: a
   * call that is otherwise repeated (a GET, PATCH or DELETE) is retried only on those too.
   * Default: true but for POST.
   */
  readonly idempotent?: boolean | undefined;
  /**
   * Headers of this call's requests; they replace the client's of the same name.
   * `Authorization` cannot be set here.
   */
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /**
   * A send only: refuse (ValidationError, before any request) a message longer than this many
   * segments. Default: the client's `maxSegments` (10).
   */
  readonly maxSegments?: number | undefined;
}

/** What `.withResponse()` of a call resolves to. */
export interface WithResponse<T> {
  /** What the call returns. */
  readonly data: T;
  /** The HTTP response of the last attempt (its body can be read again). */
  readonly response: Response;
  /** The response's `X-Request-Id`, else the id the client made for the call. */
  readonly requestId: string;
}

/** The promise a call returns: awaited, the output; `.withResponse()` adds the HTTP response. */
export interface APIPromise<T> extends Promise<T> {
  /** The output with the HTTP response and the request id. */
  withResponse(): Promise<WithResponse<T>>;
}

/** `T` with the properties of `R` replaced by `R`'s types. */
export type Replace<T, R> = Omit<T, keyof R> & R;

/**
 * A wire response as the client returns it: `ErrorMessage`, which the service sends as a string
 * or a list, is always a list.
 */
export type Normalized<T> = T extends { ErrorMessage?: unknown }
  ? Omit<T, "ErrorMessage"> & {
      /** Why the call failed, one message per item (empty on success). */
      ErrorMessage: string[];
    }
  : T;
