// Run from a package's folder after `tsc`: bundles each of the package's entries (its `exports`)
// into `dist/node/`, the files the `node` export condition points at. A Node process then loads
// one file per package (plus shared chunks) instead of one per source module, which is most of
// the cost of a cold import. Bundlers and the other runtimes keep the per-module files under
// `default`, so tree shaking and the size budgets are unchanged. Dependencies stay imports.
//
//   node ../../scripts/bundle-node.mjs          (the package's build script)
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";

const pkg = JSON.parse(readFileSync("package.json", "utf8"));
const entries = [];
for (const [subpath, target] of Object.entries(pkg.exports ?? {})) {
  if (typeof target !== "object" || target === null || typeof target.node !== "string") continue;
  const from = target.default;
  const expected = `./${join("dist/node", from.slice("./dist/".length))}`;
  if (target.node !== expected) {
    throw new Error(
      `${pkg.name} exports["${subpath}"].node must be ${expected}, is ${target.node}`,
    );
  }
  entries.push(from);
}
if (entries.length === 0) throw new Error(`${pkg.name}: no export has a "node" condition`);

rmSync("dist/node", { recursive: true, force: true });
await build({
  entryPoints: entries,
  outdir: "dist/node",
  outbase: "dist",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  packages: "external",
  sourcemap: "linked",
  chunkNames: "chunks/[name]-[hash]",
  logLevel: "warning",
});
