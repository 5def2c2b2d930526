// Every TypeScript block of every README compiles against the built packages' types under the
// project's strict settings (strict, noUncheckedIndexedAccess, exactOptionalPropertyTypes), each
// block as its own module. A block that continues an earlier one, or that uses a runtime's
// globals (Bun, Deno, a Worker's waitUntil), says what it assumes in an HTML comment right before
// it, which readers of the rendered README do not see:
//
//   <!-- typecheck
//   declare const client: import("@bestsms/client").BestSMS;
//   -->
//
// The assumptions are declarations only: what the block itself does is checked as written.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { root } from "../src/build.js";
import { runProcess } from "../src/process.js";

const repo = join(root, "..", "..");
const work = join(root, ".readme-types");

interface Block {
  /** `packages/client/README.md #2` */
  readonly name: string;
  readonly file: string;
  /** The README line the block starts on. */
  readonly line: number;
  readonly code: string;
  readonly context: string;
}

/** The READMEs users read: the root one and every package's. */
function readmes(): string[] {
  const packages = join(repo, "packages");
  return [
    join(repo, "README.md"),
    ...readdirSync(packages).map((name) => join(packages, name, "README.md")),
  ];
}

const FENCE = /(?:<!--\s*typecheck\s*\n([\s\S]*?)-->\s*\n)?```(ts|typescript)\n([\s\S]*?)```/g;

function blocksOf(path: string): Block[] {
  const text = readFileSync(path, "utf8");
  const name = relative(repo, path);
  return [...text.matchAll(FENCE)].map((match, i) => ({
    name: `${name} #${i + 1}`,
    file: `${name.replace(/[/.]/g, "_")}_${i + 1}.ts`,
    line: text.slice(0, match.index).split("\n").length,
    context: match[1] ?? "",
    code: match[3] ?? "",
  }));
}

const blocks = readmes().flatMap(blocksOf);

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe("README code blocks", () => {
  it("there are blocks to check in the packages' READMEs", () => {
    expect(blocks.length).toBeGreaterThanOrEqual(12);
  });

  it("no block works around a missing value the API always returns", () => {
    for (const block of blocks) {
      expect(block.code, block.name).not.toMatch(/\b(MessageID|Recipients|Contact|Group)\s*\?\?/);
      expect(block.code, block.name).not.toMatch(/\?\.\s*(MessageID|Recipients|Status)\b/);
    }
  });

  it("every block compiles under strict, noUncheckedIndexedAccess and exactOptionalPropertyTypes", async () => {
    rmSync(work, { recursive: true, force: true });
    mkdirSync(work, { recursive: true });
    const lineOf = new Map<string, Block>();
    for (const block of blocks) {
      // The context comes first, on lines of its own; `export {}` keeps each block a module.
      writeFileSync(join(work, block.file), `${block.context}${block.code}\nexport {};\n`);
      lineOf.set(block.file, block);
    }
    writeFileSync(
      join(work, "tsconfig.json"),
      JSON.stringify({
        extends: "../../../tsconfig.base.json",
        compilerOptions: { lib: ["ES2022", "DOM"], types: ["node"], noUnusedLocals: false },
        include: ["*.ts"],
      }),
    );
    const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
    const result = await runProcess(process.execPath, [tsc, "-p", join(work, "tsconfig.json")], {
      cwd: work,
      timeoutMs: 100_000,
    });
    // Name each error by its README and line there.
    const errors = result.output
      .split("\n")
      .filter((line) => /error TS\d+/.test(line))
      .map((line) => {
        const found = /^([^(]+)\((\d+),(\d+)\): (.*)$/.exec(line);
        const block = found ? lineOf.get(found[1] ?? "") : undefined;
        if (!found || !block) return line;
        const inBlock = Number(found[2]) - block.context.split("\n").length + 1;
        return `${block.name} (README line ${block.line + inBlock}): ${found[4]}`;
      });
    expect(errors).toEqual([]);
    expect(result.code).toBe(0);
  }, 120_000);
});
