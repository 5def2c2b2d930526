import { toIssues, type ValidationIssue } from "./issues.js";
import type { RawValidate } from "./raw-validate.js";

/** The result of validating: the value when valid, otherwise every issue found. */
export type ValidationResult<T> =
  | {
      /** The value, now known to be valid. */
      readonly value: T;
      /** `undefined`: there is nothing wrong. */
      readonly issues?: undefined;
    }
  | {
      /** Every problem found, each naming the path, the rule and its limit. */
      readonly issues: readonly ValidationIssue[];
    };

/**
 * A validator of one schema of the spec. It implements Standard Schema v1 (`~standard`), so it
 * plugs into Hono, tRPC and other libraries that take one.
 *
 * @example
 * ```ts
 * const result = sendMessageRequest.validate(body);
 * if (result.issues) console.log(result.issues.map((i) => i.message));
 * ```
 */
export interface Validator<T> {
  /** The schema's name in the spec. */
  readonly name: string;
  /** The Standard Schema v1 interface, for libraries that take any validator (Hono, tRPC …). */
  readonly "~standard": {
    /** The Standard Schema version: 1. */
    readonly version: 1;
    /** The library that made the validator: `"bestsms"`. */
    readonly vendor: "bestsms";
    /** Validates a value: `{ value }` when valid, `{ issues }` otherwise; never throws. */
    readonly validate: (value: unknown) => ValidationResult<T>;
    /** Type-level only: what the validator takes and what it narrows to. */
    readonly types?:
      | {
          /** Any value may be passed. */
          readonly input: unknown;
          /** The type a valid value has. */
          readonly output: T;
        }
      | undefined;
  };
  /** Validates a value; never throws. */
  validate(value: unknown): ValidationResult<T>;
  /** True when the value is valid. */
  is(value: unknown): value is T;
  /** Throws a {@link SchemaValidationError} naming every problem unless the value is valid. */
  assert(value: unknown): asserts value is T;
}

/** Thrown by `assert…`: names the schema and every issue. */
export class SchemaValidationError extends Error {
  /** `"SchemaValidationError"`: the class, also in `String(error)` and stack traces. */
  override readonly name = "SchemaValidationError";
  /** The schema that was not met. */
  readonly schema: string;
  /** Every problem found, each naming the path, the rule and its limit. */
  readonly issues: readonly ValidationIssue[];

  constructor(schema: string, issues: readonly ValidationIssue[]) {
    super(`${schema}: ${issues.map((issue) => issue.message).join("; ")}`);
    this.schema = schema;
    this.issues = issues;
  }
}

/**
 * Only the `validate` of a {@link Validator}: all a caller that checks a value needs, without the
 * schema's name, `is`, `assert` and Standard Schema (what `BestSMS` runs before each request).
 */
export interface Check<T> {
  /** Validates a value; never throws. */
  validate(value: unknown): ValidationResult<T>;
}

/** The parameter and body checks of one operation. */
export interface OperationChecks {
  /** Checks the path and query parameters, by wire name. */
  readonly params?: Check<unknown> | undefined;
  /** Checks the JSON body as sent (wire names, envelope included). */
  readonly body?: Check<unknown> | undefined;
}

function createCheck<T>(check: RawValidate): Check<T> {
  return {
    validate: (value) =>
      check(value) ? { value: value as T } : { issues: toIssues(check.errors ?? [], value) },
  };
}

/** Wraps each operation's generated validator functions in {@link Check}. */
export function createChecks(
  table: Readonly<Record<string, { readonly params?: RawValidate; readonly body?: RawValidate }>>,
): { readonly [id: string]: OperationChecks } {
  const out: Record<string, OperationChecks> = {};
  for (const [id, { params, body }] of Object.entries(table)) {
    out[id] = { params: params && createCheck(params), body: body && createCheck(body) };
  }
  return out;
}

/** Wraps a generated validator function in the public {@link Validator} interface. */
export function createValidator<T>(name: string, check: RawValidate): Validator<T> {
  const { validate } = createCheck<T>(check);
  return {
    name,
    "~standard": { version: 1, vendor: "bestsms", validate },
    validate,
    is: (value: unknown): value is T => check(value),
    assert(value: unknown): asserts value is T {
      const result = validate(value);
      if (result.issues) throw new SchemaValidationError(name, result.issues);
    },
  };
}
