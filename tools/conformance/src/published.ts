// The packages published to npm: every folder of packages/ whose package.json is not private.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { root } from "./build.js";

export const packagesDir: string = resolve(root, "../../packages");

export interface PublishedPackage {
  readonly name: string;
  readonly version: string;
  readonly dir: string;
}

/** Sorted by name. */
export function publishedPackages(): PublishedPackage[] {
  return readdirSync(packagesDir)
    .map((entry) => join(packagesDir, entry))
    .filter((dir) => existsSync(join(dir, "package.json")))
    .map((dir) => ({ dir, json: JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) }))
    .filter(({ json }) => json.private !== true)
    .map(({ dir, json }) => ({ name: String(json.name), version: String(json.version), dir }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
