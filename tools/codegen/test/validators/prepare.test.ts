import { buildModel, parseSpec } from "@bestsms/spec-model";
import { describe, expect, it } from "vitest";
import { discriminate, prepareValidators, strip } from "../../src/validators/prepare.js";

describe("strip", () => {
  it("drops annotations and extensions, keeps property names, points refs into $defs", () => {
    expect(
      strip({
        description: "d",
        "x-bestsms-input": { name: "n" },
        properties: { description: { type: "string", example: "e" } },
        items: { $ref: "#/components/schemas/A" },
      }),
    ).toEqual({ properties: { description: { type: "string" } }, items: { $ref: "#/$defs/A" } });
  });
});

describe("discriminate", () => {
  it("turns a oneOf of closed objects with their own required key into an if/then chain", () => {
    const defs = {
      A: { type: "object", required: ["a"], properties: { a: {} }, additionalProperties: false },
      B: { type: "object", required: ["b"], properties: { b: {} }, additionalProperties: false },
    };
    const out = discriminate({ oneOf: [{ $ref: "#/$defs/A" }, { $ref: "#/$defs/B" }] }, defs);
    expect(out).toEqual({
      anyOf: [
        { type: "object", required: ["a"] },
        { type: "object", required: ["b"] },
      ],
      allOf: [
        {
          if: { type: "object", required: ["a"] },
          // biome-ignore lint/suspicious/noThenProperty: JSON Schema's `then`.
          then: { $ref: "#/$defs/A" },
          else: {
            if: { type: "object", required: ["b"] },
            // biome-ignore lint/suspicious/noThenProperty: JSON Schema's `then`.
            then: { $ref: "#/$defs/B" },
          },
        },
      ],
    });
  });

  it("leaves a oneOf alone when a branch is open", () => {
    const defs = { A: { type: "object", required: ["a"] }, B: { type: "object", required: ["b"] } };
    const node = { oneOf: [{ $ref: "#/$defs/A" }, { $ref: "#/$defs/B" }] };
    expect(discriminate(node, defs)).toEqual(node);
  });
});

describe("prepareValidators", () => {
  it("makes a params entry per operation with parameters and names component bodies", () => {
    const spec = parseSpec(
      "t.yaml",
      `openapi: 3.1.0
paths:
  /a/{ID}:
    post:
      operationId: a.create
      parameters: [{ name: ID, in: path, required: true, schema: { type: string } }]
      requestBody: { content: { application/json: { schema: { $ref: "#/components/schemas/Thing" } } } }
      responses: { "200": { content: { application/json: { schema: {} } } } }
components:
  schemas:
    Thing: { type: object, description: a thing }
`,
    );
    const { defs, entries } = prepareValidators(spec, buildModel(spec));
    expect(entries.map((e) => [e.name, e.kind])).toEqual([
      ["ACreateParams", "params"],
      ["Thing", "body"],
    ]);
    expect(defs.Thing).toEqual({ type: "object" });
    expect(defs.ACreateParams).toEqual({
      type: "object",
      additionalProperties: false,
      properties: { ID: { type: "string" } },
      required: ["ID"],
    });
  });
});
