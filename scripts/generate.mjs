// `pnpm generate` runs the generator through turbo (cached on the spec and the generator's
// sources); `pnpm generate --check` runs its check task, which also hashes the generated files,
// so a hand edit or a stale file is never hidden by the cache.
import { spawnSync } from "node:child_process";

const args = process.argv.slice(2);
const unknown = args.filter((a) => a !== "--check");
if (unknown.length > 0) {
  console.error(`generate: unknown argument ${unknown.join(" ")} (only --check is known)`);
  process.exit(2);
}
const task = args.includes("--check") ? "generate:check" : "generate";
const result = spawnSync("turbo", ["run", task, "--output-logs=new-only", "--log-prefix=none"], {
  stdio: "inherit",
  shell: process.platform === "win32",
});
process.exit(result.status ?? 1);
