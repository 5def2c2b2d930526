// Step 3 of the validators: ajv's output made into a module of the validation package. Run-time
// helpers come from the package instead of `require`, errors are added with one call, schema
// paths and unread schema parts are dropped, and every export gets a declared type.
import { isObject, type Json, type JsonObject } from "@bestsms/spec-model";

/** Run-time helpers ajv's output may ask for, and what the package provides instead. */
const RUNTIME: Record<string, string> = {
  "ajv/dist/runtime/ucs2length": "ucs2length",
};

/**
 * ajv's output keeps whole schemas as constants where it only reads a few parts of them (the
 * property names of a closed object, an enum's values). Keep just the parts the code reads; a
 * property's subschema, never read, becomes `true`.
 */
export function pruneSchemaConstants(code: string): string {
  return code.replace(
    /const (schema\d+) = (\{.*?\});(?=const |function |export )/g,
    (whole, name: string, json: string) => {
      let schema: unknown;
      try {
        schema = JSON.parse(json);
      } catch {
        return whole;
      }
      const uses = [...code.matchAll(new RegExp(`\\b${name}((?:\\.[A-Za-z_$][\\w$]*)+)`, "g"))].map(
        (m) => (m[1] as string).slice(1).split("."),
      );
      if (uses.length === 0) return whole;
      const pruned: Record<string, unknown> = {};
      for (const path of uses) {
        let from: unknown = schema;
        for (const key of path)
          from = isObject(from as Json) ? (from as JsonObject)[key] : undefined;
        if (from === undefined) return whole;
        const [first, ...rest] = path;
        if (first === undefined || rest.length > 0) return whole;
        pruned[first] =
          first === "properties" && isObject(from as Json)
            ? Object.fromEntries(Object.keys(from as JsonObject).map((k) => [k, true]))
            : from;
      }
      return `const ${name} = ${JSON.stringify(pruned)};`;
    },
  );
}

/** An object literal of ajv's params: no nested braces outside its strings. */
const PARAMS = String.raw`\{(?:[^{}"]|"(?:[^"\\]|\\.)*")*\}`;

/**
 * The calls a validator makes, shorter (the same errors, in the same order): an error is added
 * with its path, keyword and params as arguments (`reportError(vErrors, path, "type", {…})`); a
 * validator takes the path to its value as its second argument, without ajv's `parentData`,
 * `parentDataProperty` and `rootData`, which only `$data` references and dynamic refs read (the
 * generator uses neither); a sub-validator's errors are added with one call.
 */
export function compactCalls(source: string): string {
  let code = source.replace(
    new RegExp(
      String.raw`reportError\(vErrors, \{instancePath(?::(.+?))?,\s*keyword:\s*("[\w ]+"),\s*params:\s*(${PARAMS})\s*\}\)`,
      "g",
    ),
    (_m, path: string | undefined, keyword: string, params: string) =>
      `reportError(vErrors, ${path ?? "instancePath"}, ${keyword}, ${params})`,
  );
  // Inside an `if`, ajv counts failures with empty errors and drops them after: any error will do.
  code = code.replaceAll("reportError(vErrors, {})", 'reportError(vErrors, "", "", {})');
  if (/reportError\(vErrors, \{/.test(code)) {
    throw new Error("ajv output builds an error in a form the generator does not rewrite");
  }
  code = code
    .replace(
      /\{instancePath="", parentData, parentDataProperty, rootData=data\}=\{\}/g,
      'instancePath=""',
    )
    .replace(
      /\{instancePath(?::(.+?))?,\s*parentData(?::[\w$]+)?,\s*parentDataProperty(?::(?:[\w$]+|"(?:[^"\\]|\\.)*"))?,\s*rootData\}/g,
      (_m, path: string | undefined) => path ?? "instancePath",
    )
    .replace(
      /vErrors = vErrors === null \? (validate\d+)\.errors : vErrors\.concat\(\1\.errors\);\s*errors = vErrors\.length;/g,
      "errors = (vErrors = mergeErrors(vErrors, $1.errors)).length;",
    );
  if (/parentData|rootData|vErrors\.concat/.test(code)) {
    throw new Error("ajv output passes or merges context in a form the generator does not rewrite");
  }
  return code;
}

/**
 * One function for validators that are the same but for their name (the parameters of the four
 * actions, say, each `{ MessageID }`): every reference to a copy names the first instead, and the
 * copy is dropped. Repeated until none is left, as merging two may make their callers the same.
 */
export function dedupeValidators(source: string): string {
  const FUNCTION =
    /function (validate\d+)\([^)]*\)\{[\s\S]*?\1\.errors = vErrors;\s*return errors === 0;\s*\}/g;
  let code = source;
  for (;;) {
    const first = new Map<string, string>();
    const copies = new Map<string, string>();
    for (const match of code.matchAll(FUNCTION)) {
      const name = match[1] as string;
      const body = match[0].replace(new RegExp(`\\b${name}\\b`, "g"), "SELF");
      const kept = first.get(body);
      if (kept === undefined) first.set(body, name);
      else copies.set(name, kept);
    }
    if (copies.size === 0) return code;
    code = code.replace(FUNCTION, (whole, name: string) => (copies.has(name) ? "" : whole));
    code = code.replace(/\bvalidate\d+\b/g, (name) => copies.get(name) ?? name);
  }
}

/**
 * ajv's test for JSON Schema's `"object"` (`data && typeof data == "object" &&
 * !Array.isArray(data)`) as one call of the package's `isObject`, the same at every check. Only a
 * test that is a whole parenthesised condition is rewritten, so no operator next to it can bind
 * differently.
 */
export function shortObjectChecks(source: string): string {
  return source.replace(
    /(?<=\()([A-Za-z_$][\w$]*) && typeof \1 == "object" && !Array\.isArray\(\1\)(?=\))/g,
    "isObject($1)",
  );
}

/** The rewritten code and the package helpers it calls. */
export interface RewrittenValidators {
  readonly code: string;
  readonly helpers: ReadonlySet<string>;
}

/** Rewrites ajv's standalone output; throws when it takes a form the rewriting does not know. */
export function rewriteValidators(source: string): RewrittenValidators {
  let code = source.replace(/^"use strict";/, "");
  const helpers = new Set<string>();
  code = code.replace(/require\("([^"]+)"\)\.default/g, (_match: string, module: string) => {
    const helper = RUNTIME[module];
    if (!helper) throw new Error(`ajv output needs ${module}, which has no ESM replacement`);
    helpers.add(helper);
    return helper;
  });
  if (/\brequire\(/.test(code)) throw new Error("ajv output still calls require()");
  // Issues are told by instancePath, keyword and params; schema paths would only add weight.
  code = code.replace(/schemaPath:\s*"(?:[^"\\]|\\.)*",?/g, "");
  // Each failed check adds its error with one call (`vErrors = reportError(vErrors, error)`)
  // instead of ajv's inline list handling, the same at every check.
  code = code.replace(
    /if\s*\(vErrors === null\)\s*\{\s*vErrors = \[(err\d+)\];?\s*\}\s*else\s*\{\s*vErrors\.push\(\1\);?\s*\}/g,
    "vErrors = reportError(vErrors, $1);",
  );
  if (/vErrors\.push\(|vErrors = \[/.test(code)) {
    throw new Error("ajv output adds an error in a form the generator does not rewrite");
  }
  // The error object goes straight into the call: no constant named for one use.
  code = code.replace(
    /const (err\d+) = (\{[^;]*?\});\s*vErrors = reportError\(vErrors, \1\);/g,
    "vErrors = reportError(vErrors, $2);",
  );
  // dependentRequired's issue names the missing and the given property; the list is not read.
  code = code.replace(/,\s*depsCount: \d+,\s*deps: "(?:[^"\\]|\\.)*"/g, "");
  code = shortObjectChecks(dedupeValidators(compactCalls(code)));
  helpers.add("reportError");
  if (code.includes("mergeErrors(")) helpers.add("mergeErrors");
  if (code.includes("isObject(")) helpers.add("isObject");
  if (/new Function|\beval\(/.test(code)) throw new Error("ajv output generates code at run time");
  code = pruneSchemaConstants(code);
  // Give every export a declared type (the functions themselves are untyped JavaScript).
  code = code.replace(
    /export const (validate\w+) = (validate\d+);/g,
    "export const $1: RawValidate = $2;",
  );
  return { code, helpers };
}
