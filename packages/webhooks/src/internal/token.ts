import { headerValue } from "./headers.js";

/** The token in `Authorization`, without a `Basic` or `Bearer` scheme word. */
export function headerToken(headers: Headers | Record<string, string>): string | undefined {
  // The service's Basic carries the token as is, not base64 of user:password.
  const token = headerValue(headers, "authorization")
    ?.trim()
    .replace(/^(?:basic|bearer)\s+/i, "");
  return token || undefined;
}

/** Refuses a missing or empty configured token, which would accept any request that sends none. */
export function requireToken(token: unknown): void {
  if (!token || typeof token !== "string") {
    throw new TypeError("`token` must be a non-empty string");
  }
}
