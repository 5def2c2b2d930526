// Builds what the runners load: the suite as plain JavaScript for Node (which cannot run
// TypeScript on 20), and one bundle each for workerd (an ES module Worker) and the edge-runtime
// VM (a script). The packages come from their dist, resolved through their `exports`.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type BuildOptions, build } from "esbuild";

export const root: string = fileURLToPath(new URL("..", import.meta.url));
export const outDir: string = join(root, ".out");

const common: BuildOptions = {
  absWorkingDir: root,
  bundle: true,
  write: false,
  target: "es2022",
  platform: "browser",
  // The edge's view of every package: no node:* may slip in.
  conditions: ["workerd", "worker", "edge-light", "browser"],
  mainFields: ["browser", "module", "main"],
  logLevel: "silent",
  legalComments: "none",
};

async function emit(name: string, options: BuildOptions): Promise<string> {
  const result = await build({ ...common, ...options });
  const file = result.outputFiles?.[0];
  if (!file) throw new Error(`build: ${name} produced nothing`);
  await mkdir(outDir, { recursive: true });
  const path = join(outDir, name);
  await writeFile(path, file.text);
  return path;
}

/** `.out/suite.js`: src/suite.ts and the files it imports in one module, types stripped. */
export function buildSuite(): Promise<string> {
  return emit("suite.js", {
    entryPoints: ["src/suite.ts"],
    format: "esm",
    platform: "neutral",
  });
}

/** `.out/workerd.js`: the Worker module (runtimes/workerd.ts with the package and the suite). */
export function buildWorker(): Promise<string> {
  return emit("workerd.js", { entryPoints: ["runtimes/workerd.ts"], format: "esm" });
}

/** `.out/edge-vm.js`: a script defining `globalThis.runConformance`, for the edge-runtime VM. */
export function buildEdgeVm(): Promise<string> {
  return emit("edge-vm.js", { entryPoints: ["runtimes/edge-vm.ts"], format: "iife" });
}

export async function buildAll(): Promise<string[]> {
  return Promise.all([buildSuite(), buildWorker(), buildEdgeVm()]);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const path of await buildAll()) console.log(`built ${path}`);
}
