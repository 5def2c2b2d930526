import { shortStatusPayload } from "../../webhooks/test/helpers/requests.js";

export const TOKEN = "edge-webhook-token";

/** A status report as the service posts it. */
export function statusPayload(overrides: Record<string, string> = {}): Record<string, string> {
  return shortStatusPayload(TOKEN, "edge-1", overrides);
}

/** A JSON webhook POST. */
export function webhookRequest(payload: unknown, url = "https://worker.example/webhooks"): Request {
  return new Request(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(payload),
  });
}

/** An execution context that keeps what it is given, to await it. */
export function executionContext(): {
  waitUntil(promise: Promise<unknown>): void;
  settled(): Promise<void>;
} {
  const pending: Promise<unknown>[] = [];
  return {
    waitUntil(promise) {
      pending.push(promise);
    },
    async settled() {
      await Promise.all(pending);
    },
  };
}
