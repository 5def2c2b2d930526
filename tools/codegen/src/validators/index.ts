// The validators' steps, in order: prepare the schemas, compile them with ajv, rewrite ajv's
// output into a module of the validation package. Exported as `@bestsms/codegen/validators` for
// the validation benchmark, which compiles the same schemas at run time.
export { compileValidators, FORMATS } from "./engine.js";
export {
  discriminate,
  type PreparedValidators,
  prepareValidators,
  strip,
  type ValidatorEntry,
} from "./prepare.js";
export { pruneSchemaConstants, type RewrittenValidators, rewriteValidators } from "./rewrite.js";
