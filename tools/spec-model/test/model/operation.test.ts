import { describe, expect, it } from "vitest";
import { buildModel } from "../../src/index.js";
import { OK, oneOperation, specOf } from "../helpers.js";

describe("operations", () => {
  it("model an operation: id, segments, method, path, texts and parameters", () => {
    const spec = oneOperation(
      [
        "      operationId: store.thing.detail",
        "      summary: ' One thing. '",
        "      deprecated: true",
        OK(),
      ].join("\n"),
    );
    const [op] = buildModel(spec).operations;
    expect(op).toMatchObject({
      id: "store.thing.detail",
      segments: ["store", "thing", "detail"],
      method: "get",
      path: "/things/{ThingID}",
      summary: "One thing.",
      deprecated: true,
      list: undefined,
      body: undefined,
      pointer: "#/paths/~1things~1{ThingID}/get",
    });
    expect(op?.params.map((p) => `${p.in}:${p.wire}`)).toEqual(["path:ThingID"]);
  });

  it("need a dotted camelCase operationId", () => {
    const spec = oneOperation(["      operationId: Things", OK()].join("\n"));
    expect(() => buildModel(spec)).toThrow(/operationId 'Things' must be dotted camelCase/);
    expect(() => buildModel(oneOperation(OK()))).toThrow(
      /GET \/things\/\{ThingID\} has no operationId/,
    );
  });

  it("may not share an operationId, nor nest under another operation", () => {
    const twice = specOf(
      "paths:",
      "  /a: { get: { operationId: x.y, responses: { '200': { content: { application/json: { schema: {} } } } } } }",
      "  /b: { get: { operationId: x.y, responses: { '200': { content: { application/json: { schema: {} } } } } } }",
    );
    expect(() => buildModel(twice)).toThrow(
      /test\.yaml:3 .*'x\.y' is also used at #\/paths\/~1a\/get/,
    );
    const nested = specOf(
      "paths:",
      "  /a: { get: { operationId: x.y, responses: { '200': { content: { application/json: { schema: {} } } } } } }",
      "  /b: { get: { operationId: x.y.z, responses: { '200': { content: { application/json: { schema: {} } } } } } }",
    );
    expect(() => buildModel(nested)).toThrow(/'x\.y\.z' nests under operation 'x\.y'/);
  });

  it("read x-bestsms-params as the rules across parameters", () => {
    const spec = oneOperation(
      [
        "      operationId: a.b",
        "      x-bestsms-params: { dependentRequired: { a: [b] } }",
        OK(),
      ].join("\n"),
    );
    expect(buildModel(spec).operations[0]?.paramRules).toEqual({ dependentRequired: { a: ["b"] } });
    const bad = oneOperation(
      ["      operationId: a.b", "      x-bestsms-params: 1", OK()].join("\n"),
    );
    expect(() => buildModel(bad)).toThrow(/x-bestsms-params must be a JSON Schema object/);
  });
});
