export type { components, operations, paths, WithRequired, webhooks } from "@bestsms/validation";
export { BestSMS } from "./client.js";
export { BestSMSCore } from "./core.js";
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
export type * from "./operation-spec.js";
export type {
  ClientOptions,
  Clock,
  Hooked,
  Logger,
  Middleware,
  MiddlewareContext,
  OperationValidators,
} from "./options.js";
export { rawClient } from "./raw.js";
export type { ResourceTree } from "./resources.js";
export type { SmsEstimate, SmsExtras } from "./sms.js";
export { VERSION } from "./version.js";
export { isFinalStatus, type StatusExtras, type WaitForOptions } from "./wait-for.js";
