/// <reference types="node" />
// Every operation of the spec, through the resource tree and through its standalone function,
// against a server that knows the spec: what reaches the wire, and what comes back.
import { describe, expect, it } from "vitest";
import { DOCUMENT_ADVANCED_SEND } from "../../../tools/test-kit/src/document-examples.js";
import type { OperationTypes } from "../src/generated/operations.gen.js";
import * as api from "../src/index.js";
import {
  type BestSMS,
  type BestSMSCore,
  type MessagingSmsSendMessageInput,
  type OperationId,
  rawClient,
  VERSION,
} from "../src/index.js";
import { settle } from "./helpers/fake-clock.js";
import { CONTACT_ID, GROUP_ID, MESSAGE_ID, TOKEN, useHarness } from "./helpers/harness.js";

const h = useHarness();

/** What one call must put on the wire. */
interface Wire {
  readonly method: "GET" | "POST" | "PATCH" | "DELETE";
  /** Below the base URL, percent-encoded as sent. */
  readonly path: string;
  readonly query?: Readonly<Record<string, string>>;
  /** The JSON body; left out when the request has none. */
  readonly body?: unknown;
}

interface Case {
  readonly title: string;
  readonly operationId: OperationId;
  readonly viaTree: (client: BestSMS) => Promise<unknown>;
  readonly viaFunction: (core: BestSMSCore) => Promise<unknown>;
  readonly wire: Wire | ((generatedMessageId: string) => Wire);
}

type Method = (...args: unknown[]) => Promise<unknown>;

/**
 * One case: `input` (none at all when undefined) given to the method at the operation id's path
 * in the resource tree (`client.addressbook.group.detail` for `addressbook.group.detail`) and to
 * the standalone function the package exports under the id's name (`addressbookGroupDetail`).
 */
function call<Id extends OperationId>(
  title: string,
  operationId: Id,
  input: OperationTypes[Id]["input"] | undefined,
  wire: Case["wire"],
): Case {
  const args = input === undefined ? [] : [input];
  const segments = operationId.split(".");
  const name = segments.map((s, i) => (i === 0 ? s : s[0]?.toUpperCase() + s.slice(1))).join("");
  const lookup = (node: unknown, key: string) => (node as Record<string, unknown>)[key];
  return {
    title,
    operationId,
    viaTree: (client) => {
      const resource = segments.slice(0, -1).reduce(lookup, client);
      const method = lookup(resource, segments.at(-1) ?? "");
      if (typeof method !== "function") throw new Error(`no client.${operationId}`);
      return (method as Method).apply(resource, args);
    },
    viaFunction: (core) => {
      const standalone = lookup(api, name);
      if (typeof standalone !== "function") throw new Error(`no ${name} exported`);
      return (standalone as Method)(core, ...args);
    },
    wire,
  };
}

/**
 * A send without a MessageID: a POST of `/send/sms` whose MessageData is `messageData` with the
 * MessageID the client made.
 */
function send(
  title: string,
  input: Omit<MessagingSmsSendMessageInput, "MessageID">,
  messageData: Record<string, unknown>,
): Case {
  return call(title, "messaging.sms.sendMessage", input, (uuid) => ({
    method: "POST",
    path: "/send/sms",
    body: { MessageData: { MessageID: uuid, ...messageData } },
  }));
}

/**
 * An action on the message MESSAGE_ID (`actions.<name>.sendRequest`): a PATCH of
 * `/set/<name>/<MessageID>` with the input's other `fields` as the body.
 */
function action<Id extends Extract<OperationId, `actions.${string}`>>(
  title: string,
  operationId: Id,
  fields: Omit<OperationTypes[Id]["input"], "MessageID">,
): Case {
  const name = operationId.split(".")[1];
  const input = { MessageID: MESSAGE_ID, ...fields } as OperationTypes[Id]["input"];
  return call(title, operationId, input, {
    method: "PATCH",
    path: `/set/${name}/${MESSAGE_ID}`,
    body: fields,
  });
}

/**
 * Adding, reading and removing one membership from either side (`contactGroup`: a contact's
 * groups; `groupContact`: a group's contacts): each `[path segment, input name, id]`.
 */
function membership(
  side: "contactGroup" | "groupContact",
  [ownerSegment, ownerName, ownerId]: [string, string, string],
  [memberSegment, memberName, memberId]: [string, string, string],
  [create, detail, remove]: [string, string, string],
): Case[] {
  // Both sides' inputs are the two ids by name; built here, so typed by the cases it makes.
  const input = { [ownerName]: ownerId, [memberName]: memberId } as never;
  const path = `/addressbook/${ownerSegment}/${ownerId}/${memberSegment}`;
  return [
    call(create, `addressbook.${side}.create`, input, {
      method: "POST",
      path,
      body: { [memberName]: memberId },
    }),
    call(detail, `addressbook.${side}.detail`, input, {
      method: "GET",
      path: `${path}/${memberId}`,
    }),
    call(remove, `addressbook.${side}.delete`, input, {
      method: "DELETE",
      path: `${path}/${memberId}`,
    }),
  ];
}

// The spec's request examples, to compare the wire with (loaded lazily: the server owns the spec).
function requestExample(operationId: string, name: string): unknown {
  return h.server.operation(operationId).requestExamples[name];
}

const scheduledSend = {
  MessageID: "renewal-2025-08-jess",
  Reference: "Membership renewal",
  MessageText:
    "Hi Jess, your Happy Fitness membership renewal is due next week. Reply YES to renew or call (03) 9876 5432 for any questions. Reply STOP to opt out.",
  Recipients: { Recipient: "+61421000001", FirstName: "Jess" },
  SendTime: "2025-08-10 09:00",
  TimeZone: "AUS Eastern",
  SubAccount: "SubAccount01",
  Department: "Department01",
  ChargeCode: "BillingGroup01",
  FromNumber: "+61421000009",
  SendMode: "Test",
  WebhookCallbackURL: "https://www.example.com/webhook",
  WebhookCallbackFormat: "JSON",
} satisfies MessagingSmsSendMessageInput;

const CASES: Case[] = [
  // ---------------------------------------------------------------- messaging
  send(
    "the document's simple send (MessageID made by the client)",
    { Reference: "Test", MessageText: "Test SMS", Recipients: ["+61421111111", "+61422222222"] },
    {
      Reference: "Test",
      Message: "Test SMS",
      Destinations: [{ Recipient: "+61421111111" }, { Recipient: "+61422222222" }],
    },
  ),
  call(
    "the document's advanced send: every recipient form, First Name/Last Name, ForceGSMChars",
    "messaging.sms.sendMessage",
    DOCUMENT_ADVANCED_SEND,
    () => ({
      method: "POST",
      path: "/send/sms",
      body: requestExample("messaging.sms.sendMessage", "advanced"),
    }),
  ),
  call(
    "a scheduled test-mode send with FirstName, SendMode and a webhook",
    "messaging.sms.sendMessage",
    scheduledSend,
    () => ({
      method: "POST",
      path: "/send/sms",
      body: requestExample("messaging.sms.sendMessage", "scheduled"),
    }),
  ),
  send(
    "a send to one number given as a bare string",
    { MessageText: "Hi", Recipients: "+61421000001" },
    { Message: "Hi", Destinations: [{ Recipient: "+61421000001" }] },
  ),
  send(
    "a send to one group given as an object",
    { MessageText: "Hi all", Recipients: { GroupID: GROUP_ID } },
    { Message: "Hi all", Destinations: [{ GroupID: GROUP_ID }] },
  ),
  send(
    "a send to one contact given as an object, with ReportTo",
    { MessageText: "Hi", Recipients: { ContactID: CONTACT_ID }, ReportTo: "ops@example.com" },
    { Message: "Hi", Destinations: [{ ContactID: CONTACT_ID }], ReportTo: "ops@example.com" },
  ),
  // ---------------------------------------------------------------- actions
  action("resubmit now", "actions.resubmit.sendRequest", {}),
  action("resubmit later", "actions.resubmit.sendRequest", { SendTime: "2025-08-10 09:00" }),
  action("reschedule", "actions.reschedule.sendRequest", { SendTime: "2025-08-12 12:00:00" }),
  action("abort (an empty body)", "actions.abort.sendRequest", {}),
  action("pacing", "actions.pacing.sendRequest", { NumberOfOperators: 5 }),
  // ---------------------------------------------------------------- reports
  call(
    "status poll, a page of ten",
    "reports.status.poll",
    { MessageID: MESSAGE_ID, RecordsPerPage: 10, Page: 2 },
    {
      method: "GET",
      path: `/get/status/${MESSAGE_ID}`,
      query: { recordsPerPage: "10", page: "2" },
    },
  ),
  call(
    "status poll without paging",
    "reports.status.poll",
    { MessageID: MESSAGE_ID },
    { method: "GET", path: `/get/status/${MESSAGE_ID}` },
  ),
  call(
    "received SMS over the last hour (TimePeriod)",
    "reports.smsReceived.poll",
    { TimePeriod: 60 },
    { method: "GET", path: "/get/sms/received", query: { timePeriod: "60" } },
  ),
  call(
    "received SMS between two dates (DateFrom/DateTo), paged",
    "reports.smsReceived.poll",
    {
      DateFrom: "2025-08-01 00:00:00",
      DateTo: "2025-08-31T23:59:59",
      RecordsPerPage: 10,
      Page: 1,
    },
    {
      method: "GET",
      path: "/get/sms/received",
      query: {
        dateFrom: "2025-08-01 00:00:00",
        dateTo: "2025-08-31T23:59:59",
        recordsPerPage: "10",
        page: "1",
      },
    },
  ),
  call(
    "received SMS with no input (the service's defaults)",
    "reports.smsReceived.poll",
    {},
    { method: "GET", path: "/get/sms/received" },
  ),
  call(
    "replies to a message",
    "reports.smsReply.poll",
    { MessageID: "AAAAAAAA-BBBB-BBBB-CCCC-DDDDDDDDDDDD", Page: 1 },
    {
      method: "GET",
      path: "/get/sms/reply/AAAAAAAA-BBBB-BBBB-CCCC-DDDDDDDDDDDD",
      query: { page: "1" },
    },
  ),
  // ---------------------------------------------------------------- contacts
  call(
    "list contacts",
    "addressbook.contact.list",
    { RecordsPerPage: 10, Page: 1 },
    {
      method: "GET",
      path: "/addressbook/contact/list",
      query: { recordsPerPage: "10", page: "1" },
    },
  ),
  call("list contacts with no input", "addressbook.contact.list", undefined, {
    method: "GET",
    path: "/addressbook/contact/list",
  }),
  call(
    "the document's simple contact create",
    "addressbook.contact.create",
    { Attention: "Test Person", FirstName: "First", LastName: "Last", MobilePhone: "+61421000001" },
    () => ({
      method: "POST",
      path: "/addressbook/contact",
      body: requestExample("addressbook.contact.create", "simple"),
    }),
  ),
  call(
    "the document's advanced contact create (ViewPublic/EditPublic)",
    "addressbook.contact.create",
    {
      Title: "Mr",
      Company: "BestSMS Australia",
      FirstName: "First",
      LastName: "Last",
      MobilePhone: "+61421000001",
      ViewPublic: "Account",
      EditPublic: "Account",
    },
    () => ({
      method: "POST",
      path: "/addressbook/contact",
      body: requestExample("addressbook.contact.create", "advanced"),
    }),
  ),
  call(
    "a contact create with CompanyDepartment and the wire's ViewBy",
    "addressbook.contact.create",
    { FirstName: "Ann", CompanyDepartment: "Sales Dept.", ViewBy: "Department", EditPublic: "No" },
    {
      method: "POST",
      path: "/addressbook/contact",
      body: {
        FirstName: "Ann",
        RecipDepartment: "Sales Dept.",
        ViewBy: "Department",
        EditBy: "No",
      },
    },
  ),
  call(
    "contact detail",
    "addressbook.contact.detail",
    { ContactID: CONTACT_ID },
    { method: "GET", path: `/addressbook/contact/${CONTACT_ID}` },
  ),
  call(
    "contact delete",
    "addressbook.contact.delete",
    { ContactID: CONTACT_ID },
    { method: "DELETE", path: `/addressbook/contact/${CONTACT_ID}` },
  ),
  call(
    "the document's simple contact update",
    "addressbook.contact.update",
    { ContactID: CONTACT_ID, Attention: "Test Attention" },
    () => ({
      method: "PATCH",
      path: `/addressbook/contact/${CONTACT_ID}`,
      body: requestExample("addressbook.contact.update", "simple"),
    }),
  ),
  call(
    "the document's advanced contact update (ViewPublic/EditPublic)",
    "addressbook.contact.update",
    {
      ContactID: CONTACT_ID,
      Attention: "Test Attention",
      Title: "Mr",
      Company: "BestSMS Australia",
      FirstName: "First",
      LastName: "Last",
      MobilePhone: "+614213334444",
      ViewPublic: "Account",
      EditPublic: "Account",
    },
    () => ({
      method: "PATCH",
      path: `/addressbook/contact/${CONTACT_ID}`,
      body: requestExample("addressbook.contact.update", "advanced"),
    }),
  ),
  call(
    "a contact update of the department (RecipDepartment alias)",
    "addressbook.contact.update",
    { ContactID: CONTACT_ID, RecipDepartment: "Support" },
    {
      method: "PATCH",
      path: `/addressbook/contact/${CONTACT_ID}`,
      body: { RecipDepartment: "Support" },
    },
  ),
  // ---------------------------------------------------------------- a contact's groups
  call(
    "the groups of a contact",
    "addressbook.contactGroup.list",
    { ContactID: CONTACT_ID, RecordsPerPage: 10, Page: 1 },
    {
      method: "GET",
      path: `/addressbook/contact/${CONTACT_ID}/group/list`,
      query: { recordsPerPage: "10", page: "1" },
    },
  ),
  ...membership(
    "contactGroup",
    ["contact", "ContactID", CONTACT_ID],
    ["group", "GroupID", GROUP_ID],
    [
      "add a contact to a group",
      "a contact's membership by GroupID",
      "remove a contact from a group",
    ],
  ),
  // ---------------------------------------------------------------- groups
  call(
    "list groups",
    "addressbook.group.list",
    { Page: 3 },
    { method: "GET", path: "/addressbook/group/list", query: { page: "3" } },
  ),
  call(
    "the document's group create",
    "addressbook.group.create",
    { GroupCode: "Test-Group", GroupName: "Test Group" },
    () => ({
      method: "POST",
      path: "/addressbook/group",
      body: requestExample("addressbook.group.create", "create"),
    }),
  ),
  call(
    "a group create with every field",
    "addressbook.group.create",
    {
      GroupCode: "VIP.2025",
      GroupName: "VIP customers",
      SubAccount: "SubAccount01",
      Department: "Department01",
      ViewEditBy: "SubAccount",
    },
    {
      method: "POST",
      path: "/addressbook/group",
      body: {
        GroupCode: "VIP.2025",
        GroupName: "VIP customers",
        SubAccount: "SubAccount01",
        Department: "Department01",
        ViewEditBy: "SubAccount",
      },
    },
  ),
  call(
    "group detail",
    "addressbook.group.detail",
    { GroupID: GROUP_ID },
    { method: "GET", path: `/addressbook/group/${GROUP_ID}` },
  ),
  call(
    "group delete",
    "addressbook.group.delete",
    { GroupID: GROUP_ID },
    { method: "DELETE", path: `/addressbook/group/${GROUP_ID}` },
  ),
  call(
    "group detail by GroupCode (the reference SDK's GroupDetailApi)",
    "addressbook.group.detail",
    { GroupCode: "Test_Group" },
    { method: "GET", path: "/addressbook/group/Test_Group" },
  ),
  call(
    "group delete by GroupCode",
    "addressbook.group.delete",
    { GroupCode: "Test_Group" },
    { method: "DELETE", path: "/addressbook/group/Test_Group" },
  ),
  call(
    "group update named by its current code: GroupID carries it, GroupCode is the new code",
    "addressbook.group.update",
    { GroupID: "Old_Code", GroupCode: "New_Code" },
    { method: "PATCH", path: "/addressbook/group/Old_Code", body: { GroupCode: "New_Code" } },
  ),
  call(
    "the document's group update",
    "addressbook.group.update",
    { GroupID: GROUP_ID, GroupCode: "Test_Group", GroupName: "Test Group 123" },
    () => ({
      method: "PATCH",
      path: `/addressbook/group/${GROUP_ID}`,
      body: requestExample("addressbook.group.update", "rename"),
    }),
  ),
  // ---------------------------------------------------------------- a group's contacts
  call(
    "the contacts of a group",
    "addressbook.groupContact.list",
    { GroupID: GROUP_ID, RecordsPerPage: 50 },
    {
      method: "GET",
      path: `/addressbook/group/${GROUP_ID}/contact/list`,
      query: { recordsPerPage: "50" },
    },
  ),
  ...membership(
    "groupContact",
    ["group", "GroupID", GROUP_ID],
    ["contact", "ContactID", CONTACT_ID],
    ["add a contact to a group, from the group", "a group's member", "remove a group's member"],
  ),
];

function only<T>(items: readonly T[]): T {
  expect(items).toHaveLength(1);
  const [item] = items;
  if (item === undefined) throw new Error("expected one item");
  return item;
}

describe.each([
  ["the resource tree", (c: Case) => c.viaTree(h.client())],
  ["the standalone function", (c: Case) => c.viaFunction(h.core())],
] as const)("every operation through %s", (_via, run) => {
  it.each(CASES.map((c) => [`${c.operationId}: ${c.title}`, c] as const))("%s", async (_t, c) => {
    const result = await run(c);

    const request = only(h.server.requests);
    const wire = typeof c.wire === "function" ? c.wire(h.uuids.made[0] ?? "(none made)") : c.wire;
    expect(request.operationId).toBe(c.operationId);
    expect(request.problems).toEqual([]);
    expect(request.method).toBe(wire.method);
    expect(request.path).toBe(wire.path);
    expect(request.query).toEqual(wire.query ?? {});
    if (wire.body === undefined) {
      expect(request.bodyText).toBe("");
      expect(request.headers["content-type"]).toBeUndefined();
    } else {
      expect(request.body).toEqual(wire.body);
      expect(request.headers["content-type"]).toBe("application/json");
    }
    expect(request.headers.authorization).toBe(`Basic ${TOKEN}`);
    expect(request.headers.accept).toBe("application/json");
    expect(request.headers["user-agent"]).toBe(
      `bestsms-typescript/${VERSION} (node/${process.versions.node})`,
    );

    expect(result).toEqual({ ...h.server.operation(c.operationId).example, ErrorMessage: [] });
  });
});

describe("coverage of the spec", () => {
  it("the table calls each of the 26 operations", () => {
    const called = new Set(CASES.map((c) => c.operationId));
    const inSpec = h.server.operations.map((op) => op.operationId).sort();
    expect(inSpec).toHaveLength(26);
    expect([...called].sort()).toEqual(inSpec);
  });
});

describe("what a send puts on the wire", () => {
  it("makes one MessageID (a UUID from randomUUID) only when none is given", async () => {
    const client = h.client();
    await client.messaging.sms.sendMessage({ MessageText: "a", Recipients: "+61421000001" });
    await client.messaging.sms.sendMessage({
      MessageID: "mine-1",
      MessageText: "b",
      Recipients: "+61421000001",
    });
    expect(h.uuids.made).toHaveLength(1);
    expect(h.server.requests.map((r) => r.body)).toMatchObject([
      { MessageData: { MessageID: h.uuids.made[0] } },
      { MessageData: { MessageID: "mine-1" } },
    ]);
  });

  it("uses crypto.randomUUID by default: a v4 UUID of 36 characters", async () => {
    const { randomUUID: _ignored, ...options } = h.options();
    const { BestSMS } = await import("../src/index.js");
    await new BestSMS(options).messaging.sms.sendMessage({
      MessageText: "a",
      Recipients: "+61421000001",
    });
    const body = only(h.server.requests).body as { MessageData: { MessageID: string } };
    expect(body.MessageData.MessageID).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it("does not change the caller's input", async () => {
    const input = {
      MessageText: "Hi",
      Recipients: ["+61421000001", { Recipient: "+61421000002", "First Name": "Jo" }],
      ForceGSMChars: false,
    };
    const copy = structuredClone(input);
    await h.client().messaging.sms.sendMessage(input);
    expect(input).toEqual(copy);
    expect(only(h.server.requests).body).toEqual({
      MessageData: {
        MessageID: h.uuids.made[0],
        Message: "Hi",
        CharacterConversion: false,
        Destinations: [
          { Recipient: "+61421000001" },
          { Recipient: "+61421000002", FirstName: "Jo" },
        ],
      },
    });
  });

  it("leaves out fields given as undefined", async () => {
    await h.client().addressbook.contact.update({
      ContactID: CONTACT_ID,
      Attention: "A",
      Title: undefined as unknown as string,
    });
    expect(only(h.server.requests).body).toEqual({ Attention: "A" });
  });

  it("percent-encodes path parameters and query values", async () => {
    await h.client().reports.smsReceived.poll({
      DateFrom: "2025-08-01 00:00:00",
      DateTo: "2025-08-02 00:00:00",
    });
    expect(only(h.server.requests).search).toBe(
      "?dateFrom=2025-08-01%2000%3A00%3A00&dateTo=2025-08-02%2000%3A00%3A00",
    );
  });
});

describe("what comes back", () => {
  it("ErrorMessage is a list whether the service sends a list, a string, nothing or ''", async () => {
    const client = h.client();
    const answers = [
      { sent: ["Queued", "Check SendTime"], got: ["Queued", "Check SendTime"] },
      { sent: "Queued", got: ["Queued"] },
      { sent: "", got: [] },
      { sent: undefined, got: [] },
    ];
    for (const { sent, got } of answers) {
      h.server.enqueue({ json: { Result: "Success", MessageID: "ID12345", ErrorMessage: sent } });
      const result = await client.messaging.sms.sendMessage({
        MessageText: "Hi",
        Recipients: "+61421000001",
      });
      expect(result).toEqual({ Result: "Success", MessageID: "ID12345", ErrorMessage: got });
    }
  });

  it("keeps fields the spec does not know", async () => {
    h.server.enqueue({
      json: { Result: "Success", MessageID: "X1", Credits: 12, ErrorMessage: [] },
    });
    const result = await h.client().messaging.sms.sendMessage({
      MessageText: "Hi",
      Recipients: "+61421000001",
    });
    expect(result).toEqual({ Result: "Success", MessageID: "X1", Credits: 12, ErrorMessage: [] });
  });
});

describe("client options on the wire", () => {
  it("authScheme Bearer sends Authorization: Bearer <token>", async () => {
    h.server.expectAuth({ scheme: "Bearer" });
    await h.client({ authScheme: "Bearer" }).addressbook.group.list();
    const request = only(h.server.requests);
    expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(request.problems).toEqual([]);
  });

  it("sends the token trimmed", async () => {
    await h.client({ authToken: `  ${TOKEN}\t` }).addressbook.group.list();
    const request = only(h.server.requests);
    expect(request.headers.authorization).toBe(`Basic ${TOKEN}`);
    expect(request.problems).toEqual([]);
  });

  it("adds extra headers to every request, and a trailing / on baseUrl is ignored", async () => {
    const client = h.client({
      baseUrl: `${h.server.url}/`,
      headers: { "X-Request-Source": "tests" },
    });
    expect(client.baseUrl).toBe(h.server.url);
    await client.addressbook.group.list();
    const request = only(h.server.requests);
    expect(request.headers["x-request-source"]).toBe("tests");
    expect(request.problems).toEqual([]);
  });

  it("extra headers cannot replace Authorization, Accept or Content-Type (same spelling)", async () => {
    await h
      .client({ headers: { Accept: "text/html", "Content-Type": "text/plain" } })
      .addressbook.group.create({ GroupCode: "G1", GroupName: "Group 1" });
    const request = only(h.server.requests);
    expect(request.headers.accept).toBe("application/json");
    expect(request.headers["content-type"]).toBe("application/json");
    expect(request.problems).toEqual([]);
  });

  it("extra headers spelt in lower case do not corrupt Accept, Content-Type, User-Agent", async () => {
    await h
      .client({
        headers: { accept: "text/html", "content-type": "text/plain", "user-agent": "my-app/1.0" },
      })
      .addressbook.group.create({ GroupCode: "G1", GroupName: "Group 1" });
    const request = only(h.server.requests);
    expect(request.headers.accept).toBe("application/json");
    expect(request.headers["content-type"]).toBe("application/json");
    // One User-Agent: the SDK's, then the caller's app.
    expect(String(request.headers["user-agent"])).toMatch(
      /^bestsms-typescript\/\S+ \(node\/\S+\) my-app\/1\.0$/,
    );
  });

  it("defaults to the production base URL", async () => {
    const { BestSMS } = await import("../src/index.js");
    expect(new BestSMS({ authToken: TOKEN }).baseUrl).toBe("https://api.bestsms.au/api/v2.04");
  });

  it("uses the runtime's fetch when none is given", async () => {
    const { fetch: _ignored, ...options } = h.options();
    const { BestSMS } = await import("../src/index.js");
    const result = await new BestSMS(options).addressbook.group.detail({ GroupID: GROUP_ID });
    expect(result.Group?.GroupID).toBe(GROUP_ID);
    expect(only(h.server.requests).problems).toEqual([]);
  });
});

describe("rawClient (openapi-fetch) through the same connection policy", () => {
  it("GET: typed path and query, the token and headers sent, the body parsed", async () => {
    const client = h.client();
    const { data, error, response } = await rawClient(client).GET("/get/status/{MessageID}", {
      params: { path: { MessageID: MESSAGE_ID }, query: { recordsPerPage: 10, page: 2 } },
    });
    expect(error).toBeUndefined();
    expect(response.status).toBe(200);
    expect(data).toEqual(h.server.operation("reports.status.poll").example);
    const request = only(h.server.requests);
    expect(request.operationId).toBe("reports.status.poll");
    expect(request.query).toEqual({ recordsPerPage: "10", page: "2" });
    expect(request.problems).toEqual([]);
    expect(request.headers.authorization).toBe(`Basic ${TOKEN}`);
  });

  it("takes a BestSMSCore too: the same token, base URL and retries, without the resource tree", async () => {
    h.server.enqueue({ status: 503, json: { Result: "Failed", ErrorMessage: "busy" } });
    const core = h.core();
    const { data, response } = await settle(
      rawClient(core).GET("/get/status/{MessageID}", {
        params: { path: { MessageID: MESSAGE_ID } },
      }),
      h.clock,
      { inFlight: h.tracked.inFlight },
    );
    expect(response.status).toBe(200);
    expect(data).toEqual(h.server.operation("reports.status.poll").example);
    expect(h.server.requests).toHaveLength(2);
    expect(h.server.requests[1]?.headers.authorization).toBe(`Basic ${TOKEN}`);
  });

  it("is the same openapi-fetch client for the same client, so its own middleware stays", async () => {
    const client = h.client();
    const seen: string[] = [];
    rawClient(client).use({
      onRequest: ({ request }) => {
        seen.push(new URL(request.url).pathname);
        return undefined;
      },
    });
    expect(rawClient(client)).toBe(rawClient(client));
    expect(rawClient(h.client())).not.toBe(rawClient(client));
    await rawClient(client).GET("/get/status/{MessageID}", {
      params: { path: { MessageID: MESSAGE_ID } },
    });
    expect(seen).toEqual([expect.stringMatching(new RegExp(`/get/status/${MESSAGE_ID}$`))]);
  });

  it("is not a property of the client: BestSMS carries no openapi-fetch until it is called", () => {
    expect("raw" in h.client()).toBe(false);
    expect(() => rawClient({} as never)).toThrow(/not a BestSMS client/);
  });

  it("POST: the wire body as given, JSON headers", async () => {
    const body = requestExample("messaging.sms.sendMessage", "advanced");
    const { data, response } = await rawClient(h.client()).POST("/send/sms", {
      body: body as { MessageData: { Message: string; Destinations: { Recipient: string }[] } },
    });
    expect(response.status).toBe(200);
    expect(data).toEqual(h.server.operation("messaging.sms.sendMessage").example);
    const request = only(h.server.requests);
    expect(request.body).toEqual(body);
    expect(request.problems).toEqual([]);
  });

  it("retries a GET after a 503 (with the backoff on the client's clock)", async () => {
    h.server.enqueue({ status: 503, json: { Result: "Failed", ErrorMessage: "busy" } });
    const client = h.client();
    const { data } = await settle(
      rawClient(client).GET("/addressbook/group/{GroupID}", {
        params: { path: { GroupID: GROUP_ID } },
      }),
      h.clock,
      { inFlight: h.tracked.inFlight },
    );
    expect(data).toEqual(h.server.operation("addressbook.group.detail").example);
    expect(h.server.requests).toHaveLength(2);
    expect(h.clock.elapsed()).toBe(500);
  });

  it("does not retry a POST after a 500; the error body comes back", async () => {
    h.server.enqueue({ status: 500, json: { Result: "Failed", ErrorMessage: ["Internal error"] } });
    const { error, response } = await settle(
      rawClient(h.client()).POST("/addressbook/group", {
        body: { GroupCode: "G1", GroupName: "Group 1" },
      }),
      h.clock,
      { inFlight: h.tracked.inFlight },
    );
    expect(response.status).toBe(500);
    expect(error).toEqual({ Result: "Failed", ErrorMessage: ["Internal error"] });
    expect(h.server.requests).toHaveLength(1);
  });
});

describe("the spec server itself (so that a clean log above means something)", () => {
  async function raw(path: string, init: RequestInit = {}): Promise<Response> {
    return fetch(`${h.server.url}${path}`, {
      ...init,
      headers: {
        authorization: `Basic ${TOKEN}`,
        accept: "application/json",
        "user-agent": `bestsms-typescript/${VERSION} (node/${process.versions.node})`,
        ...(init.headers as Record<string, string> | undefined),
      },
    });
  }

  it("answers an unknown route with a 404 JSON body", async () => {
    const response = await raw("/send/email", { method: "POST", body: "{}" });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ Result: "Failed" });
    expect(only(h.server.requests).operationId).toBeUndefined();
  });

  it("routes the literal segment first (/contact/list is not a ContactID)", async () => {
    await raw("/addressbook/contact/list?page=2");
    expect(only(h.server.requests).operationId).toBe("addressbook.contact.list");
  });

  it("flags a body that breaks the spec, and answers 400", async () => {
    const response = await raw("/send/sms", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        MessageData: { Message: "Hi", Destinations: [{ Recipient: "0421" }] },
      }),
    });
    expect(response.status).toBe(400);
    expect(only(h.server.requests).problems).toEqual([
      'body: MessageData.Destinations[0].Recipient: must match ^\\+[1-9][0-9]{6,14}$, got "0421"',
    ]);
  });

  it("flags query values by their schema (integers arrive as strings)", async () => {
    await raw("/addressbook/group/list?page=0&recordsPerPage=ten");
    expect(only(h.server.requests).problems).toEqual([
      "params: recordsPerPage: must be an integer, got a string",
      "params: page: at least 1, got 0",
    ]);
  });

  it("flags a missing Content-Type, a wrong token and a foreign User-Agent", async () => {
    const response = await raw("/addressbook/group", {
      method: "POST",
      headers: { authorization: "Basic other", "user-agent": "curl/8" },
      body: JSON.stringify({ GroupCode: "G", GroupName: "Group" }),
    });
    expect(response.status).toBe(401);
    const { problems } = only(h.server.requests);
    expect(problems).toHaveLength(3);
    expect(problems.join("\n")).toMatch(/authorization/);
    expect(problems.join("\n")).toMatch(/user-agent: curl\/8/);
    expect(problems.join("\n")).toMatch(/content-type/);
  });
});
