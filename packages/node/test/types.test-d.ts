// Checked by `tsc -p tsconfig.json`: what must compile, and what must not.
import { createServer } from "node:http";
import type * as client from "@bestsms/client";
import type * as validation from "@bestsms/validation";
import express from "express";
import { expectTypeOf } from "vitest";
import {
  type BestSMS,
  type ClientFromEnvOptions,
  clientFromEnv,
  type components,
  createWebhookHandler,
  type NodeListener,
  toNodeListener,
  type Validator,
  type WebhookHandlerOptions,
  type webhooks,
} from "../src/index.js";

// The generated types are the client's.
expectTypeOf<components>().toEqualTypeOf<client.components>();
expectTypeOf<webhooks>().toEqualTypeOf<client.webhooks>();
expectTypeOf<Validator<string>>().toEqualTypeOf<validation.Validator<string>>();

expectTypeOf(clientFromEnv).returns.toEqualTypeOf<BestSMS>();
expectTypeOf<ClientFromEnvOptions["env"]>().toEqualTypeOf<
  Record<string, string | undefined> | undefined
>();
// @ts-expect-error: the scheme is one of two words
clientFromEnv({ authScheme: "Digest" });

declare const options: WebhookHandlerOptions;
const listener: NodeListener = toNodeListener(createWebhookHandler(options));
createServer(listener);
express().post("/webhooks", listener);
express().post("/webhooks", express.raw({ type: "*/*" }), listener);
// @ts-expect-error: a fetch handler, not a listener
toNodeListener((request: Request) => request);
