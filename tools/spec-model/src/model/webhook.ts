// The top-level `webhooks` (OpenAPI 3.1 §4.8.1): what the service POSTs to a receiver.
import { isObject, type JsonObject, pathToPointer } from "../json.js";
import type { Spec } from "../parse.js";
import { deref } from "../refs.js";
import { jsonBodySchema } from "./media-type.js";
import { text } from "./schema.js";

export interface WebhookModel {
  readonly name: string;
  readonly id: string | undefined;
  readonly summary: string | undefined;
  readonly schema: JsonObject;
  readonly mediaTypes: readonly string[];
  readonly pointer: string;
}

/** Every webhook, in document order; each needs a `post` with a JSON body schema. */
export function readWebhooks(spec: Spec): WebhookModel[] {
  const webhooks: WebhookModel[] = [];
  const hooks = isObject(spec.root.webhooks) ? spec.root.webhooks : {};
  for (const [name, item] of Object.entries(hooks)) {
    const pointer = pathToPointer(["webhooks", name, "post"]);
    const post = isObject(item) && isObject(item.post) ? item.post : undefined;
    if (!post) throw spec.error(pathToPointer(["webhooks", name]), "a webhook needs a post");
    const requestBody = isObject(post.requestBody) ? deref(spec, post.requestBody) : undefined;
    const content = requestBody && isObject(requestBody.content) ? requestBody.content : {};
    const schema = jsonBodySchema(spec, requestBody, `${pointer}/requestBody`);
    if (!schema) throw spec.error(`${pointer}/requestBody`, "a webhook needs a JSON body schema");
    webhooks.push({
      name,
      id: typeof post.operationId === "string" ? post.operationId : undefined,
      summary: text(post.summary),
      schema,
      mediaTypes: Object.keys(content),
      pointer,
    });
  }
  return webhooks;
}
