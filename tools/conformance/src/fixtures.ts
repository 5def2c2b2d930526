// What the cases share: a client on the sandbox, counting fetches, fresh identifiers, records
// made through the API, and webhook bodies and requests.
import { type Assert, show } from "./assert.ts";
import type { Ctx, SdkModule } from "./context.ts";

export type Client = InstanceType<SdkModule["BestSMS"]>;
export type ClientOptions = ConstructorParameters<SdkModule["BestSMS"]>[0];

export function client(ctx: Ctx, options: Partial<ClientOptions> = {}): Client {
  return new ctx.sdk.BestSMS({ authToken: ctx.token, baseUrl: ctx.baseUrl, ...options });
}

/** A fetch that counts the requests whose URL contains `part` (all of them by default). */
export function countingFetch(part = ""): { fetch: typeof fetch; count: () => number } {
  let count = 0;
  const counted: typeof fetch = (input, init) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    if (url.includes(part)) count++;
    return fetch(input, init);
  };
  return { fetch: counted, count: () => count };
}

/** A fresh identifier usable as a MessageID (at most 40 of `[A-Za-z0-9_-]`). */
export function uid(): string {
  return `cf-${crypto.randomUUID()}`;
}

/** `YYYY-MM-DD HH:mm`, `days` from now: read as the sandbox's local time, always in the future. */
export function sendTimeIn(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 16).replace("T", " ");
}

export async function newGroup(api: Client, a: Assert): Promise<string> {
  const code = crypto.randomUUID().slice(0, 8);
  const created = await api.addressbook.group.create({
    GroupCode: `conformance-${code}`,
    GroupName: `Conformance ${code}`,
  });
  const id = created.Group?.GroupID;
  a.ok(typeof id === "string" && id !== "", `group.create: no GroupID in ${show(created)}`);
  return id;
}

export async function newContact(
  api: Client,
  a: Assert,
  FirstName: string,
  MobilePhone: string,
): Promise<string> {
  const created = await api.addressbook.contact.create({ FirstName, MobilePhone });
  const id = created.Contact?.ContactID;
  a.ok(typeof id === "string" && id !== "", `contact.create: no ContactID in ${show(created)}`);
  return id;
}

/** The MessageID of a successful send. */
export function messageIdOf(a: Assert, sent: { Result?: string; MessageID?: string }): string {
  a.equal(sent.Result, "Success", "send Result");
  const id = sent.MessageID;
  a.ok(typeof id === "string" && id !== "", `no MessageID in ${show(sent)}`);
  return id;
}

/** A fresh client, and the MessageID of the message it sent with `input`. */
export async function sendOne(
  ctx: Ctx,
  input: Parameters<Client["messaging"]["sms"]["sendMessage"]>[0],
): Promise<{ api: Client; MessageID: string }> {
  const api = client(ctx);
  return { api, MessageID: messageIdOf(ctx.assert, await api.messaging.sms.sendMessage(input)) };
}

export function statusWebhook(token: string, MessageID: string): Record<string, string> {
  return {
    Version: "2.04",
    Sender: "sandbox@bestsms.local",
    APIKey: token,
    Type: "SMS",
    Destination: "+61421000001",
    ContactID: "",
    ReceivedID: "",
    MessageID,
    SubAccount: "",
    Department: "",
    JobNumber: "0A1B2C3D",
    SentTimeLocal: "2025-08-10 09:00:02",
    "SentTimeUTC-ISO8601": "2025-08-09T23:00:02Z",
    "SentTimeUTC-RFC3339": "2025-08-09T23:00:02Z",
    Status: "SUCCESS",
    Result: "Sent OK",
    Message: "",
    Price: "0.20",
    Detail: "SMSParts:1",
    URL: "https://receiver.example/webhooks",
  };
}

export function webhookRequest(body: string, contentType: string, authorization: string): Request {
  return new Request("http://127.0.0.1/webhooks", {
    method: "POST",
    headers: {
      "content-type": contentType,
      authorization,
      "x-timestamp": "2025-08-09T23:00:02Z",
    },
    body,
  });
}
