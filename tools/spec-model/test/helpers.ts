import { parseSpec, type Spec } from "../src/index.js";

/** A spec from YAML lines, named `test.yaml` in errors. */
export function specOf(...lines: string[]): Spec {
  return parseSpec("test.yaml", `${lines.join("\n")}\n`);
}

/** One path item under `/things/{ThingID}`, holding `operation` (YAML, indented six spaces). */
export function oneOperation(operation: string, components = ""): Spec {
  return specOf(
    "openapi: 3.1.0",
    "info: { title: T, version: '1' }",
    "paths:",
    "  /things/{ThingID}:",
    "    parameters:",
    "      - { name: ThingID, in: path, required: true, schema: { type: string } }",
    "    get:",
    operation,
    "components:",
    "  schemas:",
    "    Page:",
    "      type: object",
    "      properties:",
    "        PageCount: { type: integer }",
    "        Items: { type: array, items: { type: string } }",
    components,
  );
}

/** A 200 JSON response with `schema` (a flow mapping), for `oneOperation`. */
export const OK = (schema = "{ type: object }"): string =>
  `      responses: { "200": { description: ok, content: { application/json: { schema: ${schema} } } } }`;
