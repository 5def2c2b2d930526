// `pnpm release`: build every package, run every check, then publish what changesets versioned.
// Run it after `pnpm version-packages` has been committed: it refuses while changesets are pending.
import { existsSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { changesetBin, runInherit } from "./run.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");

function step(title: string, command: string, args: string[]): void {
  console.log(`\n▶ ${title}: ${command} ${args.join(" ")}`);
  const code = runInherit(command, args, root);
  if (code !== 0) {
    console.error(`✖ ${title} failed (exit ${code}); nothing was published`);
    process.exit(code);
  }
}

const changesetDir = join(root, ".changeset");
const pending = existsSync(changesetDir)
  ? readdirSync(changesetDir).filter((file) => file.endsWith(".md") && file !== "README.md")
  : [];
if (pending.length > 0) {
  console.error(
    `✖ ${pending.length} changeset(s) not yet versioned (${pending.join(", ")}): ` +
      "run `pnpm version-packages`, review and commit, then `pnpm release`",
  );
  process.exit(1);
}

step("build", "pnpm", ["exec", "turbo", "run", "build", "--output-logs=errors-only"]);
step("checks", "pnpm", ["test"]);
step("publish", process.execPath, [changesetBin, "publish"]);
