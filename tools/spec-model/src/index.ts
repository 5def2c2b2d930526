// @bestsms/spec-model: the one loader and model of spec/bestsms.openapi.yaml.
export * from "./document.js";
export * from "./json.js";
export * from "./keywords.js";
export * from "./model/extensions.js";
export { type ApiModel, buildModel } from "./model/index.js";
export { exampleOf, jsonBodySchema, jsonMediaType } from "./model/media-type.js";
export {
  OPERATION_METHODS,
  type OperationMethod,
  type OperationModel,
} from "./model/operation.js";
export type { ParamModel } from "./model/parameter.js";
export type { BodyModel } from "./model/request-body.js";
export { listItemsOf } from "./model/response.js";
export { collectProperties } from "./model/schema.js";
export type { WebhookModel } from "./model/webhook.js";
export * from "./refs.js";
export * from "./spec.js";
