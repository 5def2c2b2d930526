// Run from a package's folder after `tsc`: bundles each of the package's entries (its `exports`)
// into `dist/node/`, the files the `node` export condition points at. A Node process then loads
// one file per package (plus shared chunks) instead of one per source module, which is most of
// the cost of a cold import. Bundlers and the other runtimes keep the per-module files under
// `default`, so tree shaking and the size budgets are unchanged.
//
// Node's cost is in the bytes it reads and compiles and in the packages it resolves, so the files
// are minified, whitespace and syntax only (with linked source maps: `node --enable-source-maps`
// gives the original lines in a stack trace). Names are not minified: a program that dies on an
// uncaught error shows `ConnectionError` and `at send (...)`, `err.constructor.name` and
// `console.log(client)` give the real names, all without source maps. (`keepNames` would keep
// them with minified identifiers, but its `__name` calls made the import of @bestsms/node ~2 ms
// slower; unminified names cost ~0.5 ms, the bytes are mostly left to V8's lazy parsing.) Lines
// are cut at about LINE_LIMIT characters, as Node prints the whole source line of the throw site
// above an uncaught error. And the few small third-party dependencies in INLINE are bundled in
// (each is one fewer package to resolve; none exports a class or state a program could compare
// across copies). Every other dependency, each `@bestsms/*` package first, stays an import: the
// packages share their error classes and client state, so each must be loaded once.
//
//   node ../../scripts/bundle-node.mjs          (the package's build script)
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";

/** Small ESM dependencies without classes or state of their own, bundled into the Node files. */
const INLINE = new Set(["openapi-fetch"]);

/** esbuild's `lineLimit`: a soft limit (a long string or regular expression stays whole). */
const LINE_LIMIT = 80;

const pkg = JSON.parse(readFileSync("package.json", "utf8"));
const external = Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies }).filter(
  (name) => !INLINE.has(name),
);
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
  external: [...external, ...external.map((name) => `${name}/*`)],
  minifyWhitespace: true,
  minifySyntax: true,
  minifyIdentifiers: false,
  lineLimit: LINE_LIMIT,
  sourcemap: "linked",
  chunkNames: "chunks/[name]-[hash]",
  logLevel: "warning",
});
