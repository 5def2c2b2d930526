import { describe, expect, it } from "vitest";
import { derefValue, examplesOf, listOperations, listWebhooks } from "../src/index.js";
import { specOf } from "./helpers.js";

const doc = specOf(
  "paths:",
  "  /a/{ID}:",
  "    parameters:",
  "      - { $ref: '#/components/parameters/ID' }",
  "      - { name: q, in: query }",
  "    get: { operationId: a.get, parameters: [{ name: q, in: query, required: true }] }",
  "    head: {}",
  "webhooks:",
  "  hook: { post: { operationId: hook } }",
  "components:",
  "  parameters:",
  "    ID: { name: ID, in: path }",
  "  examples:",
  "    one: { value: 1 }",
).root;

describe("listOperations", () => {
  it("lists every method in document order, operation parameters winning", () => {
    const ops = listOperations(doc);
    expect(ops.map((op) => [op.method, op.operationId, op.pointer])).toEqual([
      ["get", "a.get", "/paths/~1a~1{ID}/get"],
      ["head", undefined, "/paths/~1a~1{ID}/head"],
    ]);
    expect(ops[0]?.parameters).toEqual([
      { name: "ID", in: "path" },
      { name: "q", in: "query", required: true },
    ]);
  });
});

describe("listWebhooks", () => {
  it("lists each webhook's operations", () => {
    expect(listWebhooks(doc)).toEqual([
      {
        name: "hook",
        method: "post",
        operation: { operationId: "hook" },
        pointer: "/webhooks/hook/post",
      },
    ]);
  });
});

describe("examplesOf and derefValue", () => {
  it("reads `example` and the `examples` map through $refs", () => {
    const owner = { example: 0, examples: { one: { $ref: "#/components/examples/one" } } };
    expect(examplesOf(doc, owner, "/x").map((e) => [e.name, e.value, e.pointer])).toEqual([
      [undefined, 0, "/x/example"],
      ["one", 1, "/x/examples/one"],
    ]);
  });

  it("throws on a cycle and on a dangling $ref", () => {
    const cyclic = { a: { $ref: "#/b" }, b: { $ref: "#/a" } };
    expect(() => derefValue(cyclic, { $ref: "#/a" })).toThrow(/circular/);
    expect(() => derefValue(doc, { $ref: "#/none" })).toThrow(/unresolvable/);
  });
});
