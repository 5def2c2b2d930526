import * as client from "@bestsms/client";
import * as validation from "@bestsms/validation";
import * as webhooks from "@bestsms/webhooks";
import { expect, test } from "vitest";
import { comparePublicApi } from "../../../tools/test-kit/src/public-api.js";
import * as api from "../src/index.js";

// Adding or removing public API shows up here, on purpose. Importing it outside Deno is fine.
test("the public API: the shared packages' and its own", () => {
  const { own, replaced, missing } = comparePublicApi(api, [validation, webhooks, client]);
  expect(own).toEqual(["createDenoKvDedupeStore", "serveWebhooks"]);
  // clientFromEnv is the runtime's own: it reads this runtime's environment by default.
  expect(replaced).toEqual(["clientFromEnv"]);
  expect(missing).toEqual([]);
});
