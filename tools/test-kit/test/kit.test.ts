import { describe, expect, it } from "vitest";
import { comparePublicApi } from "../src/public-api.js";
import { isNodeBuiltin } from "../src/worker-bundle.js";

describe("comparePublicApi", () => {
  const shared = { a: 1, b: 2 };
  it("names what is the package's own, what it replaced and what it left out", () => {
    expect(comparePublicApi({ a: 1, b: 3, z: 0, y: 0 }, [shared, { c: 4 }])).toEqual({
      own: ["y", "z"],
      replaced: ["b"],
      missing: ["c"],
    });
  });

  it("a later shared package's export wins, as in a re-export", () => {
    expect(comparePublicApi({ a: 5, b: 2 }, [shared, { a: 5 }]).replaced).toEqual([]);
  });
});

describe("isNodeBuiltin", () => {
  it.each([
    ["node:fs", true],
    ["fs", true],
    ["fs/promises", true],
    ["@bestsms/client", false],
    ["openapi-fetch", false],
  ])("%s: %s", (specifier, expected) => {
    expect(isNodeBuiltin(specifier)).toBe(expected);
  });
});
