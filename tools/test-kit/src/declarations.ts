// What a consumer's tsc sees of a runtime package: its published declarations must type-check
// with no runtime's own types (Node's, Bun's, Deno's) in the program.
import { fileURLToPath } from "node:url";
import ts from "typescript";

/** What checking a package's declarations found. */
export interface DeclarationCheck {
  /** tsc's messages; none when the declarations stand on their own. */
  problems: string[];
  /** Files of bun-types or @types/node the program loaded; none when nothing pulled them in. */
  runtimeTypes: string[];
}

/** Type-checks `entry` (a package's `dist/index.d.ts`) strictly, with no ambient types. */
export function checkDeclarations(entry: URL): DeclarationCheck {
  const program = ts.createProgram([fileURLToPath(entry)], {
    strict: true,
    exactOptionalPropertyTypes: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
    types: [],
    skipLibCheck: false,
    skipDefaultLibCheck: true,
    noEmit: true,
  });
  return {
    problems: ts
      .getPreEmitDiagnostics(program)
      .map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n")),
    runtimeTypes: program
      .getSourceFiles()
      .map((file) => file.fileName)
      .filter((name) => /bun-types|@types\/node/.test(name)),
  };
}
