import { builtinModules } from "node:module";
import { fileURLToPath } from "node:url";
import { build, type Metafile, transform } from "esbuild";

const entry = fileURLToPath(new URL("../src/index.ts", import.meta.url));
const builtins = new Set(builtinModules);

/** Whether an import names a Node built-in (`node:fs`, `fs`, `fs/promises`, …). */
export function isNodeBuiltin(specifier: string): boolean {
  return specifier.startsWith("node:") || builtins.has(specifier.split("/")[0] ?? "");
}

export interface EdgeBundle {
  /** src/index.ts and everything it imports, as one ES module. */
  code: string;
  metafile: Metafile;
  /** Node built-ins something tried to import, with the importer. Must be empty. */
  nodeImports: string[];
}

/** Bundles the package for a neutral platform, as a Worker's bundler would. */
export async function bundleEdge(): Promise<EdgeBundle> {
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

/** Bundles a test Worker (TypeScript, importing the sources) into one ES module. */
export async function bundleWorker(entryUrl: URL): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(entryUrl)],
    bundle: true,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    write: false,
    logLevel: "silent",
  });
  return result.outputFiles[0]?.text ?? "";
}
