// The model of the spec the generator and the release checks read: one builder per OpenAPI
// object, assembled here.
import { isObject } from "../json.js";
import type { Spec } from "../parse.js";
import { type OperationModel, readOperations } from "./operation.js";
import { readBaseUrl } from "./server.js";
import { readWebhooks, type WebhookModel } from "./webhook.js";

export interface ApiModel {
  readonly title: string;
  readonly version: string;
  /** The first server's URL with its variables at their defaults. */
  readonly baseUrl: string;
  readonly operations: readonly OperationModel[];
  readonly webhooks: readonly WebhookModel[];
}

/** Builds the model of every operation and webhook, checking what the generator relies on. */
export function buildModel(spec: Spec): ApiModel {
  const info = isObject(spec.root.info) ? spec.root.info : {};
  const operations = readOperations(spec);
  const webhooks = readWebhooks(spec);
  return {
    baseUrl: readBaseUrl(spec),
    title: typeof info.title === "string" ? info.title : "API",
    version: typeof info.version === "string" ? info.version : "0",
    operations,
    webhooks,
  };
}
