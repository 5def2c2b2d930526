export type { components, operations, paths, WithRequired, webhooks } from "@bestsms/validation";
export {
  BestSMS,
  isFinalStatus,
  type ResourceTree,
  type StatusExtras,
  type WaitForOptions,
} from "./client.js";
export {
  BestSMSCore,
  type ClientOptions,
  type Clock,
  type Logger,
  type OperationValidators,
} from "./core.js";
export {
  AbortError,
  ApiError,
  type ApiErrorDetails,
  AuthenticationError,
  BestSMSError,
  ConnectionError,
  type InputIssue,
  NotFoundError,
  RateLimitError,
  TimeoutError,
  ValidationError,
} from "./errors.js";
export { clientFromEnv, type EnvSource } from "./from-env.js";
export * from "./generated/functions.gen.js";
export type * from "./generated/operations.gen.js";
export { apiVersion, defaultBaseUrl } from "./generated/operations.gen.js";
export type {
  HttpMethod,
  Normalized,
  OperationSpec,
  OutputShape,
  ParamSpec,
  Replace,
  RequestOptions,
  Shape,
} from "./internal/types.js";
export { VERSION } from "./version.js";
