export type {
  components,
  operations,
  paths,
  WithRequired,
  webhooks,
} from "./generated/api.gen.js";
export * from "./generated/schemas.gen.js";
export { formatPath, type ValidationIssue } from "./internal/issues.js";
export {
  type Check,
  type OperationChecks,
  SchemaValidationError,
  type ValidationResult,
  type Validator,
} from "./internal/validator.js";
export * from "./sms/index.js";
