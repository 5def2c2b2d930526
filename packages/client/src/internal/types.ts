/** HTTP methods the API uses. */
export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** A path or query parameter: its wire name and the input names that fill it. */
export interface ParamSpec {
  readonly wire: string;
  /** Input names, the documented one first; at most one may be given. */
  readonly names: readonly string[];
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
  readonly rename?: Readonly<Record<string, string>>;
  readonly fields?: Readonly<Record<string, Shape>>;
  readonly items?: Shape;
  readonly single?: true;
  readonly shorthand?: string;
}

/** What the client needs at run time to call one operation. */
export interface OperationSpec {
  /** The operationId. */
  readonly id: string;
  readonly method: HttpMethod;
  readonly path: string;
  readonly pathParams: readonly ParamSpec[];
  readonly queryParams: readonly ParamSpec[];
  /** Present when the operation sends a JSON body; the body is every input field not a parameter. */
  readonly body?: {
    /** The property the body is wrapped in on the wire (`MessageData`). */
    readonly envelope?: string;
    readonly shape?: Shape;
    /** A field the client fills with a random UUID when the caller leaves it out. */
    readonly generated?: string;
  };
  /** Present for paged lists: the response property that holds a page's items. */
  readonly list?: { readonly items: string };
}

/** Options of one call. */
export interface RequestOptions {
  /** Aborts the call, retries included. */
  readonly signal?: AbortSignal;
  /** Time limit of each attempt, in milliseconds. */
  readonly timeoutMs?: number;
  /** How many times a failed attempt may be retried. */
  readonly maxRetries?: number;
  /**
   * Treat the call as safe to repeat: a send or a create is then retried on any retryable failure,
   * not only on those where the service cannot have acted on it.
   */
  readonly idempotent?: boolean;
}

/**
 * A wire response as the client returns it: `ErrorMessage`, which the service sends as a string
 * or a list, is always a list.
 */
export type Normalized<T> = T extends { ErrorMessage?: unknown }
  ? Omit<T, "ErrorMessage"> & { ErrorMessage: string[] }
  : T;
