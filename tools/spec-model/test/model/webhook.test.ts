import { describe, expect, it } from "vitest";
import { buildModel } from "../../src/index.js";
import { specOf } from "../helpers.js";

describe("webhooks", () => {
  it("model each webhook's post: its JSON schema and every media type", () => {
    const spec = specOf(
      "servers: [{ url: 'https://x/{v}', variables: { v: { default: v1 } } }]",
      "webhooks:",
      "  status:",
      "    post:",
      "      operationId: statusWebhook",
      "      summary: Status.",
      "      requestBody:",
      "        content: { application/json: { schema: { type: object } }, application/xml: {} }",
    );
    const model = buildModel(spec);
    expect(model.baseUrl).toBe("https://x/v1");
    expect(model.webhooks).toEqual([
      {
        name: "status",
        id: "statusWebhook",
        summary: "Status.",
        schema: { type: "object" },
        mediaTypes: ["application/json", "application/xml"],
        pointer: "#/webhooks/status/post",
      },
    ]);
  });

  it("need a post with a JSON body schema", () => {
    expect(() => buildModel(specOf("webhooks:", "  status: { get: {} }"))).toThrow(
      "test.yaml:2 at #/webhooks/status: a webhook needs a post",
    );
  });
});
