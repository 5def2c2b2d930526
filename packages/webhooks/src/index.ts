export type {
  DedupeOptions,
  WebhookCallback,
  WebhookContext,
  WebhookHandler,
  WebhookHandlerOptions,
} from "./create-webhook-handler.js";
export { createWebhookHandler } from "./create-webhook-handler.js";
export type { DedupeStore, MemoryDedupeStoreOptions } from "./dedupe-store.js";
export { createMemoryDedupeStore } from "./dedupe-store.js";
export type { BestSMSWebhook, ReceivedWebhook, StatusWebhook } from "./generated/webhooks.gen.js";
export { webhookKinds } from "./generated/webhooks.gen.js";
export type { ParseWebhookOptions, WebhookBody } from "./parse-webhook.js";
export { parseWebhook } from "./parse-webhook.js";
export type {
  ParsedReceivedWebhook,
  ParsedStatusWebhook,
  ParsedValues,
  ParsedWebhook,
  UnknownWebhook,
  WebhookFormat,
} from "./parsed-webhook.js";
export type {
  VerifyWebhookFailure,
  VerifyWebhookInput,
  VerifyWebhookOptions,
  VerifyWebhookResult,
} from "./verify-webhook.js";
export { verifyWebhook } from "./verify-webhook.js";
export { webhookEventKey } from "./webhook-event-key.js";
export type { WebhookParseErrorReason } from "./webhook-parse-error.js";
export { WebhookParseError } from "./webhook-parse-error.js";
export type { WebhookXmlParser } from "./webhook-xml-parser.js";
