import { describe, expect, it } from "vitest";
import {
  dedupeValidators,
  pruneSchemaConstants,
  rewriteValidators,
  shortObjectChecks,
} from "../../src/validators/rewrite.js";

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

describe("dedupeValidators", () => {
  const fn = (name: string, body: string) =>
    `function ${name}(data, instancePath=""){let vErrors = null;let errors = 0;${body}${name}.errors = vErrors;return errors === 0;}`;

  it("keeps one of the validators that differ only in name, and points every reference at it", () => {
    const code = [
      "export const validateA = validate1;export const validateB = validate2;export const validateC = validate3;",
      fn("validate1", "if(!(validate4(data.x, instancePath))){errors++;}"),
      fn("validate2", "if(!(validate5(data.x, instancePath))){errors++;}"),
      fn("validate3", "if(typeof data !== 'string'){errors++;}"),
      fn("validate4", "if(typeof data !== 'number'){errors++;}"),
      fn("validate5", "if(typeof data !== 'number'){errors++;}"),
    ].join("");
    const out = dedupeValidators(code);
    // validate5 is validate4; then validate2 (which called validate5) is validate1.
    expect(out).toContain("export const validateB = validate1;");
    expect(out).toContain("export const validateC = validate3;");
    expect(out.match(/function validate\d+/g)).toEqual([
      "function validate1",
      "function validate3",
      "function validate4",
    ]);
  });

  it("leaves validators that differ in a check", () => {
    const code = [
      fn("validate1", "if(data > 1){errors++;}"),
      fn("validate2", "if(data > 2){errors++;}"),
    ].join("");
    expect(dedupeValidators(code)).toBe(code);
  });
});

describe("shortObjectChecks", () => {
  it("writes ajv's object test as one isObject call, for each variable", () => {
    const ajvOutput =
      'if(data && typeof data == "object" && !Array.isArray(data)){if(data0 && typeof data0 == "object" && !Array.isArray(data0)){}}';
    expect(shortObjectChecks(ajvOutput)).toBe("if(isObject(data)){if(isObject(data0)){}}");
  });

  it("leaves a test of two different variables alone", () => {
    const code = 'if(a && typeof b == "object" && !Array.isArray(b)){}';
    expect(shortObjectChecks(code)).toBe(code);
  });

  it("leaves a test that is part of a larger condition alone", () => {
    for (const code of [
      'if(!x && typeof x == "object" && !Array.isArray(x)){}',
      'if(y === x && typeof x == "object" && !Array.isArray(x)){}',
      'if(o.x && typeof x == "object" && !Array.isArray(x)){}',
      'if(x && typeof x == "object" && !Array.isArray(x) && x.a){}',
    ]) {
      expect(shortObjectChecks(code)).toBe(code);
    }
  });

  it("is applied by rewriteValidators, which then imports the helper", () => {
    const ajvOutput = [
      "export const validateA = validate1;",
      'function validate1(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){',
      'let vErrors = null;let errors = 0;if(!(data && typeof data == "object" && !Array.isArray(data))){',
      'const err0 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"}};',
      "if(vErrors === null){vErrors = [err0];}else {vErrors.push(err0);}errors++;}",
      "validate1.errors = vErrors;return errors === 0;}",
    ].join("");
    const { code, helpers } = rewriteValidators(ajvOutput);
    expect(code).toContain("if(!(isObject(data))){");
    expect(helpers.has("isObject")).toBe(true);
  });
});
