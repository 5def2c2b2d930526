// Step 2 of the validators: ajv compiles the prepared schemas to standalone JavaScript.
import type { JsonObject } from "@bestsms/spec-model";
import { Ajv } from "ajv";
import standalone from "ajv/dist/standalone/index.js";
import nextVocabulary from "ajv/dist/vocabularies/next.js";
import type { PreparedValidators } from "./prepare.js";

/**
 * Formats the spec uses, as regular expressions (ajv inlines them as literals: nothing to import
 * at run time). Deliberately pragmatic: they catch typos, the service has the last word.
 */
export const FORMATS: Record<string, RegExp> = {
  email: /^[^\s@"<>()[\]\\,;:]+@[^\s@"<>()[\]\\,;:]+\.[^\s@"<>()[\]\\,;:]+$/,
  uri: /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]*$/,
  "date-time":
    /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[Tt ]([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)$/,
  date: /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/,
};

/**
 * ajv's draft-07 engine with `$defs`: the spec's request and webhook schemas use only keywords
 * that draft shares with 2020-12 (strict mode fails generation on any other), and unlike the
 * 2020 engine it emits no `evaluated` bookkeeping, so each validator is a plain function a
 * bundler can drop when unused.
 */
function createEngine(): Ajv {
  const ajv = new Ajv({
    strict: true,
    // `required` beside `allOf: [$ref]` names properties ajv cannot see locally; the
    // generator's own flattening checks those names instead (InputTypeEmitter.flatten).
    strictRequired: false,
    allErrors: true,
    messages: false,
    formats: FORMATS,
    code: { source: true, esm: true, lines: false },
  });
  // dependentRequired / dependentSchemas (rules across query parameters), from 2019-09 on.
  // Node's CommonJS interop hands over the module object, vite's its default export.
  const interop = nextVocabulary as unknown as { default?: typeof nextVocabulary.default };
  ajv.addVocabulary(
    interop.default ?? (nextVocabulary as unknown as typeof nextVocabulary.default),
  );
  return ajv;
}

/** ajv's standalone module exporting `validate<Name>` for every entry, as ajv writes it. */
export function compileValidators(prepared: PreparedValidators): string {
  const ajv = createEngine();
  const defs: JsonObject = prepared.defs;
  ajv.addSchema({ $id: "bestsms", $defs: defs });
  const refs = Object.fromEntries(
    prepared.entries.map((e) => [`validate${e.name}`, `bestsms#/$defs/${e.name}`]),
  );
  return standalone.default(ajv, refs);
}
