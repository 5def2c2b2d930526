// The suite's assert library: enough for the cases, with no node:assert (absent from workerd and
// the edge-runtime VM).

/** A tiny assert. */
export interface Assert {
  ok(value: unknown, message?: string): asserts value;
  equal(actual: unknown, expected: unknown, message?: string): void;
  deepEqual(actual: unknown, expected: unknown, message?: string): void;
  /** Awaits a promise that must reject with an instance of `type`; returns the error. */
  rejects<E>(
    promise: Promise<unknown>,
    type: abstract new (...args: never[]) => E,
    message?: string,
  ): Promise<E>;
}

export class AssertionError extends Error {
  override readonly name = "AssertionError";
}

/** A value as the messages show it: JSON where it can be. */
export function show(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function same(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  const recordB = b as Record<string, unknown>;
  return keysA.every(
    (key) => Object.hasOwn(b, key) && same((a as Record<string, unknown>)[key], recordB[key]),
  );
}

export const assert: Assert = {
  ok(value, message) {
    if (!value) throw new AssertionError(message ?? `expected a truthy value, got ${show(value)}`);
  },
  equal(actual, expected, message) {
    if (!Object.is(actual, expected)) {
      throw new AssertionError(
        `${message ? `${message}: ` : ""}expected ${show(expected)}, got ${show(actual)}`,
      );
    }
  },
  deepEqual(actual, expected, message) {
    if (!same(actual, expected)) {
      throw new AssertionError(
        `${message ? `${message}: ` : ""}expected ${show(expected)}, got ${show(actual)}`,
      );
    }
  },
  async rejects(promise, type, message) {
    let settled: unknown;
    try {
      settled = await promise;
    } catch (error) {
      if (error instanceof type) return error;
      const name = error instanceof Error ? `${error.name}: ${error.message}` : show(error);
      throw new AssertionError(
        `${message ? `${message}: ` : ""}expected ${type.name}, got ${name}`,
      );
    }
    throw new AssertionError(
      `${message ? `${message}: ` : ""}expected ${type.name}, but it resolved to ${show(settled)}`,
    );
  },
};
