import { BestSMSError } from "@bestsms/client";

/** A variable of the binding, trimmed; a missing, empty or non-string one is `undefined`. */
export function envString(env: object | null | undefined, name: string): string | undefined {
  const value: unknown =
    env !== null && typeof env === "object" ? (env as Record<string, unknown>)[name] : undefined;
  if (typeof value !== "string") return undefined;
  const trimmed = value.trim();
  return trimmed === "" ? undefined : trimmed;
}

/** `BESTSMS_AUTH_SCHEME` as the client takes it. */
export function authSchemeOf(value: string | undefined): "Basic" | "Bearer" | undefined {
  if (value === undefined) return undefined;
  const scheme = value.toLowerCase();
  if (scheme === "basic") return "Basic";
  if (scheme === "bearer") return "Bearer";
  throw new BestSMSError("BestSMS: BESTSMS_AUTH_SCHEME must be Basic or Bearer");
}
