import { describe, expect, it } from "vitest";
import { buildModel } from "../../src/index.js";
import { OK, oneOperation } from "../helpers.js";

const withBody = (schema: string): ReturnType<typeof oneOperation> =>
  oneOperation(
    [
      "      operationId: a.b",
      "      requestBody:",
      "        required: true",
      "        content:",
      "          application/json:",
      `            schema: ${schema}`,
      "            examples: { empty: { value: {} }, full: { value: { Data: { ID: x } } } }",
      OK(),
    ].join("\n"),
  );

describe("request bodies", () => {
  it("unwrap x-bestsms-envelope and find the generated field", () => {
    const spec = withBody(
      "{ type: object, x-bestsms-envelope: Data, properties: { Data: { type: object, properties: { ID: { type: string, x-bestsms-input: { generate: uuid } } } } } }",
    );
    const body = buildModel(spec).operations[0]?.body;
    expect(body).toMatchObject({ required: true, envelope: "Data", generated: "ID" });
    expect(body?.inputSchema).toMatchObject({ type: "object" });
    // The first example with content, not the empty one.
    expect(body?.example).toEqual({ Data: { ID: "x" } });
  });

  it("say when the envelope names no property", () => {
    const spec = withBody("{ type: object, x-bestsms-envelope: Nope, properties: {} }");
    expect(() => buildModel(spec)).toThrow(
      /at #\/paths\/~1things~1\{ThingID\}\/get\/requestBody: x-bestsms-envelope must name a property/,
    );
  });
});
