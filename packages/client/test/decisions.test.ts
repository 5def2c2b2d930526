// The two decision tables the client keeps in one place each: which error class an answer
// becomes (errors.ts) and which failures are tried again (internal/retry.ts).
import { describe, expect, it } from "vitest";
import { apiErrorFor } from "../src/errors.js";
import {
  AbortError,
  ApiError,
  AuthenticationError,
  ConnectionError,
  NotFoundError,
  RateLimitError,
  TimeoutError,
} from "../src/index.js";
import { isRetryableError, retriesAnswer, retriesFailure } from "../src/internal/retry.js";

const details = (status: number, result?: string) => ({
  status,
  result,
  errorMessages: [],
  retryAfterMs: 1000,
});

describe("apiErrorFor: one place from an answer to an error class", () => {
  it.each([
    [401, undefined, AuthenticationError],
    [401, "RecordNotFound", AuthenticationError],
    [404, undefined, NotFoundError],
    [400, "RecordNotFound", NotFoundError],
    [200, "RecordNotFound", NotFoundError],
    [429, undefined, RateLimitError],
    [200, "Unauthorized", AuthenticationError],
    [400, "Unauthorized", ApiError],
    [500, undefined, ApiError],
    [200, "Failed", ApiError],
    [200, undefined, ApiError],
  ] as const)("HTTP %i, Result %s → %o", (status, result, type) => {
    const error = apiErrorFor("message", details(status, result));
    expect(error.constructor).toBe(type);
    expect(error.status).toBe(status);
  });

  it("a RateLimitError carries the wait the service asked for", () => {
    expect((apiErrorFor("m", details(429)) as RateLimitError).retryAfterMs).toBe(1000);
  });
});

describe("retry decisions", () => {
  it.each([
    [408, true, false],
    [409, true, false],
    [429, true, true],
    [500, true, false],
    [503, true, true],
    [400, false, false],
    [401, false, false],
    [404, false, false],
  ])("HTTP %i: a safe call retries: %s; a send: %s", (status, safe, unsafe) => {
    expect([retriesAnswer(status, "safe"), retriesAnswer(status, "unsafe")]).toEqual([
      safe,
      unsafe,
    ]);
  });

  it("an attempt without an answer: a safe call retries each; a send only a refusal", () => {
    for (const kind of ["refused", "network", "timeout"] as const) {
      expect(retriesFailure(kind, "safe")).toBe(true);
      expect(retriesFailure(kind, "unsafe")).toBe(kind === "refused");
    }
  });

  it("a thrown error a later attempt may pass is the one a safe call retries", () => {
    expect(isRetryableError(new ConnectionError("c"))).toBe(true);
    expect(isRetryableError(new TimeoutError("t", { timeoutMs: 1 }))).toBe(true);
    expect(isRetryableError(apiErrorFor("m", details(503)))).toBe(true);
    expect(isRetryableError(apiErrorFor("m", details(429)))).toBe(true);
    expect(isRetryableError(apiErrorFor("m", details(401)))).toBe(false);
    expect(isRetryableError(apiErrorFor("m", details(200, "Failed")))).toBe(false);
    expect(isRetryableError(new AbortError("a"))).toBe(false);
    expect(isRetryableError(new Error("other"))).toBe(false);
  });
});
