import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { generate } from "@bestsms/codegen";
import { parseSpec } from "@bestsms/spec-model";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";
import { diffSpecs } from "../src/spec-diff.js";

/**
 * The type-level safety net under the spec-diff rules: `test/compat/usage.ts` is code written
 * against the client's generated types. It compiles against the types in the tree, and fails to
 * compile against types generated from a spec with a breaking change — so a break the rules missed
 * would still fail the build of code like it.
 */

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, "..", "..", "..");
const SPEC = "spec/bestsms.openapi.yaml";
const USAGE = "tools/release/test/compat/usage.ts";
const specText = readFileSync(join(repo, SPEC), "utf8");

const OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  moduleDetection: ts.ModuleDetectionKind.Force,
  strict: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  verbatimModuleSyntax: true,
  isolatedModules: true,
  skipLibCheck: true,
  noEmit: true,
  types: [],
};

interface Diagnostic {
  readonly code: number;
  readonly file: string | undefined;
  readonly message: string;
}

/**
 * Type-checks the usage code under `root` (a repository layout). The client's generated types take
 * the wire types from `@bestsms/validation`; that name is mapped to the generated file under `root`.
 */
function check(root: string): Diagnostic[] {
  const wire = join(root, "packages/validation/src/generated/api.gen.ts");
  const program = ts.createProgram([join(root, USAGE)], {
    ...OPTIONS,
    paths: { "@bestsms/validation": [wire] },
  });
  return ts.getPreEmitDiagnostics(program).map((d) => ({
    code: d.code,
    file: d.file ? d.file.fileName.slice(root.length + 1) : undefined,
    message: ts.flattenDiagnosticMessageText(d.messageText, "\n"),
  }));
}

const temps: string[] = [];

/** Generates the client's types from `text` into a temporary repository layout with the usage code. */
async function generateInto(text: string): Promise<string> {
  const files = await generate(parseSpec(SPEC, text), { root: repo, specName: SPEC });
  const root = mkdtempSync(join(tmpdir(), "spec-compat-"));
  temps.push(root);
  writeFileSync(join(root, "package.json"), '{ "type": "module" }\n');
  const copy = (path: string, content?: string): void => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    if (content === undefined) copyFileSync(join(repo, path), join(root, path));
    else writeFileSync(join(root, path), content);
  };
  for (const file of files) copy(file.path, file.content);
  copy("packages/client/src/internal/types.ts");
  copy(USAGE);
  return root;
}

function mutate(from: string, to: string): string {
  const out = specText.replace(from, to);
  if (out === specText) throw new Error(`the spec no longer contains: ${from}`);
  return out;
}

/** The send response without `MessageID`: a response field removed. */
const RESPONSE_FIELD_REMOVED = mutate(
  "        MessageID:\n          type: string\n          description: The message's MessageID - yours, or the UUID the service made.\n",
  "",
);
/** The send's `Message` taken as `Text` instead of `MessageText`: an input renamed. */
const INPUT_RENAMED = mutate(
  "          x-bestsms-input:\n            name: MessageText\n",
  "          x-bestsms-input:\n            name: Text\n",
);

afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

describe("usage code against generated client types", () => {
  it("compiles against the types in the tree", () => {
    expect(check(repo)).toEqual([]);
  });

  it("compiles against types generated from the unchanged spec", async () => {
    expect(check(await generateInto(specText))).toEqual([]);
  });

  it("fails to compile when a response field is removed", async () => {
    const errors = check(await generateInto(RESPONSE_FIELD_REMOVED));
    expect(errors.map((e) => [e.file, e.code])).toEqual([[USAGE, 2339]]);
    expect(errors[0]?.message).toContain("Property 'MessageID' does not exist");
    // The rules call it breaking too.
    const changes = diffSpecs(parseSpec("a", specText), parseSpec("b", RESPONSE_FIELD_REMOVED));
    expect(changes.filter((c) => c.kind === "breaking").map((c) => c.where)).toEqual([
      "messaging.sms.sendMessage output.MessageID",
    ]);
  });

  it("fails to compile when an input is renamed through x-bestsms-input", async () => {
    const errors = check(await generateInto(INPUT_RENAMED));
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((e) => e.file === USAGE)).toBe(true);
    expect(errors.map((e) => e.message).join("\n")).toContain("'MessageText' does not exist");
    const changes = diffSpecs(parseSpec("a", specText), parseSpec("b", INPUT_RENAMED));
    expect(changes.filter((c) => c.kind === "breaking").map((c) => c.where)).toEqual([
      "messaging.sms.sendMessage input.MessageText",
    ]);
  });
});
