import { describe, expect, it } from "vitest";
import { buildModel } from "../../src/index.js";
import { OK, oneOperation, specOf } from "../helpers.js";

describe("parameters", () => {
  it("take x-bestsms-input names and examples, and leave headers out", () => {
    const spec = oneOperation(
      [
        "      operationId: a.b",
        "      parameters:",
        "        - name: ViewPublic",
        "          in: query",
        "          x-bestsms-input: { name: ViewBy, aliases: [View] }",
        "          examples: { e: { value: 2 } }",
        "        - { name: X-Trace, in: header }",
        OK(),
      ].join("\n"),
    );
    const params = buildModel(spec).operations[0]?.params ?? [];
    expect(params.map((p) => [p.wire, p.naming.name, p.naming.aliases, p.example])).toEqual([
      ["ThingID", "ThingID", [], undefined],
      ["ViewPublic", "ViewBy", ["View"], 2],
    ]);
  });

  it("must declare every path variable", () => {
    const spec = specOf(
      "paths:",
      "  /things/{ThingID}:",
      "    get:",
      "      operationId: a.b",
      "      responses: { '200': { content: { application/json: { schema: {} } } } }",
    );
    expect(() => buildModel(spec)).toThrow(
      "test.yaml:3 at #/paths/~1things~1{ThingID}/get: path parameter 'ThingID' of /things/{ThingID} is not declared",
    );
  });

  it("reject an unknown `in`", () => {
    const spec = oneOperation(
      ["      operationId: a.b", "      parameters: [{ name: P, in: body }]", OK()].join("\n"),
    );
    expect(() => buildModel(spec)).toThrow(/parameter 'P' has an unknown 'in': body/);
  });
});
