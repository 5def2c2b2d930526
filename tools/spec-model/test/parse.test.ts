import { describe, expect, it } from "vitest";
import { SpecError } from "../src/parse.js";
import { specOf } from "./helpers.js";

describe("parseSpec", () => {
  it("names the file and line of invalid YAML", () => {
    expect(() => specOf("a: 1", "b: [")).toThrow(/^test\.yaml:\d+ at #: not valid YAML/);
  });

  it("rejects a duplicate key", () => {
    expect(() => specOf("a: 1", "a: 2")).toThrow(SpecError);
  });

  it("names the line of a $ref that does not resolve, and of one that is not local", () => {
    const dangling = () => specOf("x:", "  y:", "    $ref: '#/nowhere'");
    expect(dangling).toThrow("test.yaml:3 at #/x/y/$ref: $ref '#/nowhere' does not resolve");
    const remote = () => specOf("x:", "  $ref: 'other.yaml#/a'");
    expect(remote).toThrow(/test\.yaml:2 at #\/x\/\$ref: .* is not local/);
  });

  it("expands YAML anchors and resolves pointers with escaped tokens", () => {
    const spec = specOf("a: &v { n: 1 }", "b: *v", "paths:", "  /x/y: { n: 2 }");
    expect(spec.root.b).toEqual({ n: 1 });
    expect(spec.resolvePointer("#/paths/~1x~1y")).toEqual({ n: 2 });
    expect(spec.resolvePointer("#/missing")).toBeUndefined();
  });

  it("points errors at the line of the key holding the value", () => {
    const spec = specOf("a:", "  b:", "    - 1", "    - 2");
    expect(spec.error("#/a/b/1", "bad").message).toBe("test.yaml:4 at #/a/b/1: bad");
    expect(spec.error("#/a/c", "bad").line).toBeUndefined();
  });
});
