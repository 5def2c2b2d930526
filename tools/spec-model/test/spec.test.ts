import { describe, expect, it } from "vitest";
import { checkOpenApiVersion, readDocument, readSpec, SPEC_PATH } from "../src/index.js";
import { specOf } from "./helpers.js";

describe("the repository's spec", () => {
  it("loads, and is OpenAPI 3.1", () => {
    const spec = readSpec(SPEC_PATH, "spec.yaml");
    expect(() => checkOpenApiVersion(spec)).not.toThrow();
    expect(readDocument().openapi).toBe(spec.root.openapi);
  });

  it("checks the OpenAPI version", () => {
    expect(() => checkOpenApiVersion(specOf("openapi: 3.0.3"))).toThrow(
      'test.yaml:1 at #/openapi: expected "openapi: 3.1.x", found "3.0.3"',
    );
  });
});
