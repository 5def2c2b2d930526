// The spec is read through Vite's `?raw` imports, so these tests need no Node types.
import specText from "../../../../spec/bestsms.openapi.yaml?raw";

/** One request-body example of a webhook in the spec. */
export interface WebhookExample {
  /** `smsStatus/application/json/delivered` */
  id: string;
  mediaType: string;
  /** The schema the example is for, from its `$ref`: `StatusWebhook` or `ReceivedWebhook`. */
  schema: string;
  /** The example itself: the JSON value, or the text of the file an `externalValue` names. */
  body: string;
  /** For JSON examples, the value as the spec gives it. */
  value?: Record<string, unknown>;
}

async function readSpecFile(relative: string): Promise<string> {
  const path = new URL(`../../../../spec/${relative}`, import.meta.url).pathname;
  const loaded = (await import(/* @vite-ignore */ `${path}?raw`)) as { default: string };
  return loaded.default;
}

function record(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new Error(`${where} is not an object`);
  }
  return value as Record<string, unknown>;
}

/** Every request-body example of every webhook in the spec. */
export async function webhookExamples(): Promise<WebhookExample[]> {
  const { parseSpec } = await import("@bestsms/spec-model/parse");
  const spec = parseSpec("spec/bestsms.openapi.yaml", specText).root;
  const examples: WebhookExample[] = [];
  for (const [webhook, item] of Object.entries(record(spec.webhooks, "webhooks"))) {
    const content = record(
      record(record(record(item, webhook).post, "post").requestBody, "requestBody").content,
      "content",
    );
    for (const [mediaType, media] of Object.entries(content)) {
      const { schema, examples: named } = record(media, mediaType);
      const ref = String(record(schema, "schema").$ref);
      for (const [name, raw] of Object.entries(record(named, "examples"))) {
        const example = record(raw, name);
        const id = `${webhook}/${mediaType}/${name}`;
        const schemaName = ref.slice(ref.lastIndexOf("/") + 1);
        if (typeof example.externalValue === "string") {
          examples.push({
            id,
            mediaType,
            schema: schemaName,
            body: await readSpecFile(example.externalValue),
          });
        } else {
          const value = record(example.value, id);
          examples.push({ id, mediaType, schema: schemaName, body: JSON.stringify(value), value });
        }
      }
    }
  }
  return examples;
}
