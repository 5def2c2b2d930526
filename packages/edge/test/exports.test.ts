import * as client from "@bestsms/client";
import * as validation from "@bestsms/validation";
import * as webhooks from "@bestsms/webhooks";
import { expect, test } from "vitest";
import { comparePublicApi } from "../../../tools/test-kit/src/public-api.js";
import * as api from "../src/index.js";

// Adding or removing public API shows up here, on purpose.
test("the public API: the shared packages' and its own", () => {
  const { own, replaced, missing } = comparePublicApi(api, [validation, webhooks, client]);
  expect(own).toEqual([
    "WebhookDedupeObject",
    "createDurableObjectDedupeStore",
    "webhookQueueConsumer",
    "webhookQueueMessage",
    "webhookWorker",
  ]);
  // clientFromEnv is the client's own: a Worker passes its env binding.
  expect(replaced).toEqual([]);
  expect(missing).toEqual([]);
});
