/**
 * The token check every request passes first, API and control API alike: `Basic <token>` or
 * `Bearer <token>` (scheme in any case), compared in constant time.
 */
import type { MiddlewareHandler } from "hono";
import { json } from "./answers.js";

/** Compares two strings in time that depends on their lengths only. */
export function sameToken(given: string, expected: string): boolean {
  let diff = given.length ^ expected.length;
  for (let i = 0; i < expected.length; i++) {
    diff |= (given.charCodeAt(i % Math.max(given.length, 1)) || 0) ^ expected.charCodeAt(i);
  }
  return diff === 0;
}

/** A token for a sandbox started without one. */
export function randomToken(): string {
  return `sandbox_${crypto.randomUUID().replace(/-/g, "")}`;
}

/** Refuses a request without the token with the wire's `401`. */
export function requireToken(authToken: string): MiddlewareHandler {
  return async (c, next) => {
    const header = (c.req.header("authorization") ?? "").trim();
    const match = /^(?:Basic|Bearer)\s+(\S+)$/i.exec(header);
    if (!match?.[1] || !sameToken(match[1], authToken)) {
      return json(401, { Result: "Unauthorized", ErrorMessage: "Invalid Auth Token" });
    }
    await next();
  };
}
