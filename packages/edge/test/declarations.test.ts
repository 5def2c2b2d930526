// What a consumer's tsc sees: the published declarations must not need Node types: the edge has none.
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { expect, it } from "vitest";

it("dist/index.d.ts type-checks with no Node types", () => {
  const program = ts.createProgram(
    [fileURLToPath(new URL("../dist/index.d.ts", import.meta.url))],
    {
      strict: true,
      exactOptionalPropertyTypes: true,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
      types: [],
      skipLibCheck: false,
      skipDefaultLibCheck: true,
      noEmit: true,
    },
  );
  const problems = ts
    .getPreEmitDiagnostics(program)
    .map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
  expect(problems).toEqual([]);
  const loaded = program.getSourceFiles().map((file) => file.fileName);
  expect(loaded.filter((name) => /bun-types|@types\/node/.test(name))).toEqual([]);
});
