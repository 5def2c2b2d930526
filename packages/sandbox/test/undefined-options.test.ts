// The exported options types take `undefined` for every optional field, for projects built with
// `exactOptionalPropertyTypes` (this package's own tsc run, over test/ too, has it on): these
// calls must compile, and `undefined` must behave as "not given".
import { BestSMS } from "@bestsms/client";
import { afterEach, describe, expect, it } from "vitest";
import {
  createSandboxApp,
  type SandboxControlOptions,
  type SandboxOptions,
  type SimulateInboundInput,
  type SimulateReplyInput,
  type StartSandboxOptions,
  sandboxControl,
  startSandbox,
} from "../src/index.js";
import { optionsFromEnv, type SandboxWorkerEnv } from "../src/worker.js";

/**
 * Every field of `T`, each set to `undefined`. Listing them all means a new option fails to
 * compile here until it is added, and then until its type takes `undefined`.
 */
type AllUndefined<T> = { readonly [K in keyof Required<T>]: undefined };

const noSandboxOptions: AllUndefined<SandboxOptions> = {
  authToken: undefined,
  clock: undefined,
  deliveryDelayMs: undefined,
  webhookUrl: undefined,
  webhookFormat: undefined,
  pendingWebhooks: undefined,
  fetch: undefined,
  webhookTimeoutMs: undefined,
  timeZone: undefined,
  utcOffsetMinutes: undefined,
  account: undefined,
  owner: undefined,
  sender: undefined,
  pricePerPart: undefined,
  replyLinkBase: undefined,
  strict: undefined,
  log: undefined,
  onRequest: undefined,
  onWebhookAttempt: undefined,
};
const noStartOptions: AllUndefined<StartSandboxOptions> = {
  ...noSandboxOptions,
  port: undefined,
  host: undefined,
  tickMs: undefined,
  store: undefined,
};
const noControlOptions: AllUndefined<SandboxControlOptions> = { fetch: undefined };

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanup.length > 0) await cleanup.pop()?.();
});

describe("options given as undefined", () => {
  it("startSandbox takes them as not given: defaults throughout", async () => {
    // `process.env.X` is `string | undefined`: what users pass most often.
    const sandbox = await startSandbox({
      ...noStartOptions,
      webhookUrl: process.env.BESTSMS_SANDBOX_TEST_UNSET,
      port: undefined,
    });
    cleanup.push(() => sandbox.close());
    expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sandbox.port).toBeGreaterThan(0);
    expect(sandbox.authToken).toMatch(/^sandbox_[0-9a-f]{32}$/);
    const client = new BestSMS({ authToken: sandbox.authToken, baseUrl: sandbox.url });
    const sent = await client.messaging.sms.sendMessage({
      MessageText: "Hi",
      Recipients: "+61421000001",
    });
    const message = sandbox.latestMessage(sent.MessageID);
    expect(message).toMatchObject({ Timezone: "AUS Eastern", Status: "Pending" });
    expect(sandbox.deliveries).toEqual([]); // no webhookUrl: no webhooks

    const control = sandboxControl(sandbox.url, sandbox.authToken, noControlOptions);
    const reply = await control.reply({
      MessageID: sent.MessageID,
      From: undefined,
      MessageText: "YES",
    });
    expect(reply.From).toBe("+61421000001"); // the first recipient
    const inbound = await control.inbound({
      From: "+61421000002",
      MessageText: "Hi",
      To: undefined,
    });
    expect(inbound.To).toBe("");
  });

  it("the app and its simulate inputs take them as not given", async () => {
    const sandbox = createSandboxApp(noSandboxOptions);
    const client = new BestSMS({
      authToken: sandbox.authToken,
      baseUrl: "http://sandbox.test",
      fetch: (input, init) => sandbox.fetch(new Request(input, init)),
    });
    const { MessageID } = await client.messaging.sms.sendMessage({
      MessageText: "Hi",
      Recipients: "+61421000001",
    });
    const reply: SimulateReplyInput = { MessageID, From: undefined, MessageText: "YES" };
    expect((await sandbox.simulateReply(reply)).From).toBe("+61421000001");
    const inbound: SimulateInboundInput = {
      From: "+61421000002",
      MessageText: "Hi",
      To: undefined,
    };
    expect((await sandbox.simulateInbound(inbound)).To).toBe("");
  });

  it("optionsFromEnv takes unset variables as not given", () => {
    const env: AllUndefined<Omit<SandboxWorkerEnv, "SANDBOX">> = {
      SANDBOX_TOKEN: undefined,
      WEBHOOK_URL: undefined,
      WEBHOOK_FORMAT: undefined,
      DELIVERY_DELAY_MS: undefined,
      STRICT: undefined,
      FROZEN_AT: undefined,
    };
    const namespace = {} as SandboxWorkerEnv["SANDBOX"];
    expect(() => optionsFromEnv({ SANDBOX: namespace, ...env })).toThrow(
      /SANDBOX_TOKEN is not set/,
    );
    expect(optionsFromEnv({ SANDBOX: namespace, ...env, SANDBOX_TOKEN: "t" })).toEqual({
      authToken: "t",
      log: false,
      strict: false,
    });
  });
});
