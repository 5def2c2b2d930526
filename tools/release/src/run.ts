import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command to completion, capturing its output (never through a shell). */
export function run(
  command: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = process.env,
): RunResult {
  const result = spawnSync(command, args, { cwd, env, encoding: "utf8" });
  if (result.error) throw result.error;
  return { code: result.status ?? 1, stdout: result.stdout, stderr: result.stderr };
}

/** Runs a command with its output on this process's terminal; resolves to its exit code. */
export function runInherit(command: string, args: string[], cwd: string): number {
  const result = spawnSync(command, args, { cwd, stdio: "inherit" });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

/** The changesets CLI this package depends on, run with the current Node. */
export const changesetBin: string = createRequire(import.meta.url).resolve(
  "@changesets/cli/bin.js",
);
