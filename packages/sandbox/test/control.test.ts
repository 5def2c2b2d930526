// The control API (/_sandbox/…) and sandboxControl(), against a real server on 127.0.0.1.
import { BestSMS } from "@bestsms/client";
import { afterEach, describe, expect, it } from "vitest";
import {
  type ControlDelivery,
  type ControlRequest,
  SandboxControlError,
  sandboxControl,
  startSandbox,
  WEBHOOK_RETRY_INTERVAL_MS,
} from "../src/index.js";
import { manualClock, specChecker, startReceiver } from "./helpers.js";

// Every control answer the tests get is checked against spec/sandbox-control.openapi.yaml.
const checker = specChecker(new URL("../../../spec/sandbox-control.openapi.yaml", import.meta.url));
const schemaErrors: string[] = [];
const checkingFetch: typeof fetch = async (input, init) => {
  const response = await fetch(input, init);
  const method = init?.method ?? "GET";
  const operation = checker.operationFor(method, new URL(String(input)).pathname);
  if (!operation) {
    schemaErrors.push(`no operation for ${method} ${String(input)}`);
    return response;
  }
  for (const error of checker.check(operation.id, response.status, await response.clone().json())) {
    schemaErrors.push(`${operation.id} ${response.status}: ${error.instancePath} ${error.message}`);
  }
  return response;
};

afterEach(() => {
  expect(schemaErrors).toEqual([]);
});

const TOKEN = "control-token-123";
const cleanup: (() => Promise<void>)[] = [];

afterEach(async () => {
  while (cleanup.length > 0) await cleanup.pop()?.();
});

async function setUp(options: { webhookUrl?: string } = {}) {
  const clock = manualClock();
  const requests: ControlRequest[] = [];
  const attempts: ControlDelivery[] = [];
  const sandbox = await startSandbox({
    clock,
    authToken: TOKEN,
    log: false,
    onRequest: (entry) => requests.push(entry),
    onWebhookAttempt: (delivery) => attempts.push(delivery),
    ...options,
  });
  cleanup.push(() => sandbox.close());
  const client = new BestSMS({ authToken: TOKEN, baseUrl: sandbox.apiUrl, maxRetries: 0 });
  const control = sandboxControl(sandbox.url, TOKEN, { fetch: checkingFetch });
  return { sandbox, client, control, requests, attempts };
}

describe("the control API", () => {
  it("simulates a reply and an inbound SMS that the API then polls", async () => {
    const { client, control } = await setUp();
    const { MessageID } = await client.messaging.sms.sendMessage({
      MessageText: "Reply YES",
      Recipients: "+61421000001",
    });
    const reply = await control.reply({ MessageID, MessageText: "YES" });
    expect(reply).toMatchObject({ Type: "SMSReply", MessageID, From: "+61421000001" });
    const polled = await client.reports.smsReply.poll({ MessageID });
    expect(polled.Recipients[0]?.SMSReplies?.[0]?.MessageText).toBe("YES");

    const inbound = await control.inbound({ From: "+61421000009", MessageText: "STOP" });
    expect(inbound).toMatchObject({ Type: "SMSInbound", From: "+61421000009", MessageID: "" });
    const received = await client.reports.smsReceived.poll({});
    expect(received.Messages.map((m) => m.MessageText)).toEqual(["YES", "STOP"]);
  });

  it("refuses an unknown MessageID with 404 and a bad body with 400, naming the fields", async () => {
    const { control, sandbox } = await setUp();
    const missing = await control
      .reply({ MessageID: "nope", MessageText: "hi" })
      .catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(SandboxControlError);
    expect(missing).toMatchObject({ status: 404 });
    const bad = await fetch(`${sandbox.url}/_sandbox/inbound`, {
      method: "POST",
      headers: { Authorization: `Basic ${TOKEN}` },
      body: JSON.stringify({ From: 5 }),
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      Result: "Failed",
      ErrorMessage: ["From: required, a text", "MessageText: required, a text"],
    });
    const advance = await control.advance(-1).catch((e: unknown) => e);
    expect(advance).toMatchObject({ status: 400 });
  });

  it("needs the token, and never shows it", async () => {
    const { sandbox } = await setUp();
    const response = await fetch(`${sandbox.url}/_sandbox/messages`, {
      headers: { Authorization: "Basic wrong" },
    });
    expect(response.status).toBe(401);
    const error = await sandboxControl(sandbox.url, "wrong", { fetch: checkingFetch })
      .messages()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 401 });
    expect(String(error)).not.toContain(TOKEN);
  });

  it("moves the clock: messages complete and failed webhooks are retried", async () => {
    const hooks = await startReceiver();
    cleanup.push(() => hooks.close());
    hooks.status = 503;
    const { client, control, attempts } = await setUp({ webhookUrl: hooks.url });
    const { MessageID } = await client.messaging.sms.sendMessage({
      MessageText: "Hi",
      Recipients: "+61421000001",
    });
    expect((await control.messages())[0]).toMatchObject({ MessageID, Status: "Pending" });
    expect(await control.advance(2_000)).toBe("2025-08-09T23:00:02Z");
    const [message] = await control.messages();
    expect(message).toMatchObject({ Status: "Completed" });
    expect(message?.Recipients[0]).toMatchObject({ Status: "Success", Result: "Sent OK" });

    let [delivery] = await control.deliveries();
    expect(delivery).toMatchObject({
      URL: hooks.url,
      Type: "SMS",
      MessageID,
      State: "pending",
      NextAttemptAt: "2025-08-09T23:05:02Z",
      Attempts: [{ At: "2025-08-09T23:00:02Z", Status: 503 }],
    });
    hooks.status = 200;
    await control.advance(WEBHOOK_RETRY_INTERVAL_MS);
    [delivery] = await control.deliveries();
    expect(delivery).toMatchObject({ State: "delivered", Attempts: [{}, { Status: 200 }] });
    expect(delivery).not.toHaveProperty("NextAttemptAt");
    expect(attempts.map((a) => a.Attempts.at(-1)?.Status)).toEqual([503, 200]);
    expect(JSON.stringify(await control.deliveries())).not.toContain(TOKEN);
  });

  it("lists the last requests with their answers, without the token, and resets", async () => {
    const { client, control, requests } = await setUp();
    await client.messaging.sms.sendMessage({ MessageText: "Hi", Recipients: "+61421000001" });
    await client.reports.status.poll({ MessageID: "missing" }).catch(() => undefined);
    const listed = await control.requests();
    expect(listed.map((r) => [r.Method, r.Path, r.Status, r.Result])).toEqual([
      ["POST", "/api/v2.04/send/sms", 200, "Success"],
      ["GET", "/api/v2.04/get/status/missing", 404, "RecordNotFound"],
    ]);
    expect(listed[0]?.Response).toMatchObject({ Result: "Success" });
    // The hook sees control requests too; the list leaves them out.
    expect(requests.map((r) => r.Path)).toContain("/_sandbox/requests");
    expect(JSON.stringify(requests)).not.toContain(TOKEN);

    await control.reset();
    expect(await control.messages()).toEqual([]);
    expect(await control.requests()).toEqual([]);
  });
});
