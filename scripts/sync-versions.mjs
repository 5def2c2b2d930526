// After `changeset version` bumps package.json files, carry each version to where it is written
// again: a package's src/version.ts (the User-Agent names it), and the Deno package's deno.json
// and jsr.json (its version, and the ranges of the @bestsms packages it imports from npm).
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const packages = join(import.meta.dirname, "..", "packages");
const versions = new Map();
for (const name of readdirSync(packages)) {
  const manifest = join(packages, name, "package.json");
  if (existsSync(manifest)) versions.set(name, JSON.parse(readFileSync(manifest, "utf8")).version);
}

function update(file, change) {
  if (!existsSync(file)) return;
  const before = readFileSync(file, "utf8");
  const after = change(before);
  if (after !== before) {
    writeFileSync(file, after);
    console.log(`updated ${file}`);
  }
}

for (const [name, version] of versions) {
  update(join(packages, name, "src", "version.ts"), (text) =>
    text.replace(/export const VERSION = "[^"]*";/, `export const VERSION = "${version}";`),
  );
}
for (const file of ["deno.json", "jsr.json"]) {
  update(join(packages, "deno", file), (text) => {
    const json = JSON.parse(text);
    json.version = versions.get("deno");
    for (const key of Object.keys(json.imports ?? {})) {
      // "@bestsms/webhooks/xml" → package "webhooks", subpath "/xml"
      const match = /^@bestsms\/([^/]+)(\/.*)?$/.exec(key);
      const dep = match?.[1];
      if (dep !== undefined && versions.has(dep)) {
        json.imports[key] = `npm:@bestsms/${dep}@^${versions.get(dep)}${match?.[2] ?? ""}`;
      }
    }
    return `${JSON.stringify(json, null, 2)}\n`;
  });
}
