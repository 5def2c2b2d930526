import { fileURLToPath } from "node:url";
import { bundleForWorker, type WorkerBundle } from "../../../tools/test-kit/src/worker-bundle.js";

/** src/index.ts and everything it imports, bundled as a Worker's bundler would. */
export function bundleEdge(): Promise<WorkerBundle> {
  return bundleForWorker(fileURLToPath(new URL("../src/index.ts", import.meta.url)));
}

/** Bundles a test Worker (TypeScript, importing the sources) into one ES module. */
export async function bundleWorker(entryUrl: URL): Promise<string> {
  return (await bundleForWorker(fileURLToPath(entryUrl))).code;
}
