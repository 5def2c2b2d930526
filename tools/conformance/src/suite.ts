// The conformance suite: one list of cases, run unchanged in Node, Deno, Bun, workerd and the
// edge-runtime VM against the sandbox. Web-standard code only: no node:*, no Deno/Bun globals,
// and no runtime import at all — each runtime's entry imports the built package it tests and
// passes it in, so the same file checks @bestsms/node, @bestsms/deno, @bestsms/bun and
// @bestsms/edge.
import type * as ClientApi from "@bestsms/client";
import type * as ValidationApi from "@bestsms/validation";
import type * as WebhooksApi from "@bestsms/webhooks";
import type * as XmlApi from "@bestsms/webhooks/xml";

/** What the suite uses of a package: the client, webhooks and validation API it re-exports. */
export type SdkModule = Pick<
  typeof ClientApi,
  | "BestSMS"
  | "BestSMSCore"
  | "BestSMSError"
  | "ApiError"
  | "ConnectionError"
  | "AbortError"
  | "AuthenticationError"
  | "NotFoundError"
  | "TimeoutError"
  | "ValidationError"
  | "messagingSmsSendMessage"
  | "reportsStatusPoll"
> &
  Pick<
    typeof WebhooksApi,
    "createWebhookHandler" | "parseWebhook" | "verifyWebhook" | "WebhookParseError"
  > &
  Pick<typeof ValidationApi, "operationValidators" | "smsSegments">;

/** `@bestsms/webhooks/xml`, when the runtime can import it. */
export type XmlModule = Pick<typeof XmlApi, "xmlParser">;

/** A tiny assert: enough for the cases, with no node:assert (absent from workerd and the VM). */
export interface Assert {
  ok(value: unknown, message?: string): asserts value;
  equal(actual: unknown, expected: unknown, message?: string): void;
  deepEqual(actual: unknown, expected: unknown, message?: string): void;
  /** Awaits a promise that must reject with an instance of `type`; returns the error. */
  rejects<E>(
    promise: Promise<unknown>,
    type: abstract new (...args: never[]) => E,
    message?: string,
  ): Promise<E>;
}

/** A webhook endpoint served the runtime's own way. */
export interface ServedWebhooks {
  /** Posts to it (over a socket where the runtime serves one; a Worker is called directly). */
  post(init: { headers: Record<string, string>; body: string }): Promise<Response>;
  close(): Promise<void>;
}

/**
 * What the runtime package adds, adapted by each entry to one shape: its `clientFromEnv`, and
 * its way to serve webhooks (`toNodeListener`, `serveWebhooks`, `webhookWorker`).
 */
export interface NativeHooks {
  /** The package's own name, e.g. `@bestsms/node`. */
  readonly packageName: string;
  /** `clientFromEnv` reading these variables (BESTSMS_AUTH_TOKEN, BESTSMS_BASE_URL). */
  clientFromEnv(env: Record<string, string>): InstanceType<SdkModule["BestSMS"]>;
  serveWebhooks(options: Parameters<SdkModule["createWebhookHandler"]>[0]): Promise<ServedWebhooks>;
}

/** What a case gets. */
export interface Ctx {
  /** The package under test, as imported by the runtime (its dist). */
  readonly sdk: SdkModule;
  /** `@bestsms/webhooks/xml`, or undefined when the runtime could not import it. */
  readonly xml: XmlModule | undefined;
  /** The sandbox's origin, e.g. `http://127.0.0.1:41234`. */
  readonly baseUrl: string;
  /** The sandbox's token (it also signs the sandbox's webhooks). */
  readonly token: string;
  /** A loopback address that accepts connections and never answers: for the timeout case. */
  readonly stallUrl: string | undefined;
  /** A loopback address nothing listens on: for the refused-connection case. */
  readonly refusedUrl: string | undefined;
  /** `node/20.20.0`, `deno/2.9.6`, `bun/1.4.5`, `workerd`, `edge-runtime`. */
  readonly runtime: string;
  /** The runtime package's own helpers; undefined while an entry tests the shared packages. */
  readonly native: NativeHooks | undefined;
  readonly assert: Assert;
}

export interface ConformanceCase {
  readonly name: string;
  run(ctx: Ctx): Promise<void>;
}

export class AssertionError extends Error {
  override readonly name = "AssertionError";
}

function show(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function same(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  const recordB = b as Record<string, unknown>;
  return keysA.every(
    (key) => Object.hasOwn(b, key) && same((a as Record<string, unknown>)[key], recordB[key]),
  );
}

export const assert: Assert = {
  ok(value, message) {
    if (!value) throw new AssertionError(message ?? `expected a truthy value, got ${show(value)}`);
  },
  equal(actual, expected, message) {
    if (!Object.is(actual, expected)) {
      throw new AssertionError(
        `${message ? `${message}: ` : ""}expected ${show(expected)}, got ${show(actual)}`,
      );
    }
  },
  deepEqual(actual, expected, message) {
    if (!same(actual, expected)) {
      throw new AssertionError(
        `${message ? `${message}: ` : ""}expected ${show(expected)}, got ${show(actual)}`,
      );
    }
  },
  async rejects(promise, type, message) {
    let settled: unknown;
    try {
      settled = await promise;
    } catch (error) {
      if (error instanceof type) return error;
      const name = error instanceof Error ? `${error.name}: ${error.message}` : show(error);
      throw new AssertionError(
        `${message ? `${message}: ` : ""}expected ${type.name}, got ${name}`,
      );
    }
    throw new AssertionError(
      `${message ? `${message}: ` : ""}expected ${type.name}, but it resolved to ${show(settled)}`,
    );
  },
};

// ---------------------------------------------------------------------------------------------
// Helpers of the cases.

type Client = InstanceType<SdkModule["BestSMS"]>;
type ClientOptions = ConstructorParameters<SdkModule["BestSMS"]>[0];

function client(ctx: Ctx, options: Partial<ClientOptions> = {}): Client {
  return new ctx.sdk.BestSMS({ authToken: ctx.token, baseUrl: ctx.baseUrl, ...options });
}

/** A fetch that counts the requests whose URL contains `part` (all of them by default). */
function countingFetch(part = ""): { fetch: typeof fetch; count: () => number } {
  let count = 0;
  const counted: typeof fetch = (input, init) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    if (url.includes(part)) count++;
    return fetch(input, init);
  };
  return { fetch: counted, count: () => count };
}

/** A fresh identifier usable as a MessageID (at most 40 of `[A-Za-z0-9_-]`). */
function uid(): string {
  return `cf-${crypto.randomUUID()}`;
}

/** `YYYY-MM-DD HH:mm`, `days` from now: read as the sandbox's local time, always in the future. */
function sendTimeIn(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 16).replace("T", " ");
}

async function newGroup(api: Client, a: Assert): Promise<string> {
  const code = crypto.randomUUID().slice(0, 8);
  const created = await api.addressbook.group.create({
    GroupCode: `conformance-${code}`,
    GroupName: `Conformance ${code}`,
  });
  const id = created.Group?.GroupID;
  a.ok(typeof id === "string" && id !== "", `group.create: no GroupID in ${show(created)}`);
  return id;
}

async function newContact(api: Client, a: Assert, FirstName: string, MobilePhone: string) {
  const created = await api.addressbook.contact.create({ FirstName, MobilePhone });
  const id = created.Contact?.ContactID;
  a.ok(typeof id === "string" && id !== "", `contact.create: no ContactID in ${show(created)}`);
  return id;
}

/** The MessageID of a successful send. */
function messageIdOf(a: Assert, sent: { Result?: string; MessageID?: string }): string {
  a.equal(sent.Result, "Success", "send Result");
  const id = sent.MessageID;
  a.ok(typeof id === "string" && id !== "", `no MessageID in ${show(sent)}`);
  return id;
}

function statusWebhook(token: string, MessageID: string): Record<string, string> {
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

function webhookRequest(body: string, contentType: string, authorization: string): Request {
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

// ---------------------------------------------------------------------------------------------
// The cases.

export const cases: ConformanceCase[] = [
  {
    name: "send to numbers, a recipient with merge fields, a group and a contact",
    async run(ctx) {
      const a: Assert = ctx.assert;
      const api = client(ctx);
      const groupId = await newGroup(api, a);
      const memberId = await newContact(api, a, "Grace", "+61421000005");
      await api.addressbook.groupContact.create({ GroupID: groupId, ContactID: memberId });
      const contactId = await newContact(api, a, "Ada", "+61421000004");

      const sent = await api.messaging.sms.sendMessage({
        Reference: "conformance: mixed recipients",
        MessageText: "Hello [[First Name]]",
        Recipients: [
          "+61421000001",
          { Recipient: "+61421000002", "First Name": "Jess" },
          { GroupID: groupId },
          { ContactID: contactId },
        ],
      });
      a.equal(sent.Result, "Success", "Result");
      const MessageID = messageIdOf(a, sent);
      a.deepEqual(sent.ErrorMessage, [], "ErrorMessage");

      // The group and the contact were expanded to their numbers.
      const status = await api.reports.status.poll({ MessageID });
      a.equal(status.Count, 4, "recipients counted");
      const destinations = (status.Recipients ?? []).map((r) => r.Destination).sort();
      a.deepEqual(
        destinations,
        ["+61421000001", "+61421000002", "+61421000004", "+61421000005"],
        "destinations",
      );
    },
  },
  {
    name: "the per-operation function on BestSMSCore",
    async run(ctx) {
      const a: Assert = ctx.assert;
      const core = new ctx.sdk.BestSMSCore({
        authToken: ctx.token,
        baseUrl: ctx.baseUrl,
        validators: ctx.sdk.operationValidators,
      });
      const MessageID = uid();
      const sent = await ctx.sdk.messagingSmsSendMessage(core, {
        MessageID,
        MessageText: "From the core",
        Recipients: "+61421000006",
      });
      a.equal(sent.MessageID, MessageID, "the MessageID given is kept");
      const status = await ctx.sdk.reportsStatusPoll(core, { MessageID });
      a.equal(status.MessageID, MessageID, "polled MessageID");
      a.equal(status.Count, 1, "Count");
    },
  },
  {
    name: "reschedule, then abort, a delayed message",
    async run(ctx) {
      const a: Assert = ctx.assert;
      const api = client(ctx);
      const sent = await api.messaging.sms.sendMessage({
        MessageText: "Later",
        Recipients: ["+61421000003"],
        SendTime: sendTimeIn(2),
      });
      const MessageID = messageIdOf(a, sent);
      a.equal((await api.reports.status.poll({ MessageID })).Status, "Delayed", "after send");

      const moved = await api.actions.reschedule.sendRequest({
        MessageID,
        SendTime: sendTimeIn(3),
      });
      a.equal(moved.Result, "Success", "reschedule Result");
      a.equal(moved.MessageID, MessageID, "reschedule MessageID");
      a.equal(moved.Status, "Delayed", "reschedule Status");

      const aborted = await api.actions.abort.sendRequest({ MessageID });
      a.equal(aborted.Result, "Success", "abort Result");
      a.equal(aborted.Status, "Aborted", "abort Status");
      a.equal((await api.reports.status.poll({ MessageID })).Status, "Aborted", "after abort");

      // A second abort is refused by the service: an ApiError carrying its words.
      const again = await a.rejects(
        api.actions.abort.sendRequest({ MessageID }),
        ctx.sdk.ApiError,
        "abort twice",
      );
      a.equal(again.status, 400, "refusal status");
      a.equal(again.result, "Failed", "refusal Result");
      a.ok(again.errorMessages.length > 0, "refusal ErrorMessage");
    },
  },
  {
    name: "status poll until final, and the merged text",
    async run(ctx) {
      const a: Assert = ctx.assert;
      const api = client(ctx);
      const sent = await api.messaging.sms.sendMessage({
        Reference: "conformance: status",
        MessageText: "Hi [[First Name]]",
        Recipients: [{ Recipient: "+61421000001", "First Name": "Jess" }, "+61421009900"],
      });
      const MessageID = messageIdOf(a, sent);
      const first = await api.reports.status.poll({ MessageID });
      a.equal(first.MessageID, MessageID, "MessageID");
      a.equal(first.Count, 2, "Count");

      const final = await api.reports.status.waitFor({
        MessageID,
        initialIntervalMs: 100,
        maxIntervalMs: 400,
        timeoutMs: 15_000,
      });
      a.equal(final.Status, "Completed", "Status");
      a.equal(final.Complete, 2, "Complete");
      a.equal(final.Success, 1, "Success");
      a.equal(final.Failed, 1, "Failed");
      const outcome = (final.Recipients ?? [])
        .map((r) => `${r.Destination} ${r.Status} ${r.Result}`)
        .sort();
      a.deepEqual(
        outcome,
        ["+61421000001 Success Sent OK", "+61421009900 Failed Bad Number"],
        "recipients",
      );

      const replies = await api.reports.smsReply.poll({ MessageID });
      const jess = (replies.Recipients ?? []).find((r) => r.Destination === "+61421000001");
      a.equal(jess?.MessageText, "Hi Jess", "merged text");
    },
  },
  {
    name: "listAll over more than one page",
    async run(ctx) {
      const a: Assert = ctx.assert;
      const api = client(ctx);
      const groupId = await newGroup(api, a);
      const ids: string[] = [];
      for (const [i, name] of ["Ann", "Ben", "Cat"].entries()) {
        const id = await newContact(api, a, name, `+6142100010${i}`);
        await api.addressbook.groupContact.create({ GroupID: groupId, ContactID: id });
        ids.push(id);
      }

      const counted = countingFetch("/contact/list");
      const paged = client(ctx, { fetch: counted.fetch });
      const seen: string[] = [];
      for await (const contact of paged.addressbook.groupContact.listAll({
        GroupID: groupId,
        RecordsPerPage: 2,
      })) {
        seen.push(String(contact.ContactID));
      }
      a.deepEqual(seen.sort(), [...ids].sort(), "every member, once");
      a.equal(counted.count(), 2, "pages fetched");

      // One page alone says how many there are.
      const page = await api.addressbook.groupContact.list({ GroupID: groupId, RecordsPerPage: 2 });
      a.equal(page.PageCount, 2, "PageCount");
      a.equal(page.Contacts?.length, 2, "items on page 1");
    },
  },
  {
    name: "JSON webhook: parsed, verified and handled",
    async run(ctx) {
      const a: Assert = ctx.assert;
      const { sdk, token } = ctx;
      const MessageID = uid();
      const body = JSON.stringify(statusWebhook(token, MessageID));

      const parsed = sdk.parseWebhook(body, { contentType: "application/json; charset=utf-8" });
      a.equal(parsed.kind, "status", "kind");
      a.equal(parsed.format, "json", "format");
      a.equal(parsed.payload.MessageID, MessageID, "payload.MessageID");
      a.equal(parsed.parsed.price, 0.2, "parsed.price");
      a.deepEqual(parsed.parsed.detail, { SMSParts: 1 }, "parsed.detail");
      a.equal(parsed.parsed.sentAt?.toISOString(), "2025-08-09T23:00:02.000Z", "parsed.sentAt");
      await a.rejects(
        Promise.resolve().then(() => sdk.parseWebhook("{", { contentType: "application/json" })),
        sdk.WebhookParseError,
        "broken JSON",
      );

      const headers = new Headers({ authorization: `Basic ${token}` });
      a.deepEqual(await sdk.verifyWebhook({ headers }, { token }), { ok: true }, "verify");
      a.deepEqual(
        await sdk.verifyWebhook({ headers }, { token: `${token}-other` }),
        { ok: false, reason: "bad_token" },
        "verify with another token",
      );

      const seen: string[] = [];
      const handler = sdk.createWebhookHandler({
        token,
        onStatus: (webhook) => {
          seen.push(String(webhook.payload.MessageID));
        },
        onReceived: () => {
          throw new Error("onReceived called for a status report");
        },
      });
      const response = await handler(
        webhookRequest(body, "application/json; charset=utf-8", `Basic ${token}`),
      );
      a.equal(response.status, 200, "handler status");
      a.equal(await response.text(), "ok", "handler body");
      a.deepEqual(seen, [MessageID], "onStatus called once");

      const refused = await handler(webhookRequest(body, "application/json", "Basic wrong-token"));
      a.equal(refused.status, 401, "wrong token");
      await refused.body?.cancel();
      const xmlRefused = await handler(webhookRequest("<Webhook/>", "application/xml", token));
      a.equal(xmlRefused.status, 415, "XML without the xml parser");
      await xmlRefused.body?.cancel();
      a.deepEqual(seen, [MessageID], "no callback for refused webhooks");
    },
  },
  {
    name: "XML webhook with @bestsms/webhooks/xml",
    async run(ctx) {
      const a: Assert = ctx.assert;
      const { sdk, token, xml } = ctx;
      a.ok(xml, "@bestsms/webhooks/xml could not be imported in this runtime");
      const MessageID = uid();
      const fields = Object.entries(statusWebhook(token, MessageID))
        .map(([name, value]) => `  <${name}>${value}</${name}>`)
        .join("\n");
      const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Webhook>\n${fields}\n</Webhook>\n`;

      const parsed = sdk.parseWebhook(body, { contentType: "application/xml", xml: xml.xmlParser });
      a.equal(parsed.kind, "status", "kind");
      a.equal(parsed.format, "xml", "format");
      a.equal(parsed.payload.MessageID, MessageID, "payload.MessageID");
      a.equal(parsed.payload["SentTimeUTC-RFC3339"], "2025-08-09T23:00:02Z", "a hyphenated field");

      const seen: string[] = [];
      const handler = sdk.createWebhookHandler({
        token,
        xml: xml.xmlParser,
        onStatus: (webhook) => {
          seen.push(`${webhook.format} ${webhook.payload.MessageID}`);
        },
        onReceived: () => {
          throw new Error("onReceived called for a status report");
        },
      });
      const response = await handler(
        webhookRequest(body, "application/xml; charset=utf-8", `Basic ${token}`),
      );
      a.equal(response.status, 200, "handler status");
      a.equal(await response.text(), "ok", "handler body");
      a.deepEqual(seen, [`xml ${MessageID}`], "onStatus called once");

      const doctype = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "e">]><Webhook><Type>SMS</Type></Webhook>`;
      const refused = await handler(webhookRequest(doctype, "application/xml", `Basic ${token}`));
      a.equal(refused.status, 400, "a DOCTYPE is refused");
      await refused.body?.cancel();
    },
  },
  {
    name: "validation error before any request",
    async run(ctx) {
      const a: Assert = ctx.assert;
      const counted = countingFetch();
      const api = client(ctx, { fetch: counted.fetch });
      const input = {
        Reference: "x".repeat(81),
        MessageText: "Too long a reference",
        Recipients: ["+61421000001"],
      };
      const error = await a.rejects(
        api.messaging.sms.sendMessage(input),
        ctx.sdk.ValidationError,
        "BestSMS",
      );
      a.ok(error instanceof ctx.sdk.BestSMSError, "a BestSMSError");
      a.equal(error.operationId, "messaging.sms.sendMessage", "operationId");
      const issue = error.issues.find((i) => i.path.join(".") === "Reference");
      a.ok(issue, `an issue at ["Reference"], got ${show(error.issues)}`);
      a.deepEqual(issue.path, ["Reference"], "issue path");
      a.equal(issue.rule, "maxLength", "issue rule");
      a.equal(issue.limit, 80, "issue limit");

      const core = new ctx.sdk.BestSMSCore({
        authToken: ctx.token,
        baseUrl: ctx.baseUrl,
        fetch: counted.fetch,
        validators: ctx.sdk.operationValidators,
      });
      const fromCore = await a.rejects(
        ctx.sdk.messagingSmsSendMessage(core, input),
        ctx.sdk.ValidationError,
        "BestSMSCore",
      );
      a.deepEqual(fromCore.issues[0]?.path, ["Reference"], "core issue path");
      a.equal(counted.count(), 0, "requests sent");

      const segments = ctx.sdk.smsSegments("Hello €");
      a.equal(segments.encoding, "GSM-7", "smsSegments encoding");
      a.equal(segments.segments, 1, "smsSegments segments");
    },
  },
  {
    name: "timeout: a request that never answers, and waitFor",
    async run(ctx) {
      const a: Assert = ctx.assert;
      a.ok(ctx.stallUrl, "no stall URL (STALL_URL) given");
      // A loopback listener that accepts and never answers: the runtime's own fetch must be
      // aborted by the client's timer.
      const counted = countingFetch();
      const stalled = client(ctx, {
        baseUrl: ctx.stallUrl,
        timeoutMs: 300,
        maxRetries: 0,
        fetch: counted.fetch,
      });
      // A TimeoutError carrying the client's own timeoutMs is the client's timer firing; the
      // runner's deadline, not an assertion here, stops a run whose timer never fires.
      const error = await a.rejects(
        stalled.reports.status.poll({ MessageID: "never-answered" }),
        ctx.sdk.TimeoutError,
        "no answer",
      );
      a.equal(error.timeoutMs, 300, "timeoutMs");
      a.equal(error.operationId, "reports.status.poll", "operationId");
      a.equal(counted.count(), 1, "attempts without retries");

      // A poll is safe to repeat: with one retry there are two attempts, then TimeoutError.
      const retried = countingFetch();
      const retrying = client(ctx, {
        baseUrl: ctx.stallUrl,
        timeoutMs: 150,
        maxRetries: 1,
        fetch: retried.fetch,
        random: () => 0,
      });
      await a.rejects(
        retrying.reports.status.poll({ MessageID: "never-answered" }),
        ctx.sdk.TimeoutError,
        "with a retry",
      );
      a.equal(retried.count(), 2, "attempts with one retry");

      // A number ending in 9999 never gets a final report: waitFor gives up.
      const api = client(ctx);
      const sent = await api.messaging.sms.sendMessage({
        MessageText: "Never final",
        Recipients: "+61421009999",
      });
      const waited = await a.rejects(
        api.reports.status.waitFor({
          MessageID: messageIdOf(a, sent),
          timeoutMs: 400,
          initialIntervalMs: 100,
        }),
        ctx.sdk.TimeoutError,
        "waitFor",
      );
      a.equal(waited.timeoutMs, 400, "waitFor timeoutMs");
    },
  },
  {
    name: "a refused connection: ConnectionError; a poll is retried, and a send where the runtime tells a refusal apart",
    async run(ctx) {
      const a: Assert = ctx.assert;
      const baseUrl = ctx.refusedUrl;
      a.ok(baseUrl, "no refused URL (REFUSED_URL) given");
      const refusedClient = (fetch: typeof globalThis.fetch) =>
        client(ctx, { baseUrl, maxRetries: 1, random: () => 0, fetch });

      const polls = countingFetch();
      await a.rejects(
        refusedClient(polls.fetch).reports.status.poll({ MessageID: "refused" }),
        ctx.sdk.ConnectionError,
        "poll",
      );
      a.equal(polls.count(), 2, "attempts of a poll (one retry)");

      const sends = countingFetch();
      const error = await a.rejects(
        refusedClient(sends.fetch).messaging.sms.sendMessage({
          MessageText: "Refused",
          Recipients: "+61421000001",
        }),
        ctx.sdk.ConnectionError,
        "send",
      );
      a.equal(error.operationId, "messaging.sms.sendMessage", "operationId");
      // A send is repeated only when it cannot have been acted on. Node, Deno, Bun and the edge
      // VM report a refused connection as such, so the send gets its retry; workerd reports it as
      // "Network connection lost.", exactly as a connection lost after the request went out, so
      // there the send is not repeated (no risk of a second SMS).
      const tellsRefusal = !ctx.runtime.startsWith("workerd");
      a.equal(sends.count(), tellsRefusal ? 2 : 1, "attempts of a send on a refused connection");
    },
  },
  {
    name: "the caller's signal aborts a request under way",
    async run(ctx) {
      const a: Assert = ctx.assert;
      a.ok(ctx.stallUrl, "no stall URL (STALL_URL) given");
      const stalled = client(ctx, { baseUrl: ctx.stallUrl, timeoutMs: 10_000 });
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(new Error("enough")), 100);
      try {
        const error = await a.rejects(
          stalled.reports.status.poll(
            { MessageID: "never-answered" },
            { signal: controller.signal },
          ),
          ctx.sdk.AbortError,
          "aborted",
        );
        a.ok(!(error instanceof ctx.sdk.TimeoutError), "not a timeout");
      } finally {
        clearTimeout(timer);
      }
    },
  },
  {
    name: "the runtime package's own clientFromEnv and webhook server",
    async run(ctx) {
      const a: Assert = ctx.assert;
      const { native, token } = ctx;
      a.ok(native, "this entry tests the shared packages, not a runtime package");
      const api = native.clientFromEnv({
        BESTSMS_AUTH_TOKEN: token,
        BESTSMS_BASE_URL: ctx.baseUrl,
      });
      a.ok(api instanceof ctx.sdk.BestSMS, `${native.packageName}: clientFromEnv gives a BestSMS`);
      a.equal(api.baseUrl, ctx.baseUrl, "baseUrl from BESTSMS_BASE_URL");
      const MessageID = messageIdOf(
        a,
        await api.messaging.sms.sendMessage({
          MessageText: "From env",
          Recipients: "+61421000007",
        }),
      );
      await a.rejects(
        Promise.resolve().then(() => native.clientFromEnv({})),
        ctx.sdk.BestSMSError,
        "without BESTSMS_AUTH_TOKEN",
      );

      const seen: string[] = [];
      const served = await native.serveWebhooks({
        token,
        onStatus: (webhook) => {
          seen.push(String(webhook.payload.MessageID));
        },
        onReceived: () => {
          throw new Error("onReceived called for a status report");
        },
      });
      try {
        const body = JSON.stringify(statusWebhook(token, MessageID));
        const headers = { "content-type": "application/json", authorization: `Basic ${token}` };
        const response = await served.post({ headers, body });
        a.equal(response.status, 200, "status");
        a.equal(await response.text(), "ok", "body");
        a.deepEqual(seen, [MessageID], "onStatus called once");
        const refused = await served.post({
          headers: { ...headers, authorization: "Basic wrong-token" },
          body,
        });
        a.equal(refused.status, 401, "wrong token");
        await refused.body?.cancel();
        a.deepEqual(seen, [MessageID], "no callback for a refused webhook");
      } finally {
        await served.close();
      }
    },
  },
  {
    name: "service errors: wrong token, unknown message",
    async run(ctx) {
      const a: Assert = ctx.assert;
      const intruder = client(ctx, { authToken: `${ctx.token}-wrong`, maxRetries: 0 });
      const denied = await a.rejects(
        intruder.reports.status.poll({ MessageID: "any" }),
        ctx.sdk.AuthenticationError,
        "wrong token",
      );
      a.equal(denied.status, 401, "status");
      a.ok(!denied.message.includes(ctx.token), "the token is not in the message");

      const missing = await a.rejects(
        client(ctx).reports.status.poll({ MessageID: uid() }),
        ctx.sdk.NotFoundError,
        "unknown MessageID",
      );
      a.equal(missing.status, 404, "status");
    },
  },
];

// ---------------------------------------------------------------------------------------------
// Running the cases, and the line every runner prints.

/** The outcome of one case. */
export interface CaseResult {
  readonly name: string;
  readonly ok: boolean;
  readonly ms: number;
  readonly error?: string;
}

/** Longest a case may take before it counts as failed. */
export const CASE_TIMEOUT_MS = 20_000;

function describe(error: unknown): string {
  const text =
    error instanceof Error ? `${error.name}: ${error.message}` : `thrown: ${show(error)}`;
  return text.replace(/\s+/g, " ").trim();
}

/** Runs one case within {@link CASE_TIMEOUT_MS}; never throws. */
export async function runCase(testCase: ConformanceCase, ctx: Ctx): Promise<CaseResult> {
  const started = Date.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`did not finish within ${CASE_TIMEOUT_MS} ms`)),
      CASE_TIMEOUT_MS,
    );
  });
  try {
    await Promise.race([testCase.run(ctx), deadline]);
    return { name: testCase.name, ok: true, ms: Date.now() - started };
  } catch (error) {
    return { name: testCase.name, ok: false, ms: Date.now() - started, error: describe(error) };
  } finally {
    clearTimeout(timer);
  }
}

/** Runs every case, one after another. */
export async function runCases(ctx: Ctx): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  for (const testCase of cases) results.push(await runCase(testCase, ctx));
  return results;
}

/**
 * The machine-readable summary: `conformance: <runtime> <passed>/<total>`, then one
 * `conformance failed: <case>: <error>` line per failure.
 */
export function summary(runtime: string, results: readonly CaseResult[]): string {
  const passed = results.filter((r) => r.ok).length;
  return [
    `conformance: ${runtime} ${passed}/${results.length}`,
    ...results.filter((r) => !r.ok).map((r) => `conformance failed: ${r.name}: ${r.error}`),
  ].join("\n");
}

/** For test-framework runners: runs a case, records it, and throws if it failed. */
export function createRecorder(runtime: string): {
  run(testCase: ConformanceCase, ctx: Ctx): Promise<void>;
  summary(): string;
} {
  const results: CaseResult[] = [];
  return {
    async run(testCase, ctx) {
      const result = await runCase(testCase, ctx);
      results.push(result);
      if (!result.ok) throw new AssertionError(result.error);
    },
    summary: () => summary(runtime, results),
  };
}

/** The context from environment variables or Worker bindings: SANDBOX_URL, SANDBOX_TOKEN, STALL_URL. */
export function contextFrom(
  env: Readonly<Record<string, unknown>>,
  runtime: string,
  sdk: SdkModule,
  xml: XmlModule | undefined,
  native?: NativeHooks,
): Ctx {
  const text = (name: string): string | undefined => {
    const value = env[name];
    return typeof value === "string" && value !== "" ? value : undefined;
  };
  const baseUrl = text("SANDBOX_URL");
  const token = text("SANDBOX_TOKEN");
  if (!baseUrl || !token) {
    throw new Error("conformance: set SANDBOX_URL and SANDBOX_TOKEN (a running sandbox)");
  }
  return {
    sdk,
    xml,
    baseUrl,
    token,
    stallUrl: text("STALL_URL"),
    refusedUrl: text("REFUSED_URL"),
    runtime,
    native,
    assert,
  };
}
