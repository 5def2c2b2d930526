// After `changeset version` bumps package.json files, write each package's version into its
// src/version.ts (the User-Agent names it), so the two never disagree.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const packages = join(import.meta.dirname, "..", "packages");
for (const name of readdirSync(packages)) {
  const file = join(packages, name, "src", "version.ts");
  if (!existsSync(file)) continue;
  const { version } = JSON.parse(readFileSync(join(packages, name, "package.json"), "utf8"));
  const before = readFileSync(file, "utf8");
  const after = before.replace(
    /export const VERSION = "[^"]*";/,
    `export const VERSION = "${version}";`,
  );
  if (after !== before) {
    writeFileSync(file, after);
    console.log(`${name}: VERSION = ${version}`);
  }
}
