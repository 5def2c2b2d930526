// Checked by `tsc -p tsconfig.json`: what must compile, and what must not.
import type * as client from "@bestsms/client";
import { expectTypeOf } from "vitest";
import {
  type BestSMS,
  clientFromEnv,
  type components,
  type ServeWebhooksOptions,
  serveWebhooks,
  type WebhookHandlerOptions,
  type WebhookServer,
} from "../src/index.js";

expectTypeOf<components>().toEqualTypeOf<client.components>();
expectTypeOf(clientFromEnv).returns.toEqualTypeOf<BestSMS>();
expectTypeOf<ServeWebhooksOptions>().toExtend<WebhookHandlerOptions>();
expectTypeOf(serveWebhooks).returns.toEqualTypeOf<WebhookServer>();

// @ts-expect-error: a token is required
serveWebhooks({ onStatus: () => {}, onReceived: () => {} });
// @ts-expect-error: the port is a number
serveWebhooks({ token: "t", onStatus: () => {}, onReceived: () => {}, port: "3000" });
