import { pathToFileURL } from "node:url";
import openapiTS, { astToString, type OpenAPI3 } from "openapi-typescript";
import type { Spec } from "./spec.js";

/** The wire types of the whole API (`paths`, `webhooks`, `components`, `operations`). */
export async function emitApiTypes(spec: Spec, specPath: string): Promise<string> {
  // openapi-typescript takes the parsed document; YAML anchors are already expanded.
  const ast = await openapiTS(structuredClone(spec.root) as unknown as OpenAPI3, {
    silent: true,
    // externalValue examples (spec/examples/*.xml) resolve against the spec file.
    cwd: pathToFileURL(specPath),
    alphabetize: false,
    exportType: false,
  });
  // openapi-typescript's helper is referenced by exported types; export it too so documentation
  // and declaration consumers can name it.
  return astToString(ast).replace(/^type WithRequired</m, "export type WithRequired<");
}
