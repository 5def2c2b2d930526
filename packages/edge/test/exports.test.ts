import * as client from "@bestsms/client";
import * as validation from "@bestsms/validation";
import * as webhooks from "@bestsms/webhooks";
import { expect, test } from "vitest";
import * as api from "../src/index.js";

// Adding or removing public API shows up here, on purpose.
test("the public API: the shared packages' and its own", () => {
  const shared = { ...validation, ...webhooks, ...client };
  const own = Object.keys(api).filter((name) => !(name in shared));
  // clientFromEnv is the client's own: a Worker passes its env binding.
  expect(own.sort()).toEqual([
    "WebhookDedupeObject",
    "createDurableObjectDedupeStore",
    "webhookQueueConsumer",
    "webhookQueueMessage",
    "webhookWorker",
  ]);
  for (const [name, value] of Object.entries(shared)) {
    expect((api as Record<string, unknown>)[name], name).toBe(value);
  }
});
