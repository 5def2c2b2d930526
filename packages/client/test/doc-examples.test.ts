// The `@example` blocks of the generated methods and functions are made from the spec's examples;
// this compiles every one of them against the package's types, so an example with a wrong input
// name or shape fails here instead of misleading a reader.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const sources = ["src/generated/functions.gen.ts", "src/generated/operations.gen.ts"];

/** The code of every ```ts block inside the doc comments of a file. */
function examples(file: string): string[] {
  const text = readFileSync(join(root, file), "utf8");
  const blocks: string[] = [];
  for (const match of text.matchAll(/```ts\n([\s\S]*?)\n\s*\* ```/g)) {
    const body = match[1] ?? "";
    blocks.push(
      body
        .split("\n")
        .map((line) => line.replace(/^\s*\* ?/, ""))
        .join("\n"),
    );
  }
  return blocks;
}

/** Type errors of a program made of the examples, each in its own async function. */
function compile(blocks: readonly string[]): string[] {
  const dir = mkdtempSync(join(root, "test", ".examples-"));
  try {
    const file = join(dir, "examples.ts");
    writeFileSync(
      file,
      [
        'import * as sdk from "../../src/index.js";',
        "const { BestSMS, BestSMSCore, ...functions } = sdk;",
        "declare const client: InstanceType<typeof BestSMS>;",
        "declare const core: InstanceType<typeof BestSMSCore>;",
        "const {",
        ...Object.keys(functionsOf()).map((name) => `  ${name},`),
        "} = functions;",
        ...blocks.map((code, i) => `export async function example${i}() {\n${code}\n}`),
      ].join("\n"),
    );
    const config = ts.getParsedCommandLineOfConfigFile(
      join(root, "tsconfig.json"),
      {},
      {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: () => {},
      },
    );
    if (!config) throw new Error("tsconfig.json could not be read");
    const program = ts.createProgram([file], { ...config.options, noEmit: true });
    return ts
      .getPreEmitDiagnostics(program)
      .filter((d) => d.file?.fileName === file)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The standalone functions the examples call, by name. */
function functionsOf(): Record<string, true> {
  const text = readFileSync(join(root, "src/generated/functions.gen.ts"), "utf8");
  return Object.fromEntries(
    [...text.matchAll(/^export function (\w+)/gm)].map((m) => [m[1], true]),
  );
}

describe("doc-comment examples of the generated API", () => {
  const blocks = sources.flatMap(examples);

  it("exist for every operation, as a method and as a function, and for every paged list", () => {
    // 26 operations × (method + function), 7 paged lists × (listAll + …All function).
    expect(blocks.length).toBe(26 * 2 + 7 * 2);
  });

  it("compile against the package's types", () => {
    expect(compile(blocks)).toEqual([]);
  }, 60_000);

  it("a wrong input name in an example is a type error", () => {
    const wrong =
      "const result = await client.messaging.sms.sendMessage({ Text: 'x', Recipients: '+61421111111' });";
    expect(compile([wrong]).join("\n")).toMatch(/Text/);
  }, 60_000);
});
