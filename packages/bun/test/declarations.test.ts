// What a consumer's tsc sees: the published declarations must not need bun-types (nor Node's).

import { expect, it } from "vitest";
import { checkDeclarations } from "../../../tools/test-kit/src/declarations.js";

it("dist/index.d.ts type-checks with no Bun or Node types", () => {
  const { problems, runtimeTypes } = checkDeclarations(
    new URL("../dist/index.d.ts", import.meta.url),
  );
  expect(problems).toEqual([]);
  expect(runtimeTypes).toEqual([]);
});
