// Checked by `tsc -p tsconfig.json`: what must compile, and what must not.
import type * as client from "@bestsms/client";
import { expectTypeOf } from "vitest";
import {
  type BestSMS,
  clientFromEnv,
  type components,
  type DenoHttpServer,
  type ServeWebhooksOptions,
  serveWebhooks,
  type WebhookHandlerOptions,
} from "../src/index.js";

expectTypeOf<components>().toEqualTypeOf<client.components>();
expectTypeOf(clientFromEnv).returns.toEqualTypeOf<BestSMS>();
expectTypeOf<ServeWebhooksOptions>().toExtend<WebhookHandlerOptions>();
expectTypeOf(serveWebhooks).returns.toEqualTypeOf<DenoHttpServer>();
expectTypeOf<DenoHttpServer["addr"]["port"]>().toEqualTypeOf<number>();

// @ts-expect-error: a token is required
serveWebhooks({ onStatus: () => {}, onReceived: () => {} });
serveWebhooks({
  token: "t",
  onStatus: () => {},
  onReceived: () => {},
  // @ts-expect-error: onListen is told the address, not a port
  onListen: (port: number) => port,
});
