// What a consumer's tsc sees: the published declarations must not need Node types: the edge has none.

import { expect, it } from "vitest";
import { checkDeclarations } from "../../../tools/test-kit/src/declarations.js";

it("dist/index.d.ts type-checks with no Node types", () => {
  const { problems, runtimeTypes } = checkDeclarations(
    new URL("../dist/index.d.ts", import.meta.url),
  );
  expect(problems).toEqual([]);
  expect(runtimeTypes).toEqual([]);
});
