// What a consumer's tsc sees: the published declarations must not need Deno's or Node's types.

import { expect, it } from "vitest";
// Node's types, which this package does not list itself, come with vitest's.
import type {} from "vitest/node";
import { checkDeclarations } from "../../../tools/test-kit/src/declarations.js";

it("dist/index.d.ts type-checks with no Deno or Node types", () => {
  const { problems, runtimeTypes } = checkDeclarations(
    new URL("../dist/index.d.ts", import.meta.url),
  );
  expect(problems).toEqual([]);
  expect(runtimeTypes).toEqual([]);
});
