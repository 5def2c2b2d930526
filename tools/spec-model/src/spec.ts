// The loaders: the spec read from a file, by default the repository's, and parsed by parse.ts.
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { JsonObject } from "./json.js";
import { checkOpenApiVersion, parseSpec, type Spec } from "./parse.js";

export { checkOpenApiVersion, parseSpec, type Spec, SpecError } from "./parse.js";

/** The repository's hand-written spec. */
export const SPEC_PATH: string = fileURLToPath(
  new URL("../../../spec/bestsms.openapi.yaml", import.meta.url),
);

/** Reads and parses a spec file. */
export async function loadSpec(path: string, displayName: string = path): Promise<Spec> {
  return parseSpec(displayName, await readFile(path, "utf8"));
}

/** Reads and parses a spec file synchronously; by default the repository's spec. */
export function readSpec(path: string = SPEC_PATH, displayName: string = path): Spec {
  return parseSpec(displayName, readFileSync(path, "utf8"));
}

/** The document of a spec file (by default the repository's), checked to be OpenAPI 3.1. */
export function readDocument(path: string = SPEC_PATH): JsonObject {
  const spec = readSpec(path);
  checkOpenApiVersion(spec);
  return spec.root;
}
