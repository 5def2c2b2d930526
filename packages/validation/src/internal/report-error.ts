import type { RawError } from "./raw-validate.js";

/**
 * Adds one error to a generated validator's list, made on the first error, and returns the list.
 * The generated validators call it at each failed check, in place of ajv's inline list handling,
 * which repeats at every one of them.
 */
export function reportError(errors: RawError[] | null, error: RawError): RawError[] {
  if (errors === null) return [error];
  errors.push(error);
  return errors;
}
