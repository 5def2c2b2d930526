import { describe, expect, it } from "vitest";
import { buildModel } from "../../src/index.js";
import { OK, oneOperation } from "../helpers.js";

describe("responses", () => {
  it("make a paged list of an operation taking `page` whose 200 carries PageCount", () => {
    const paged = oneOperation(
      [
        "      operationId: a.list",
        "      parameters: [{ name: page, in: query }]",
        OK("{ $ref: '#/components/schemas/Page' }"),
      ].join("\n"),
    );
    expect(buildModel(paged).operations[0]?.list).toEqual({ items: "Items" });
    const notPaged = oneOperation(
      ["      operationId: a.list", OK("{ $ref: '#/components/schemas/Page' }")].join("\n"),
    );
    expect(buildModel(notPaged).operations[0]?.list).toBeUndefined();
  });

  it("need a 200 application/json response", () => {
    const spec = oneOperation(["      operationId: a.b", "      responses: {}"].join("\n"));
    expect(() => buildModel(spec)).toThrow(/responses: no 200 application\/json response/);
  });
});
