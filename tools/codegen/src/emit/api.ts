import { pathToFileURL } from "node:url";
import type { Spec } from "@bestsms/spec-model";
import openapiTS, { astToString, type OpenAPI3 } from "openapi-typescript";
import { doc } from "../doc.js";

/** The wire types of the whole API (`paths`, `webhooks`, `components`, `operations`). */
export async function emitApiTypes(spec: Spec, specPath: string): Promise<string> {
  // openapi-typescript takes the parsed document; YAML anchors are already expanded.
  const ast = await openapiTS(structuredClone(spec.root) as unknown as OpenAPI3, {
    silent: true,
    // externalValue examples (spec/examples/*.xml) resolve against the spec file.
    cwd: pathToFileURL(specPath),
    alphabetize: false,
    exportType: false,
    // A default describes what the service assumes when a field is left out; it does not make
    // the field one the caller must send (CharacterConversion defaults to false).
    defaultNonNullable: false,
  });
  // openapi-typescript's helper is referenced by exported types; export it too so documentation
  // and declaration consumers can name it. Each top-level declaration gets a doc comment (one a
  // spec does not need, such as `WithRequired`, is absent; the docs test finds any left bare).
  let code = astToString(ast).replace(/^type WithRequired</m, "export type WithRequired<");
  for (const [declaration, text] of Object.entries(TOP_LEVEL_DOCS)) {
    const at = new RegExp(`^export ${declaration.replace("$", "\\$")}\\b`, "m");
    code = code.replace(at, (m) => `${doc(text)}${m}`);
  }
  return code;
}

/** What each of openapi-typescript's top-level declarations is, for the API reference. */
const TOP_LEVEL_DOCS: Record<string, string> = {
  "interface paths":
    "Every path of the API with its operations, by HTTP method: the wire's request and response types, as `rawClient(client)` (openapi-fetch) takes them.",
  "interface webhooks":
    "The webhooks the service posts to your URL, by name, as the spec describes them.",
  "interface components":
    'The spec\'s named schemas, responses and parameters; `components["schemas"]["Contact"]` is a contact on the wire.',
  "type $defs": "JSON Schema `$defs` of the document (none).",
  "interface operations":
    "Every operation of the API by operationId, with its parameters, request body and responses on the wire.",
  "type WithRequired":
    "`T` with the keys `K` required (used where a schema makes optional properties required).",
};
