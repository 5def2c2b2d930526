// Keywords that describe a schema or an operation without changing what is valid.

/** Prose and examples: a change to one of these changes the documentation only. */
export const DOC_KEYWORDS: ReadonlySet<string> = new Set([
  "description",
  "summary",
  "title",
  "examples",
  "example",
]);

/**
 * Every keyword that only annotates a schema (JSON Schema 2020-12 §9 and OpenAPI's additions):
 * the prose and examples above, and the keywords a validator ignores.
 */
export const ANNOTATIONS: ReadonlySet<string> = new Set([
  ...DOC_KEYWORDS,
  "default",
  "xml",
  "externalDocs",
  "deprecated",
  "readOnly",
  "writeOnly",
  "$comment",
]);
