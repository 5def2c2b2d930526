import { headerValue } from "./headers.js";

/** The token in `Authorization`, without a `Basic` or `Bearer` scheme word. */
export function headerToken(headers: Headers | Record<string, string>): string | undefined {
  // The service's Basic carries the token as is, not base64 of user:password.
  const token = headerValue(headers, "authorization")
    ?.trim()
    .replace(/^(?:basic|bearer)\s+/i, "");
  return token || undefined;
}

/**
 * The configured token, trimmed as the presented one is (a secret read from a file often ends in
 * a newline). Refuses one missing or blank, which would accept any request that sends none.
 */
export function requireToken(token: unknown): string {
  const trimmed = typeof token === "string" && token.trim();
  if (!trimmed) throw new TypeError("token must be a non-blank string");
  return trimmed;
}

/**
 * Refuses a number option that is not a positive whole number: NaN (as from
 * `Number(process.env.UNSET)`), Infinity, 0, a fraction or a negative would lift a limit or turn
 * a check off without a word.
 */
export function positiveWhole(name: string, value: number): number {
  if (Number.isSafeInteger(value) && value > 0) return value;
  throw new TypeError(`${name} must be a positive whole number`);
}
