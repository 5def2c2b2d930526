// The README's demo, end to end on this machine: the sandbox stands in for BestSMS, the client
// sends the reference document's advanced example, a webhook receiver (the fetch-style handler
// behind node:http) takes the status reports, `waitFor` waits for the final status, and a
// simulated reply is polled back.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { BestSMS } from "@bestsms/client";
import { startSandbox } from "@bestsms/sandbox";
import { missingMergeFields, smsSegments } from "@bestsms/validation";
import {
  createWebhookHandler,
  type ParsedReceivedWebhook,
  type ParsedStatusWebhook,
} from "@bestsms/webhooks";

const started = performance.now();
const elapsed = (): string => `${((performance.now() - started) / 1000).toFixed(1)} s`;

/** A node:http listener that hands each request to a fetch-style handler. */
function listener(handler: (request: Request) => Promise<Response>) {
  return async (incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> => {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(incoming.headers)) {
      if (typeof value === "string") headers.set(name, value);
    }
    const response = await handler(
      new Request(`http://127.0.0.1${incoming.url ?? "/"}`, {
        method: incoming.method ?? "GET",
        headers,
        body: incoming.method === "POST" ? Buffer.concat(chunks) : null,
      }),
    );
    const out: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      out[name] = value;
    });
    outgoing.writeHead(response.status, out);
    outgoing.end(await response.text());
  };
}

const statusReports: ParsedStatusWebhook[] = [];
const received: ParsedReceivedWebhook[] = [];
// The sandbox signs its webhooks with its own token; it is made before the receiver needs it.
const token = `demo_${crypto.randomUUID()}`;
const receiver = createServer(
  listener(
    createWebhookHandler({
      token,
      dedupe: true,
      onStatus: (webhook) => {
        statusReports.push(webhook);
      },
      onReceived: (webhook) => {
        received.push(webhook);
      },
    }),
  ),
);
await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks`;

const sandbox = await startSandbox({
  authToken: token,
  webhookUrl: receiverUrl,
  deliveryDelayMs: 1_500,
});
const client = new BestSMS({ authToken: sandbox.authToken, baseUrl: sandbox.url });

try {
  console.log(`BestSMS sandbox on ${sandbox.url}; webhooks to ${receiverUrl}\n`);

  // The document's advanced example names a group and contacts: make them first.
  const group = await client.addressbook.group.create({
    GroupCode: "Demo",
    GroupName: "Demo group",
  });
  const groupId = group.Group?.GroupID ?? "";
  const contact = await client.addressbook.contact.create({
    FirstName: "Ada",
    LastName: "Lovelace",
    Attention: "Ada Lovelace",
    Company: "Analytical Engines",
    MobilePhone: "+61421000004",
    ViewPublic: "Account",
  });
  const member = await client.addressbook.contact.create({
    FirstName: "Grace",
    Attention: "Grace Hopper",
    Company: "Compilers Inc",
    MobilePhone: "+61421000005",
  });
  await client.addressbook.groupContact.create({
    GroupID: groupId,
    ContactID: member.Contact?.ContactID ?? "",
  });
  const contactId = contact.Contact?.ContactID ?? "";

  const MessageText =
    "Test SMS Message for [[Attention]] at [[Company]]. Click [[Reply]] to reply.";
  const Recipients = [
    "+61421000001",
    {
      Recipient: "+61421000002",
      Company: "Example Corp",
      Attention: "John Doe",
      "First Name": "John",
      "Last Name": "Doe",
    },
    { GroupID: groupId },
    { ContactID: contactId },
    { Recipient: "+61421009900", Company: "Test Company 2", Attention: "Test Recipient 2" },
  ];
  const segments = smsSegments(MessageText);
  console.log(
    `message: ${segments.characters} characters, ${segments.encoding}, ${segments.segments} segment(s)`,
  );
  for (const gap of missingMergeFields(MessageText, Recipients)) {
    console.log(`  note: recipient ${gap.index} has no ${gap.missing.join(", ")} (left blank)`);
  }
  const sent = await client.messaging.sms.sendMessage({
    MessageID: `demo-${Date.now()}`,
    Reference: "Test SMS - Advanced version",
    SMSEmailReply: "replies@example.com",
    ForceGSMChars: true,
    MessageText,
    Recipients,
  });
  console.log(`sent ${sent.MessageID} to ${Recipients.length} destinations (${elapsed()})`);

  const status = await client.reports.status.waitFor({
    MessageID: sent.MessageID ?? "",
    initialIntervalMs: 250,
    maxIntervalMs: 1_000,
    timeoutMs: 8_000,
  });
  console.log(
    `final status ${status.Status}: ${status.Success} delivered, ${status.Failed} failed (${elapsed()})`,
  );
  for (const r of status.Recipients ?? []) {
    console.log(`  ${r.Destination?.padEnd(14)} ${r.Status?.padEnd(8)} ${r.Result}`);
  }

  await sandbox.simulateReply({
    MessageID: sent.MessageID ?? "",
    From: "+61421000002",
    MessageText: "YES please",
  });
  await sandbox.runDue();
  const replies = await client.reports.smsReply.poll({ MessageID: sent.MessageID ?? "" });
  const withReplies = (replies.Recipients ?? []).filter((r) => (r.SMSReplies ?? []).length > 0);
  console.log("\nreplies polled:");
  for (const r of withReplies) {
    console.log(`  to "${r.MessageText}"`);
    for (const reply of r.SMSReplies ?? [])
      console.log(`  ${reply.From} answered "${reply.MessageText}"`);
  }

  // Webhooks are retried until the receiver answers; give the last ones a moment to land.
  for (let i = 0; i < 20 && received.length === 0; i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    await sandbox.runDue();
  }
  console.log(
    `\nwebhooks received: ${statusReports.length} status reports, ${received.length} received SMS`,
  );
  for (const w of statusReports) {
    console.log(
      `  ${w.payload.Destination?.padEnd(14)} ${w.payload.Status?.padEnd(8)} ${w.payload.Result}`,
    );
  }
  for (const w of received)
    console.log(`  ${w.payload.Type} from ${w.payload.Destination}: "${w.payload.Message}"`);

  const expected = status.Count ?? 0;
  if (statusReports.length < expected || received.length === 0 || withReplies.length === 0) {
    throw new Error(
      `demo: expected ${expected} status webhooks and a reply, got ${statusReports.length} and ${received.length}`,
    );
  }
  console.log(`\ndemo finished in ${elapsed()}`);
} finally {
  await sandbox.close();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
}
