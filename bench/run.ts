// `pnpm bench`: runs every *.bench.ts here in turn, each in its own process, fails when any of
// them reports a figure over its budget, and, after a full run, writes the rows they report to
// RESULTS.md with the machine and the date.
import { spawnSync } from "node:child_process";
import { readdirSync, writeFileSync } from "node:fs";
import { arch, cpus, totalmem, type } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { RESULT_PREFIX, type ResultRow } from "./results.js";

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))
  .sort();
let failed = 0;
const rows: ResultRow[] = [];
for (const file of files) {
  const result = spawnSync(process.execPath, ["--import", "tsx", join(here, file)], {
    cwd: here,
    stdio: ["inherit", "pipe", "inherit"],
    encoding: "utf8",
  });
  for (const line of (result.stdout ?? "").split("\n")) {
    if (line.startsWith(RESULT_PREFIX)) rows.push(JSON.parse(line.slice(RESULT_PREFIX.length)));
    else if (line !== "") console.log(line);
  }
  if (result.status !== 0) failed++;
  console.log("");
}
console.log(`bench: ${files.length} benchmarks, ${failed} over budget or failed`);
process.exitCode = failed === 0 ? 0 : 1;

if (only.length === 0) {
  writeFileSync(join(here, "RESULTS.md"), results(rows));
  console.log("bench: wrote bench/RESULTS.md");
}

/** RESULTS.md: the machine, the date and a table of every row, columns aligned. */
function results(list: readonly ResultRow[]): string {
  const header = ["benchmark", "figure", "baseline in the same run", "ratio", "goal"];
  const cells = list.map((r) => [r.benchmark, r.figure, r.baseline, r.ratio, r.goal]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? "").length)));
  const line = (c: readonly string[]): string =>
    `| ${c.map((v, i) => v.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  const machine = `${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, ${type()} ${arch()}, Node ${process.version}`;
  return [
    "# Benchmark results",
    "",
    "The latest figures of `pnpm bench` (every `bench/*.bench.ts`, each ratio measured against its",
    "baseline in the same run), written by `bench/run.ts` after a full run.",
    `Machine: ${machine}; measured ${new Date().toISOString().slice(0, 10)}.`,
    "",
    line(header),
    `| ${widths.map((w) => "-".repeat(w)).join(" | ")} |`,
    ...cells.map(line),
    "",
    "Run one alone: `pnpm --filter @bestsms/bench exec node --import tsx run.ts <name>` (after",
    "`pnpm build`); that does not rewrite this file. Size budgets are tests, not benchmarks: see",
    "`tools/release/size-budgets.md`.",
    "",
  ].join("\n");
}
