// Fails when a test file asserts wall-clock time (see check-test-timing.ts). Run from the root
// `pnpm test`, before the packages' tests, over the test files git knows about in the repository
// holding the current directory, or the one given as the first argument.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { findTimeAssertions, isTestFile } from "./check-test-timing.js";

const root = execFileSync("git", ["rev-parse", "--show-toplevel"], {
  cwd: process.argv[2] ?? process.cwd(),
  encoding: "utf8",
}).trim();
const files = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard"], {
  cwd: root,
  encoding: "utf8",
})
  .split("\n")
  .filter((file) => isTestFile(file) && existsSync(join(root, file)));
const found = files.flatMap((file) =>
  findTimeAssertions(readFileSync(join(root, file), "utf8"), file),
);
for (const { file, line, text } of found) console.error(`${file}:${line}: ${text}`);
if (found.length > 0) {
  console.error(
    `\n${found.length} assertion(s) on wall-clock time. Bound what can be counted (calls, bytes, ` +
      "attempts), or move the figure into bench/; a deadline that throws when a wait hangs is fine.",
  );
  process.exit(1);
}
console.log(`test timing: ${files.length} test files, no assertion on wall-clock time`);
