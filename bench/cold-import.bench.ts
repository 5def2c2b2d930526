// Cold start: a fresh Node process importing @bestsms/node (the built package) against a fresh
// `node -e 0`, alternating, in the same run. Goal: at most 20 ms over the bare process, as the
// median of the paired differences.
import { spawnSync } from "node:child_process";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { median, report } from "./results.js";

const here = dirname(fileURLToPath(import.meta.url));
const runs = Number(process.env.BENCH_RUNS ?? 21);
const GOAL_MS = 20;

function time(args: string[]): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, args, { cwd: here, stdio: "ignore" });
  if (result.status !== 0) throw new Error(`node ${args.join(" ")} exited ${result.status}`);
  return performance.now() - started;
}

const bare: number[] = [];
const sdk: number[] = [];
const script =
  'import("@bestsms/node").then((m) => { if (typeof m.BestSMS !== "function") process.exit(1); })';
time(["-e", script]); // warm the file cache
for (let i = 0; i < runs; i++) {
  // Each pair in turn order, so neither side is always the one run right after the other.
  if (i % 2 === 0) {
    bare.push(time(["-e", "0"]));
    sdk.push(time(["-e", script]));
  } else {
    sdk.push(time(["-e", script]));
    bare.push(time(["-e", "0"]));
  }
}
const b = median(bare);
const s = median(sdk);
// The figure is the median of the paired differences (each import against the bare process run
// next to it), so that a stretch when the machine is slow moves both sides of a pair.
const d = median(sdk.map((ms, i) => ms - (bare[i] as number)));
const signed = (ms: number): string => `${ms < 0 ? "−" : "+"}${Math.abs(ms).toFixed(1)} ms`;
console.log(`cold import: median of ${runs} fresh processes`);
console.log(`  node -e 0                 ${b.toFixed(1)} ms (baseline)`);
console.log(
  `  import("@bestsms/node")   ${s.toFixed(1)} ms  (${signed(d)} paired, ${((b + d) / b).toFixed(2)}x)`,
);
report({
  benchmark: '`cold-import`: `import("@bestsms/node")` in a fresh process',
  figure: `${s.toFixed(1)} ms`,
  baseline: `\`node -e 0\` ${b.toFixed(1)} ms`,
  ratio: `${((b + d) / b).toFixed(2)}× (${signed(d)})`,
  goal: `≤ +${GOAL_MS} ms`,
});
if (d > GOAL_MS) {
  console.error(`cold import: goal missed (${signed(d)} over node -e 0, goal +${GOAL_MS} ms)`);
  process.exitCode = 1;
}
