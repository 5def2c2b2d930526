/** One problem with a call's input: where, which rule, and a sentence saying so. */
export interface InputIssue {
  /** `"Reference: at most 80 characters, got 93"` */
  readonly message: string;
  /** Where, in the input as you wrote it: property names and array indices. */
  readonly path: readonly (string | number)[];
  /** The rule that failed (`maxLength`, `required`, `pattern`, `alias` …). */
  readonly rule: string;
  /** The rule's limit (80 for a `maxLength` of 80), when it has one. */
  readonly limit?: unknown;
}

/**
 * The base of every error the SDK throws.
 *
 * @example
 * ```ts
 * try { await client.reports.status.poll({ MessageID }); }
 * catch (error) { if (error instanceof BestSMSError) console.error(error.message); }
 * ```
 */
export class BestSMSError extends Error {
  /** `"BestSMSError"`: the class, also in `String(error)` and stack traces. */
  override readonly name: string = "BestSMSError";
  /** The operation that failed (`messaging.sms.sendMessage` …), when there was one. */
  readonly operationId: string | undefined;
  /**
   * The call's id, once a request was made: the response's `X-Request-Id`, else the id the client
   * made for the call. Quote it to support, and find it in the client's log lines.
   */
  readonly requestId: string | undefined;

  constructor(
    message: string,
    options?: { operationId?: string | undefined; requestId?: string | undefined; cause?: unknown },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.operationId = options?.operationId;
    this.requestId = options?.requestId;
  }
}

/** What an {@link ApiError} is made from: the answer the service gave. */
export interface ApiErrorDetails {
  /** The operation that was called, when there was one. */
  readonly operationId?: string | undefined;
  /** The HTTP status. */
  readonly status: number;
  /** The body's `Result`, when it had one. */
  readonly result: string | undefined;
  /** The body's `ErrorMessage`, as a list (a lone string becomes one item). */
  readonly errorMessages: readonly string[];
  /** The start of a body that was not the JSON expected. */
  readonly bodyExcerpt?: string | undefined;
  /** The response's headers. */
  readonly headers?: Headers | undefined;
  /** The response's `X-Request-Id`, else the id the client made for the call. */
  readonly requestId?: string | undefined;
}

/**
 * The service answered, and not with success: an HTTP error status, or a 200 whose `Result` is
 * not `Success`.
 */
export class ApiError extends BestSMSError {
  /** `"ApiError"`: the class, also in `String(error)` and stack traces. */
  override readonly name: string = "ApiError";
  /** The HTTP status. */
  readonly status: number;
  /** The body's `Result` (`Failed`, `Unauthorized`, `RecordNotFound` …), when it had one. */
  readonly result: string | undefined;
  /** The body's `ErrorMessage`, always as a list. */
  readonly errorMessages: readonly string[];
  /** The first characters of a body that was not the JSON expected (the token redacted). */
  readonly bodyExcerpt: string | undefined;
  /** The response's headers. */
  readonly headers: Headers;

  constructor(message: string, details: ApiErrorDetails) {
    super(message, details);
    this.status = details.status;
    this.result = details.result;
    this.errorMessages = details.errorMessages;
    this.bodyExcerpt = details.bodyExcerpt;
    this.headers = details.headers ?? new Headers();
  }
}

/** 401: the AuthToken is missing, wrong or revoked. */
export class AuthenticationError extends ApiError {
  /** `"AuthenticationError"`: the class, also in `String(error)` and stack traces. */
  override readonly name: string = "AuthenticationError";
}

/** 404, or `Result: RecordNotFound`: no record with that identifier. */
export class NotFoundError extends ApiError {
  /** `"NotFoundError"`: the class, also in `String(error)` and stack traces. */
  override readonly name: string = "NotFoundError";
}

/** 429: too many requests. `retryAfterMs` is how long the service asked to wait. */
export class RateLimitError extends ApiError {
  /** `"RateLimitError"`: the class, also in `String(error)` and stack traces. */
  override readonly name: string = "RateLimitError";
  /** The wait the service asked for (`Retry-After`, in ms, capped at 60 s), when it gave one. */
  readonly retryAfterMs: number | undefined;

  constructor(message: string, details: ApiErrorDetails & { retryAfterMs?: number | undefined }) {
    super(message, details);
    this.retryAfterMs = details.retryAfterMs;
  }
}

/** The service could not be reached, or the connection broke. `cause` holds the runtime's error. */
export class ConnectionError extends BestSMSError {
  /** `"ConnectionError"`: the class, also in `String(error)` and stack traces. */
  override readonly name: string = "ConnectionError";
}

/** An attempt, or a `waitFor`, took longer than allowed. */
export class TimeoutError extends BestSMSError {
  /** `"TimeoutError"`: the class, also in `String(error)` and stack traces. */
  override readonly name: string = "TimeoutError";
  /** The limit that ran out, in milliseconds (`timeoutMs` of the attempt or of `waitFor`). */
  readonly timeoutMs: number;

  constructor(
    message: string,
    options: {
      operationId?: string | undefined;
      requestId?: string | undefined;
      timeoutMs: number;
      cause?: unknown;
    },
  ) {
    super(message, options);
    this.timeoutMs = options.timeoutMs;
  }
}

/** The caller's `signal` aborted the call; no retry follows. `cause` is the signal's reason. */
export class AbortError extends BestSMSError {
  /** `"AbortError"`: the class, also in `String(error)` and stack traces. */
  override readonly name: string = "AbortError";
}

/**
 * The input breaks a rule of the API; thrown before any request is sent. `issues` names each
 * field (as you wrote it), the rule and its limit.
 */
export class ValidationError extends BestSMSError {
  /** `"ValidationError"`: the class, also in `String(error)` and stack traces. */
  override readonly name: string = "ValidationError";
  /** Every problem found, each naming the field, the rule and its limit. */
  readonly issues: readonly InputIssue[];

  constructor(operationId: string | undefined, issues: readonly InputIssue[]) {
    super(`${operationId ?? "input"}: ${issues.map((issue) => issue.message).join("; ")}`, {
      operationId,
    });
    this.issues = issues;
  }
}

/**
 * The one place an answer that is not a success becomes an error class: 401 or a 2xx `Result`
 * of `Unauthorized` → {@link AuthenticationError}; 404 or `RecordNotFound` →
 * {@link NotFoundError}; 429 → {@link RateLimitError} (with `retryAfterMs`); anything else →
 * {@link ApiError}.
 */
export function apiErrorFor(
  message: string,
  details: ApiErrorDetails & { retryAfterMs?: number | undefined },
): ApiError {
  const { status, result } = details;
  if (status === 401) return new AuthenticationError(message, details);
  if (status === 404 || result === "RecordNotFound") return new NotFoundError(message, details);
  if (status === 429) return new RateLimitError(message, details);
  // An HTTP error status says more than the body's Result; a 2xx refusal says it only there.
  if (status < 400 && result === "Unauthorized") return new AuthenticationError(message, details);
  return new ApiError(message, details);
}
