import * as client from "@bestsms/client";
import * as validation from "@bestsms/validation";
import * as webhooks from "@bestsms/webhooks";
import { expect, test } from "vitest";
import * as api from "../src/index.js";

// Adding or removing public API shows up here, on purpose. Importing it outside Deno is fine.
test("the public API: the shared packages' and its own", () => {
  const shared = { ...validation, ...webhooks, ...client };
  const own = Object.keys(api).filter((name) => !(name in shared));
  expect(own.sort()).toEqual(["createDenoKvDedupeStore", "serveWebhooks"]);
  // clientFromEnv is the runtime's own: it reads this runtime's environment by default.
  expect(api.clientFromEnv).not.toBe(client.clientFromEnv);
  for (const [name, value] of Object.entries(shared)) {
    if (name === "clientFromEnv") continue;
    expect((api as Record<string, unknown>)[name], name).toBe(value);
  }
});
