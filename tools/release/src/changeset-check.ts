// Fails when a published package changed since the base branch without a changeset.
// `tsx tools/release/src/changeset-check.ts [--cwd <repo>] [--base <ref>]`
// The base is `origin/main` unless given. With no base to compare against (a fresh clone without
// the remote branch, or a repository with no remote), the check is skipped with the reason printed.
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { changesetBin, run } from "./run.js";

export interface ChangesetCheckResult {
  /** 0: every changed package has a changeset, or the check was skipped; otherwise non-zero. */
  code: number;
  skipped?: string;
  output: string;
}

export function changesetCheck(options: { cwd: string; base?: string }): ChangesetCheckResult {
  const { cwd } = options;
  const base = options.base ?? "origin/main";
  const inGit = run("git", ["rev-parse", "--is-inside-work-tree"], cwd);
  if (inGit.code !== 0) {
    return { code: 0, skipped: `${cwd} is not a git work tree`, output: "" };
  }
  const hasBase = run("git", ["rev-parse", "--verify", "--quiet", `${base}^{commit}`], cwd);
  if (hasBase.code !== 0) {
    return { code: 0, skipped: `there is no ${base} to compare against`, output: "" };
  }
  const status = run(process.execPath, [changesetBin, "status", `--since=${base}`], cwd);
  return { code: status.code, output: `${status.stdout}${status.stderr}` };
}

function parseArgs(argv: string[]): { cwd: string; base?: string } {
  let cwd = process.cwd();
  let base: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = argv[i + 1];
    if ((arg === "--cwd" || arg === "--base") && value !== undefined) {
      if (arg === "--cwd") cwd = resolve(value);
      else base = value;
      i++;
    } else {
      throw new Error(`changeset-check: unknown argument ${arg}`);
    }
  }
  return base === undefined ? { cwd } : { cwd, base };
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const result = changesetCheck(parseArgs(process.argv.slice(2)));
  if (result.skipped !== undefined) {
    console.log(`changeset check skipped: ${result.skipped}`);
  } else {
    process.stdout.write(result.output);
    if (result.code !== 0) {
      console.error(
        "changeset check failed: a published package changed without a changeset; run `pnpm changeset`",
      );
    }
  }
  process.exit(result.code);
}
