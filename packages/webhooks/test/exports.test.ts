import { expect, test } from "vitest";
import * as api from "../src/index.js";
import * as redis from "../src/redis.js";
import * as xml from "../src/xml.js";

// Adding or removing public API shows up here, on purpose.
test("the public API", () => {
  expect(Object.keys(api).sort()).toEqual([
    "WebhookParseError",
    "createMemoryDedupeStore",
    "createWebhookHandler",
    "parseWebhook",
    "verifyWebhook",
    "webhookEventKey",
    "webhookKinds",
  ]);
  expect(Object.keys(xml)).toEqual(["xmlParser"]);
  expect(Object.keys(redis)).toEqual(["createRedisDedupeStore"]);
});
