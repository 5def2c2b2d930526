#!/usr/bin/env node
/**
 * `pnpm spec:diff [--since <git ref>] [--dry-run]`
 *
 * Compares spec/bestsms.openapi.yaml in the working tree with the same file at `--since` (default
 * `HEAD`), prints every change (kind, where, what) and writes `.changeset/spec-<hash>.md` with the
 * bump of every package the changes reach. `--dry-run` prints the changeset instead of writing it.
 * Nothing is written when the spec did not change. Exits 0 unless the spec cannot be read or parsed.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseSpec } from "@bestsms/spec-model";
import { bumpsFor, diffSpecs, formatChangeset, formatTable } from "./spec-diff.js";

const SPEC = "spec/bestsms.openapi.yaml";

interface Args {
  readonly since: string;
  readonly dryRun: boolean;
}

function parseArgs(argv: readonly string[]): Args {
  let since = "HEAD";
  let dryRun = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--dry-run") dryRun = true;
    else if (arg === "--since") {
      const value = argv[++i];
      if (!value) throw new Error("--since needs a git ref");
      since = value;
    } else if (arg?.startsWith("--since=")) since = arg.slice("--since=".length);
    else if (arg === "--") continue;
    else throw new Error(`unknown argument: ${arg} (usage: spec:diff [--since <ref>] [--dry-run])`);
  }
  return { since, dryRun };
}

function git(cwd: string, args: readonly string[]): string {
  return execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

/** The packages (by name) whose version in packages/<name>/package.json is 0.x. */
function zeroMajorPackages(root: string, names: readonly string[]): string[] {
  return names.filter((name) => {
    const file = join(root, "packages", name.replace(/^@bestsms\//, ""), "package.json");
    if (!existsSync(file)) return false;
    const version = (JSON.parse(readFileSync(file, "utf8")) as { version?: string }).version;
    return typeof version === "string" && version.startsWith("0.");
  });
}

function main(argv: readonly string[], cwd: string = process.cwd()): number {
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  const root = git(cwd, ["rev-parse", "--show-toplevel"]).trim();
  let oldText: string;
  try {
    oldText = git(root, ["show", `${args.since}:${SPEC}`]);
  } catch (error) {
    console.error(
      `cannot read ${SPEC} at ${args.since}: ${(error as Error).message.split("\n")[0]}`,
    );
    return 1;
  }
  const newText = readFileSync(join(root, SPEC), "utf8");
  const changes =
    oldText === newText
      ? []
      : diffSpecs(parseSpec(`${args.since}:${SPEC}`, oldText), parseSpec(SPEC, newText));
  if (changes.length === 0) {
    console.log(`spec:diff: no changes to ${SPEC} since ${args.since}; no changeset written.`);
    return 0;
  }
  console.log(formatTable(changes));
  console.log("");
  const bumps = bumpsFor(changes);
  const changeset = formatChangeset(changes, {
    since: args.since,
    zeroMajor: zeroMajorPackages(root, [...bumps.keys()]),
  });
  if (args.dryRun) {
    console.log(changeset);
    return 0;
  }
  const hash = createHash("sha256").update(newText).digest("hex").slice(0, 8);
  const dir = join(root, ".changeset");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `spec-${hash}.md`);
  writeFileSync(file, changeset);
  console.log(
    `spec:diff: wrote ${file.slice(root.length + 1)} (${[...bumps].map(([p, b]) => `${p} ${b}`).join(", ")})`,
  );
  return 0;
}

process.exitCode = main(process.argv.slice(2));
