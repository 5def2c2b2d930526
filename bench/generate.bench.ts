// Wall time of a full regeneration of the real spec (`bestsms-codegen`, writing every file),
// against the cost of starting the same runtime with nothing to do, measured in the same run.
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { grouped, median, report } from "./results.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const tsx = join(root, "node_modules/.bin/tsx");
const runs = Number(process.env.BENCH_RUNS ?? 5);

function time(args: string[]): number {
  const started = performance.now();
  const result = spawnSync(tsx, args, { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
  if (result.status !== 0) throw new Error(`${args.join(" ")} exited ${result.status}`);
  return performance.now() - started;
}

const baseline: number[] = [];
const generate: number[] = [];
for (let i = 0; i < runs; i++) {
  baseline.push(time(["-e", "0"]));
  generate.push(time(["tools/codegen/src/cli.ts"]));
}
const g = median(generate);
const b = median(baseline);
console.log(`generate: full regeneration of spec/bestsms.openapi.yaml, median of ${runs}`);
console.log(`  tsx -e 0 (baseline)   ${b.toFixed(0)} ms`);
console.log(
  `  bestsms-codegen       ${g.toFixed(0)} ms  (${(g / b).toFixed(2)}x baseline; budget 3000 ms)`,
);
report({
  benchmark: "`generate`: full regeneration of the spec",
  figure: `${grouped(g)} ms`,
  baseline: `\`tsx -e 0\` ${grouped(b)} ms`,
  ratio: `${(g / b).toFixed(2)}×`,
  goal: "≤ 3,000 ms",
});
if (g > 3000) {
  console.error("generate: over the 3 s budget");
  process.exitCode = 1;
}
