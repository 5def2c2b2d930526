// @bestsms/edge's own helpers in the suite's shape, for workerd and the edge-runtime VM: the
// webhook Worker is called directly, with an execution context whose waitUntil work is awaited
// before the answer is handed back (so callbacks run after the answer, as by default).
import * as sdk from "@bestsms/edge";
import type { NativeHooks, SdkModule } from "../src/suite.js";

export const edgeSdk: SdkModule = sdk;

export const edgeNative: NativeHooks = {
  packageName: "@bestsms/edge",
  clientFromEnv: (env) => sdk.clientFromEnv(env),
  serveWebhooks(options) {
    const { token, onStatus, onReceived } = options;
    const worker = sdk.webhookWorker({ token, onStatus, onReceived });
    const env = {};
    return Promise.resolve({
      async post(init) {
        const pending: Promise<unknown>[] = [];
        const response = await worker.fetch(
          new Request("https://worker.example/webhooks", { method: "POST", ...init }),
          env,
          { waitUntil: (promise) => pending.push(promise) },
        );
        await Promise.all(pending);
        return response;
      },
      close: () => Promise.resolve(),
    });
  },
};
