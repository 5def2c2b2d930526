import type { RawError } from "./raw-validate.js";

/**
 * Adds one error to a generated validator's list, made on the first error, and returns the list.
 * The generated validators call it at each failed check, in place of ajv's inline list handling,
 * which repeats at every one of them.
 */
export function reportError(
  errors: RawError[] | null,
  instancePath: string,
  keyword: string,
  params: RawError["params"],
): RawError[] {
  const error: RawError = { instancePath, keyword, params };
  if (errors === null) return [error];
  errors.push(error);
  return errors;
}

/** Adds a sub-validator's errors to a generated validator's list, and returns the list. */
export function mergeErrors(
  errors: RawError[] | null,
  more: readonly RawError[] | null | undefined,
): RawError[] {
  return errors === null ? [...(more ?? [])] : errors.concat(more ?? []);
}

/** True for an object that is not an array (JSON Schema's `"object"`). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
