#!/usr/bin/env node
// Installs the SDK's packages into another project from this checkout, until they are on the
// registry: builds the workspace, packs every published package (`pnpm pack`, which turns
// `workspace:^` into versions), then installs the tarballs in the project with npm (or
// `--pm pnpm`), pinning every @bestsms/* dependency to its tarball with `overrides`.
//
//   pnpm pack:install ../my-app                 # every package, npm install in ../my-app
//   pnpm pack:install ../my-app @bestsms/node   # only these (`node` works too), and what they need
//   pnpm pack:install ../my-app --pm pnpm       # pnpm install instead of npm install
//   pnpm pack:install ../my-app --no-build      # use the dist folders as they are
//   pnpm pack:install ../my-app --prefer-offline  # take registry packages from the cache when there
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const repo = dirname(dirname(fileURLToPath(import.meta.url)));
const args = process.argv.slice(2);
const positional = args.filter((a, i) => !a.startsWith("--") && args[i - 1] !== "--pm");
const [target, ...wanted] = positional;
const pmAt = args.indexOf("--pm");
const pm = pmAt >= 0 ? args[pmAt + 1] : "npm";
const offline = args.includes("--prefer-offline");

if (!target || (pm !== "npm" && pm !== "pnpm")) {
  console.error(
    "usage: pnpm pack:install <project directory> [package…] [--pm npm|pnpm] [--no-build] [--prefer-offline]",
  );
  process.exit(2);
}

function run(command, commandArgs, cwd) {
  const result = spawnSync(command, commandArgs, {
    cwd,
    stdio: "inherit",
    shell: process.platform === "win32",
  });
  if (result.status !== 0) {
    console.error(`pack:install: ${command} ${commandArgs.join(" ")} failed in ${cwd}`);
    process.exit(result.status ?? 1);
  }
}

const project = resolve(target);
mkdirSync(project, { recursive: true });
const manifestPath = join(project, "package.json");
if (!existsSync(manifestPath)) {
  writeFileSync(
    manifestPath,
    `${JSON.stringify({ name: "bestsms-app", private: true, type: "module" }, null, 2)}\n`,
  );
}

if (!args.includes("--no-build"))
  run("pnpm", ["exec", "turbo", "run", "build", "--output-logs=errors-only"], repo);

const packages = readdirSync(join(repo, "packages"))
  .map((name) => join(repo, "packages", name))
  .filter((dir) => existsSync(join(dir, "package.json")))
  .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) }))
  .filter(({ manifest }) => manifest.private !== true);

const names = packages.map(({ manifest }) => manifest.name);
const selected = wanted.map((name) => (name.startsWith("@") ? name : `@bestsms/${name}`));
const unknown = selected.filter((name) => !names.includes(name));
if (unknown.length > 0) {
  console.error(`pack:install: no package ${unknown.join(", ")}; there are ${names.join(", ")}`);
  process.exit(2);
}

const out = join(project, ".bestsms-tarballs");
mkdirSync(out, { recursive: true });
const tarballs = {};
for (const { dir, manifest } of packages) {
  run("pnpm", ["pack", "--pack-destination", out], dir);
  const file = `${manifest.name.replace(/^@/, "").replace("/", "-")}-${manifest.version}.tgz`;
  if (!existsSync(join(out, file))) {
    console.error(`pack:install: ${file} was not made`);
    process.exit(1);
  }
  // Spelt as npm writes it back (no `./`): an override of a direct dependency must be the
  // dependency's spec, character for character, or npm stops with EOVERRIDE.
  tarballs[manifest.name] = `file:.bestsms-tarballs/${file}`;
}

// Every package is packed, so the overrides cover what the chosen ones depend on; only the
// chosen ones, or all when none were named, become the project's dependencies.
const chosen = selected.length > 0 ? selected : names;
const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
manifest.dependencies = {
  ...manifest.dependencies,
  ...Object.fromEntries(chosen.map((name) => [name, tarballs[name]])),
};
// Every @bestsms/* dependency, direct or not, resolves to its tarball.
manifest.overrides = { ...manifest.overrides, ...tarballs };
manifest.pnpm = { ...manifest.pnpm, overrides: { ...manifest.pnpm?.overrides, ...tarballs } };
writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);

run(pm, ["install", ...(offline ? ["--prefer-offline"] : [])], project);
console.log(`pack:install: installed ${chosen.join(", ")} in ${project}`);
