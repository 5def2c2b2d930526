// Checked by `tsc -p tsconfig.json`: what must compile, and what must not.
import type * as client from "@bestsms/client";
import { expectTypeOf } from "vitest";
import {
  type BestSMS,
  clientFromEnv,
  type components,
  type ExecutionContextLike,
  type WebhookWorker,
  webhookWorker,
} from "../src/index.js";

// A Worker's Env is an interface (as `wrangler types` writes it), with bindings of any kind.
interface Env {
  BESTSMS_AUTH_TOKEN: string;
  BESTSMS_WEBHOOK_TOKEN: string;
  STATUS: { put(key: string, value: string): Promise<void> };
}
declare const env: Env;

expectTypeOf<components>().toEqualTypeOf<client.components>();
expectTypeOf(clientFromEnv(env)).toEqualTypeOf<BestSMS>();
// @ts-expect-error: the env binding is an object
clientFromEnv("BESTSMS_AUTH_TOKEN");

const worker = webhookWorker<Env>({
  onStatus: async ({ payload }, { env, ctx }) => {
    expectTypeOf(ctx).toEqualTypeOf<ExecutionContextLike | undefined>();
    await env.STATUS.put(payload.MessageID ?? "", payload.Status ?? "");
  },
  onReceived: ({ payload }) => {
    expectTypeOf(payload.Message).toEqualTypeOf<string | undefined>();
  },
});
expectTypeOf(worker).toEqualTypeOf<WebhookWorker<Env>>();

// The ExportedHandler shape: Cloudflare's ExecutionContext has more than waitUntil.
declare const cloudflareCtx: {
  waitUntil(promise: Promise<unknown>): void;
  passThroughOnException(): void;
  props: unknown;
};
declare const request: Request;
expectTypeOf(worker.fetch(request, env, cloudflareCtx)).toEqualTypeOf<Promise<Response>>();

// @ts-expect-error: both kinds of webhook need a callback
webhookWorker({ onStatus: () => {} });
// @ts-expect-error: respondFirst is a boolean
webhookWorker({ onStatus: () => {}, onReceived: () => {}, respondFirst: "yes" });
