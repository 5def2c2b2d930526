import { describe, expect, it } from "vitest";
import { namingOf, readInputExtension, readOutputAliases } from "../../src/index.js";
import { specOf } from "../helpers.js";

const spec = specOf("x: 1");

describe("x-bestsms-input", () => {
  it("gives the input naming, the wire name by default", () => {
    expect(namingOf(spec, "Message", {}, "#/p")).toEqual({
      name: "Message",
      aliases: [],
      single: false,
    });
    const node = { "x-bestsms-input": { name: "MessageText", aliases: ["Text"], single: true } };
    expect(namingOf(spec, "Message", node, "#/p")).toEqual({
      name: "MessageText",
      aliases: ["Text"],
      single: true,
    });
  });

  it("checks its keys and values", () => {
    const read = (ext: unknown) =>
      readInputExtension(spec, { "x-bestsms-input": ext as never, properties: { A: {} } }, "#/p");
    expect(() => read({ nmae: "x" })).toThrow(/unknown key 'nmae'/);
    expect(() => read({ generate: "ulid" })).toThrow(/generate must be 'uuid'/);
    expect(() => read({ shorthand: "B" })).toThrow(/shorthand 'B' is not a property/);
    expect(read({ shorthand: "A" })).toEqual({ shorthand: "A" });
  });
});

describe("x-bestsms-output", () => {
  it("gives the document's names of a response field", () => {
    expect(
      readOutputAliases(spec, { "x-bestsms-output": { aliases: ["Created"] } }, "#/p"),
    ).toEqual(["Created"]);
    expect(readOutputAliases(spec, {}, "#/p")).toEqual([]);
    expect(() => readOutputAliases(spec, { "x-bestsms-output": { aliases: [] } }, "#/p")).toThrow(
      /aliases must be a non-empty list/,
    );
  });
});
