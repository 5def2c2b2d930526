// The bundling step of the tests that run a package in workerd or the edge-runtime VM: the
// package as a Worker's bundler would make it, and every Node built-in something tried to import.
import { builtinModules } from "node:module";
import { type BuildOptions, build, type Metafile, transform } from "esbuild";

const builtins = new Set(builtinModules);

/** Whether an import names a Node built-in (`node:fs`, `fs`, `fs/promises`, …). */
export function isNodeBuiltin(specifier: string): boolean {
  return specifier.startsWith("node:") || builtins.has(specifier.split("/")[0] ?? "");
}

/** A package bundled for a Worker. */
export interface WorkerBundle {
  /** The entry and everything it imports, as one ES module. */
  code: string;
  metafile: Metafile;
  /** Node built-ins something tried to import, with the importer. Must be empty. */
  nodeImports: string[];
}

/** Bundles `entry` (a file path) for a neutral platform, as a Worker's bundler would. */
export async function bundleForWorker(entry: string): Promise<WorkerBundle> {
  const nodeImports: string[] = [];
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    write: false,
    metafile: true,
    logLevel: "silent",
    plugins: [
      {
        name: "no-node-builtins",
        setup(builder) {
          builder.onResolve({ filter: /^[^./]/ }, (args) => {
            if (!isNodeBuiltin(args.path)) return undefined;
            nodeImports.push(`${args.path} (from ${args.importer})`);
            return { path: args.path, external: true };
          });
        },
      },
    ],
  });
  return { code: result.outputFiles[0]?.text ?? "", metafile: result.metafile, nodeImports };
}

/** The same bundle as a classic script defining `globalName`, for runtimes that take scripts. */
export async function asScript(code: string, globalName: string): Promise<string> {
  return (await transform(code, { format: "iife", globalName, target: "es2022" })).code;
}

/** The code of `entry`'s Worker bundle; throws when anything in it imports a Node built-in. */
export async function workerCode(entry: string): Promise<string> {
  const { code, nodeImports } = await bundleForWorker(entry);
  if (nodeImports.length > 0) throw new Error(`imports Node built-ins: ${nodeImports.join(", ")}`);
  return code;
}

/**
 * How the size checks bundle an entry, as an edge bundler would: minified, one ES module, for no
 * runtime in particular, reading `main` where a dependency has no `module` (some of
 * fast-xml-parser's do).
 */
export const MINIFIED_EDGE_BUILD = {
  bundle: true,
  minify: true,
  format: "esm",
  platform: "neutral",
  mainFields: ["module", "main"],
  write: false,
  logLevel: "silent",
} as const satisfies BuildOptions;
