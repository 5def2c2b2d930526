// `pnpm release`: build every package, run every check, publish what changesets versioned to npm,
// then publish @bestsms/deno to JSR. Run it after `pnpm version-packages` has been committed: it
// refuses while changesets are pending.
import { existsSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { changesetBin, runInherit } from "./run.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");

function step(title: string, command: string, args: string[], cwd = root, after = ""): void {
  console.log(`\n▶ ${title}: ${command} ${args.join(" ")}`);
  const code = runInherit(command, args, cwd);
  if (code !== 0) {
    console.error(`✖ ${title} failed (exit ${code}); ${after || "nothing was published"}`);
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
step("publish to npm", process.execPath, [changesetBin, "publish"]);
// JSR after npm: the Deno package imports the other packages from npm at the versions just
// published. `deno publish` skips a version JSR already has; it authenticates through GitHub
// Actions' OIDC token (permission `id-token: write`) or, run by hand, in the browser.
const denoPackage = join(root, "packages", "deno");
step(
  "publish to JSR",
  join(denoPackage, "node_modules", ".bin", "deno"),
  ["publish"],
  denoPackage,
  "npm has the new versions; run `pnpm release` again once JSR can be reached (npm skips what it has)",
);
