// `pnpm bench`: runs every *.bench.ts here in turn, each in its own process, and fails when
// any of them reports a figure over its budget.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))
  .sort();
let failed = 0;
for (const file of files) {
  const result = spawnSync(process.execPath, ["--import", "tsx", join(here, file)], {
    cwd: here,
    stdio: "inherit",
  });
  if (result.status !== 0) failed++;
  console.log("");
}
console.log(`bench: ${files.length} benchmarks, ${failed} over budget or failed`);
process.exitCode = failed === 0 ? 0 : 1;
