/// <reference types="bun-types" />

/** The `Bun` global; throws a clear error outside Bun (importing this package is fine anywhere). */
export function bunRuntime(): typeof Bun {
  if (typeof Bun === "undefined") {
    throw new TypeError("@bestsms/bun needs the Bun runtime (no `Bun` global here)");
  }
  return Bun;
}
