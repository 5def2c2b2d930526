import { describe, expect, it } from "vitest";
import { pruneSchemaConstants, rewriteValidators } from "../../src/validators/rewrite.js";

describe("rewriteValidators", () => {
  it("adds errors with one call, drops schema paths and types the exports", () => {
    const ajvOutput = [
      '"use strict";export const validateA = validate1;',
      "function validate1(data){let vErrors = null;",
      'const err0 = {instancePath:"",schemaPath:"#/type",keyword:"type",params:{}};',
      "if(vErrors === null){vErrors = [err0];}else {vErrors.push(err0);}",
      "return vErrors === null;}",
    ].join("");
    const { code, helpers } = rewriteValidators(ajvOutput);
    expect([...helpers]).toEqual(["reportError"]);
    expect(code).toContain("export const validateA: RawValidate = validate1;");
    expect(code).toContain('vErrors = reportError(vErrors, "", "type", {});');
    expect(code).not.toContain("schemaPath");
  });

  it("passes a sub-validator its path alone and merges its errors with one call", () => {
    const ajvOutput = [
      "export const validateA = validate1;",
      'function validate1(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){',
      "let vErrors = null;let errors = 0;",
      'if(!(validate2(data.a, {instancePath:instancePath+"/a",parentData:data,parentDataProperty:"a",rootData}))){',
      "vErrors = vErrors === null ? validate2.errors : vErrors.concat(validate2.errors);errors = vErrors.length;}",
      "if(!(validate2(data, {instancePath,parentData,parentDataProperty,rootData}))){",
      "vErrors = vErrors === null ? validate2.errors : vErrors.concat(validate2.errors);errors = vErrors.length;}",
      "validate1.errors = vErrors;return errors === 0;}",
    ].join("");
    const { code, helpers } = rewriteValidators(ajvOutput);
    expect(helpers.has("mergeErrors")).toBe(true);
    expect(code).toContain('function validate1(data, instancePath=""){');
    expect(code).toContain('validate2(data.a, instancePath+"/a")');
    expect(code).toContain("validate2(data, instancePath)");
    expect(code).toContain("errors = (vErrors = mergeErrors(vErrors, validate2.errors)).length;");
    expect(code).not.toMatch(/parentData|rootData|concat/);
  });

  it("refuses an error or a call in a form it does not know", () => {
    expect(() =>
      rewriteValidators(
        'const err0 = {instancePath,schemaPath:"#",keyword:"type",params:{},extra:1};vErrors = reportError(vErrors, err0);',
      ),
    ).toThrow(/does not rewrite/);
    expect(() => rewriteValidators("validate2(data, {instancePath,rootData});")).toThrow(
      /does not rewrite/,
    );
  });

  it("replaces ajv's run-time require with the package's helper, and refuses others", () => {
    const { code, helpers } = rewriteValidators(
      'const x = require("ajv/dist/runtime/ucs2length").default;',
    );
    expect(code).toContain("const x = ucs2length;");
    expect(helpers.has("ucs2length")).toBe(true);
    expect(() => rewriteValidators('require("other").default')).toThrow(/no ESM replacement/);
  });
});

describe("pruneSchemaConstants", () => {
  it("keeps only the parts of a schema constant the code reads", () => {
    const code =
      'const schema1 = {"properties":{"a":{"type":"string"}},"enum":[1]};function f(){return schema1.properties;}';
    expect(pruneSchemaConstants(code)).toBe(
      'const schema1 = {"properties":{"a":true}};function f(){return schema1.properties;}',
    );
  });
});
