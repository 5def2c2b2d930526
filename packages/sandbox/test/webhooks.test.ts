// Webhooks from the sandbox server to real node:http receivers on 127.0.0.1: JSON and XML, the
// headers, retries every 5 minutes for 24 hours, received SMS, and which URL wins.
import { BestSMS } from "@bestsms/client";
import { operationValidators } from "@bestsms/validation";
import { parseWebhook } from "@bestsms/webhooks";
import { xmlParser } from "@bestsms/webhooks/xml";
import { afterEach, describe, expect, it } from "vitest";
import { createSandboxApp } from "../src/app.js";
import {
  type RunningSandbox,
  type StartSandboxOptions,
  startSandbox,
  WEBHOOK_RETRY_INTERVAL_MS,
} from "../src/index.js";
import {
  eventually,
  type ManualClock,
  manualClock,
  type Receiver,
  readWebhookXml,
  specChecker,
  startReceiver,
} from "./helpers.js";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const FIELDS = [
  "Version",
  "Sender",
  "APIKey",
  "Type",
  "Destination",
  "ContactID",
  "ReceivedID",
  "MessageID",
  "SubAccount",
  "Department",
  "JobNumber",
  "SentTimeLocal",
  "SentTimeUTC-ISO8601",
  "SentTimeUTC-RFC3339",
  "Status",
  "Result",
  "Message",
  "Price",
  "Detail",
  "URL",
];

const checker = specChecker();
const cleanup: (() => Promise<void>)[] = [];

afterEach(async () => {
  while (cleanup.length > 0) await cleanup.pop()?.();
});

async function receiver(): Promise<Receiver> {
  const r = await startReceiver();
  cleanup.push(() => r.close());
  return r;
}

async function sandboxWith(
  options: StartSandboxOptions = {},
): Promise<{ sandbox: RunningSandbox; client: BestSMS; clock: ManualClock }> {
  const clock = manualClock();
  const sandbox = await startSandbox({ clock, authToken: "hook-token", ...options });
  cleanup.push(() => sandbox.close());
  const client = new BestSMS({ authToken: sandbox.authToken, baseUrl: sandbox.url, maxRetries: 0 });
  return { sandbox, client, clock };
}

/** A sandbox posting its webhooks to `webhookUrl`, once a Test-mode message was sent. */
async function sentTestMessage(webhookUrl: string) {
  const started = await sandboxWith({ webhookUrl });
  await started.client.messaging.sms.sendMessage({
    MessageText: "Hi",
    Recipients: "+61421000001",
    SendMode: "Test",
  });
  return started;
}

function jsonBodies(r: Receiver): Record<string, string>[] {
  return r.requests.map((request) => JSON.parse(request.body) as Record<string, string>);
}

describe("status webhooks", () => {
  it("posts one JSON report per recipient, with the service's fields and headers", async () => {
    const hooks = await receiver();
    const { sandbox, client } = await sandboxWith({ webhookUrl: hooks.url });
    const sent = await client.messaging.sms.sendMessage({
      MessageText: "Hello",
      Recipients: ["+61421000001", "+61421009900"],
      SubAccount: "Sub01",
      Department: "Dept01",
    });
    await sandbox.advance(2_000);
    expect(hooks.requests).toHaveLength(2);
    const job = sandbox.latestMessage(sent.MessageID ?? "")?.JobNum;
    for (const request of hooks.requests) {
      expect(request.method).toBe("POST");
      expect(request.url).toBe("/hook");
      expect(request.headers).toMatchObject({
        "content-type": "application/json; charset=utf-8",
        "x-timestamp": "2025-08-09T23:00:02Z",
        "x-sender": "sandbox@bestsms.local",
        authorization: "Basic hook-token",
      });
    }
    const bodies = jsonBodies(hooks).sort((a, b) =>
      String(a.Status).localeCompare(String(b.Status)),
    );
    for (const body of bodies) {
      expect(Object.keys(body)).toEqual(FIELDS);
      expect(checker.checkSchema("StatusWebhook", body)).toEqual([]);
    }
    const common = {
      Version: "2.04",
      Sender: "sandbox@bestsms.local",
      APIKey: "hook-token",
      Type: "SMS",
      ContactID: "",
      ReceivedID: "",
      MessageID: sent.MessageID,
      SubAccount: "Sub01",
      Department: "Dept01",
      JobNumber: job,
      SentTimeLocal: "2025-08-10 09:00:02",
      "SentTimeUTC-ISO8601": "2025-08-09T23:00:02Z",
      "SentTimeUTC-RFC3339": "2025-08-09T23:00:02Z",
      Message: "",
      Detail: "SMSParts:1",
      URL: hooks.url,
    };
    expect(bodies).toEqual([
      {
        ...common,
        Destination: "+61421009900",
        Status: "FAILED",
        Result: "Bad Number",
        Price: "0.00",
      },
      {
        ...common,
        Destination: "+61421000001",
        Status: "SUCCESS",
        Result: "Sent OK",
        Price: "0.20",
      },
    ]);
    expect(sandbox.deliveries.map((d) => [d.status, d.attempts.length])).toEqual([
      ["delivered", 1],
      ["delivered", 1],
    ]);
  });

  it("posts XML to a message's own URL, which overrides the sandbox-wide one", async () => {
    const wide = await receiver();
    const own = await receiver();
    const { sandbox, client } = await sandboxWith({ webhookUrl: wide.url });
    // The client checks WebhookCallbackURL against the spec (https only) before sending; the
    // sandbox also takes http:// on loopback, so this client skips its check of the send body.
    const local = new BestSMS({
      authToken: sandbox.authToken,
      baseUrl: sandbox.url,
      validators: { ...operationValidators, "messaging.sms.sendMessage": undefined },
    });
    const sent = await local.messaging.sms.sendMessage({
      MessageText: "Hi",
      Recipients: "+61421000001",
      SendMode: "Test",
      WebhookCallbackURL: own.url,
      WebhookCallbackFormat: "XML",
    });
    await client.messaging.sms.sendMessage({
      MessageText: "Hi",
      Recipients: "+61421000002",
      SendMode: "Test",
    });
    await sandbox.runDue();
    expect(own.requests).toHaveLength(1);
    expect(wide.requests).toHaveLength(1);
    const [xml] = own.requests;
    expect(xml?.headers["content-type"]).toBe("application/xml; charset=utf-8");
    expect(xml?.body.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<Webhook>\n')).toBe(true);
    const fields = readWebhookXml(xml?.body ?? "");
    expect(Object.keys(fields)).toEqual(FIELDS);
    expect(fields).toMatchObject({
      Type: "SMS",
      Destination: "+61421000001",
      MessageID: sent.MessageID,
      Status: "SUCCESS",
      Result: "Sent OK",
      Price: "0.00",
      URL: own.url,
    });
    expect(JSON.parse(wide.requests[0]?.body ?? "{}")).toMatchObject({
      Destination: "+61421000002",
      URL: wide.url,
    });
  });

  it("also posts PENDING reports when asked", async () => {
    const hooks = await receiver();
    const { sandbox, client } = await sandboxWith({ webhookUrl: hooks.url, pendingWebhooks: true });
    await client.messaging.sms.sendMessage({ MessageText: "Hi", Recipients: "+61421000001" });
    await sandbox.runDue();
    expect(jsonBodies(hooks).map((b) => [b.Status, b.Result, b.SentTimeLocal])).toEqual([
      ["PENDING", "", "2025-08-10 09:00:00"],
    ]);
    await sandbox.advance(2_000);
    expect(jsonBodies(hooks).map((b) => b.Status)).toEqual(["PENDING", "SUCCESS"]);
  });

  it("sends none without a URL", async () => {
    const { sandbox, client } = await sandboxWith();
    await client.messaging.sms.sendMessage({ MessageText: "Hi", Recipients: "+61421000001" });
    await sandbox.advance(2_000);
    expect(sandbox.deliveries).toEqual([]);
  });
});

describe("the injected fetch", () => {
  it("posts every webhook through it", async () => {
    const calls: { url: string; headers: Headers; body: string }[] = [];
    const clock = manualClock();
    const sandbox = createSandboxApp({
      clock,
      authToken: "t",
      webhookUrl: "https://hooks.example.com/bestsms",
      fetch: async (input, init) => {
        calls.push({
          url: String(input),
          headers: new Headers(init?.headers),
          body: String(init?.body),
        });
        return new Response(null, { status: calls.length === 1 ? 502 : 204 });
      },
    });
    const response = await sandbox.fetch(
      new Request("http://sandbox.test/send/sms", {
        method: "POST",
        headers: { Authorization: "Basic t" },
        body: JSON.stringify({
          MessageData: {
            Message: "x",
            Destinations: [{ Recipient: "+61421000001" }],
            Mode: "Test",
          },
        }),
      }),
    );
    expect(response.status).toBe(200);
    await sandbox.settle();
    await sandbox.advance(5 * MINUTE);
    expect(
      calls.map((c) => [c.url, c.headers.get("authorization"), c.headers.get("x-timestamp")]),
    ).toEqual([
      ["https://hooks.example.com/bestsms", "Basic t", "2025-08-09T23:00:00Z"],
      ["https://hooks.example.com/bestsms", "Basic t", "2025-08-09T23:05:00Z"],
    ]);
    expect(sandbox.deliveries[0]?.attempts.map((a) => a.status)).toEqual([502, 204]);
    expect(sandbox.deliveries[0]?.status).toBe("delivered");
  });
});

describe("retries", () => {
  it("retries every 5 minutes while the receiver fails, and stops once it answers 200", async () => {
    const hooks = await receiver();
    hooks.status = 500;
    const { sandbox } = await sentTestMessage(hooks.url);
    await sandbox.runDue();
    expect(hooks.requests).toHaveLength(1);
    await sandbox.advance(WEBHOOK_RETRY_INTERVAL_MS - 1);
    expect(hooks.requests).toHaveLength(1);
    await sandbox.advance(1);
    expect(hooks.requests).toHaveLength(2);
    await sandbox.advance(5 * MINUTE);
    expect(hooks.requests).toHaveLength(3);
    hooks.status = 200;
    await sandbox.advance(5 * MINUTE);
    expect(hooks.requests).toHaveLength(4);
    await sandbox.advance(HOUR);
    expect(hooks.requests).toHaveLength(4);
    expect(hooks.requests.map((r) => r.headers["x-timestamp"])).toEqual([
      "2025-08-09T23:00:00Z",
      "2025-08-09T23:05:00Z",
      "2025-08-09T23:10:00Z",
      "2025-08-09T23:15:00Z",
    ]);
    const [delivery] = sandbox.deliveries;
    expect(delivery?.status).toBe("delivered");
    expect(delivery?.attempts.map((a) => a.status)).toEqual([500, 500, 500, 200]);
    // Every attempt posts the same body.
    expect(new Set(hooks.requests.map((r) => r.body)).size).toBe(1);
  });

  it("gives up after 24 hours: 289 attempts 5 minutes apart, then none", async () => {
    const hooks = await receiver();
    hooks.status = 503;
    const { sandbox } = await sentTestMessage(hooks.url);
    await sandbox.advance(25 * HOUR);
    expect(hooks.requests).toHaveLength(289);
    const [delivery] = sandbox.deliveries;
    expect(delivery?.status).toBe("dropped");
    expect(delivery?.nextAttemptAt).toBeUndefined();
    const times = delivery?.attempts.map((a) => a.at - (delivery?.createdAt ?? 0)) ?? [];
    expect(times).toEqual(Array.from({ length: 289 }, (_, i) => i * 5 * MINUTE));
    hooks.status = 200;
    await sandbox.advance(HOUR);
    expect(hooks.requests).toHaveLength(289);
  });

  it("counts a network error as a failed attempt", async () => {
    const hooks = await receiver();
    const url = hooks.url;
    await hooks.close();
    const { sandbox } = await sentTestMessage(url);
    await sandbox.runDue();
    const [delivery] = sandbox.deliveries;
    expect(delivery?.status).toBe("pending");
    expect(delivery?.attempts[0]?.error).toMatch(/fetch failed|ECONNREFUSED/);
    expect(delivery?.nextAttemptAt).toBe((delivery?.createdAt ?? 0) + 5 * MINUTE);
  });
});

describe("received SMS", () => {
  it("simulateReply is pollable and webhooked (SMSReply), XML-escaped in XML", async () => {
    const hooks = await receiver();
    const { sandbox, client } = await sandboxWith({ webhookUrl: hooks.url, webhookFormat: "XML" });
    const contact = await client.addressbook.contact.create({
      FirstName: "Kim",
      MobilePhone: "+61421000002",
    });
    const sent = await client.messaging.sms.sendMessage({
      MessageText: "Coming?",
      Recipients: ["+61421000001", "+61421000002"],
      FromNumber: "+61421000009",
    });
    const id = sent.MessageID ?? "";
    await sandbox.advance(2_000);
    hooks.requests.length = 0;
    await sandbox.advance(MINUTE);
    const first = await sandbox.simulateReply({ MessageID: id, MessageText: "Yes & <soon>" });
    const second = await sandbox.simulateReply({
      MessageID: id,
      From: "+61421000002",
      MessageText: "No",
    });
    expect(first).toMatchObject({ From: "+61421000001", To: "+61421000009", Type: "SMSReply" });
    expect(second.ContactID).toBe(contact.Contact?.ContactID);

    expect(hooks.requests).toHaveLength(2);
    expect(hooks.requests[0]?.body).toContain("<Message>Yes &amp; &lt;soon&gt;</Message>");
    const hook = readWebhookXml(hooks.requests[0]?.body ?? "");
    expect(checker.checkSchema("ReceivedWebhook", hook)).toEqual([]);
    expect(hook).toMatchObject({
      Type: "SMSReply",
      Destination: "+61421000001",
      ReceivedID: first.ReceivedID,
      MessageID: id,
      SentTimeLocal: "2025-08-10 09:01:02",
      Status: "RECEIVED",
      Result: "RECEIVED",
      Message: "Yes & <soon>",
      Price: "0.20",
      Detail: "SMSParts:1",
    });

    const replies = await client.reports.smsReply.poll({ MessageID: id });
    expect(
      replies.Recipients?.map((r) => [r.Destination, r.SMSReplies?.map((x) => x.MessageText)]),
    ).toEqual([
      ["+61421000001", ["Yes & <soon>"]],
      ["+61421000002", ["No"]],
    ]);
    expect(replies.Recipients?.[0]?.SMSReplies?.[0]).toEqual({
      ReceivedID: first.ReceivedID,
      ReceivedTimeLocal: "2025-08-10 09:01:02",
      ReceivedTimeUTC: "2025-08-09 23:01:02",
      Timezone: "AUS Eastern",
      From: "+61421000001",
      MessageText: "Yes & <soon>",
    });
    const received = await client.reports.smsReceived.poll({ TimePeriod: 5 });
    expect(received.Messages?.map((m) => [m.MessageID, m.From, m.MessageText])).toEqual([
      [id, "+61421000001", "Yes & <soon>"],
      [id, "+61421000002", "No"],
    ]);
    await expect(
      sandbox.simulateReply({ MessageID: id, From: "+61499999999", MessageText: "?" }),
    ).rejects.toThrow(/not a recipient/);
  });

  it("simulateInbound is pollable and webhooked (SMSInbound) to the sandbox-wide URL only", async () => {
    const hooks = await receiver();
    const { sandbox, client } = await sandboxWith({ webhookUrl: hooks.url });
    const inbound = await sandbox.simulateInbound({
      From: "+61421000005",
      MessageText: "STOP",
      To: "+61421000009",
    });
    expect(jsonBodies(hooks)).toEqual([
      {
        Version: "2.04",
        Sender: "sandbox@bestsms.local",
        APIKey: "hook-token",
        Type: "SMSInbound",
        Destination: "+61421000005",
        ContactID: "",
        ReceivedID: inbound.ReceivedID,
        MessageID: "",
        SubAccount: "",
        Department: "",
        JobNumber: "",
        SentTimeLocal: "2025-08-10 09:00:00",
        "SentTimeUTC-ISO8601": "2025-08-09T23:00:00Z",
        "SentTimeUTC-RFC3339": "2025-08-09T23:00:00Z",
        Status: "RECEIVED",
        Result: "RECEIVED",
        Message: "STOP",
        Price: "0.00",
        Detail: "",
        URL: hooks.url,
      },
    ]);
    const received = await client.reports.smsReceived.poll({});
    expect(received.Messages?.map((m) => [m.ReceivedID, m.From, m.MessageText])).toEqual([
      [inbound.ReceivedID, "+61421000005", "STOP"],
    ]);
  });
});

describe("line ends in received SMS", () => {
  it("keeps a CR through an XML webhook (as &#13;) as through JSON, read by parseWebhook", async () => {
    const text = "a\r\nb\rc\nd";
    for (const webhookFormat of ["XML", "JSON"] as const) {
      const hooks = await receiver();
      const { sandbox } = await sandboxWith({ webhookUrl: hooks.url, webhookFormat });
      await sandbox.simulateInbound({ From: "+61421000005", MessageText: text });
      const [request] = hooks.requests;
      const body = request?.body ?? "";
      if (webhookFormat === "XML") {
        expect(body).toContain("<Message>a&#13;\nb&#13;c\nd</Message>");
        expect(body).not.toContain("\r");
      }
      const webhook = parseWebhook(body, {
        contentType: request?.headers["content-type"],
        xml: xmlParser,
      });
      expect(webhook).toMatchObject({ kind: "received", format: webhookFormat.toLowerCase() });
      expect(webhook.payload.Message).toBe(text);
    }
  });
});

describe("the server without an injected clock", () => {
  it("progresses on real time: reports and webhooks arrive on their own", async () => {
    const hooks = await receiver();
    const sandbox = await startSandbox({ webhookUrl: hooks.url, deliveryDelayMs: 50, tickMs: 20 });
    cleanup.push(() => sandbox.close());
    const client = new BestSMS({ authToken: sandbox.authToken, baseUrl: sandbox.url });
    expect(sandbox.authToken).toMatch(/^sandbox_[0-9a-f]{32}$/);
    await client.messaging.sms.sendMessage({ MessageText: "Hi", Recipients: "+61421000001" });
    await eventually(() => hooks.requests.length === 1);
    expect(JSON.parse(hooks.requests[0]?.body ?? "{}")).toMatchObject({ Status: "SUCCESS" });
    // advance() still works on top of real time.
    const before = sandbox.now();
    await sandbox.advance(HOUR);
    expect(sandbox.now() - before).toBeGreaterThanOrEqual(HOUR);
  });

  it("listens on loopback addresses only", async () => {
    await expect(startSandbox({ host: "0.0.0.0" })).rejects.toThrow(/loopback/);
  });
});
