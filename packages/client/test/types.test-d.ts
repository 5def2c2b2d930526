// Type-level tests, checked by `tsc -p tsconfig.json` (this file is never run): each line marked
// to expect an error must stay an error, each expectTypeOf must hold.
import { describe, expectTypeOf, it } from "vitest";
import {
  type ApiError,
  addressbookContactGroupDetail,
  addressbookContactListAll,
  addressbookGroupDelete,
  type BestSMS,
  type BestSMSCore,
  type ClientOptions,
  type ContactRecord,
  type components,
  type MessagingSmsSendMessageInput,
  type MessagingSmsSendMessageOutput,
  type Middleware,
  messagingSmsSendMessage,
  type RateLimitError,
  type ReportsStatusPollOutput,
  type RequestOptions,
  rawClient,
  type SmsEstimate,
  type ValidationError,
  type WithResponse,
} from "../src/index.js";

declare const client: BestSMS;
declare const core: BestSMSCore;

type Contact = components["schemas"]["Contact"];
type Group = components["schemas"]["Group"];

describe("send input: the document's names", () => {
  it("takes MessageText and Recipients in every form", () => {
    void client.messaging.sms.sendMessage({ MessageText: "Hi", Recipients: "+61421000001" });
    void client.messaging.sms.sendMessage({
      MessageText: "Hi",
      Recipients: [
        "+61421000001",
        { Recipient: "+61421000002", "First Name": "John", "Last Name": "Doe", Custom1: "" },
        { Recipient: "+61421000003", FirstName: "Jo", LastName: "Do" },
        { GroupID: "G1" },
        { ContactID: "C1" },
      ],
      ForceGSMChars: true,
      SendMode: "Test",
      WebhookCallbackFormat: "XML",
    });
    void client.messaging.sms.sendMessage({ MessageText: "Hi", Recipients: { GroupID: "G1" } });
    const readonlyList: readonly string[] = ["+61421000001"];
    void client.messaging.sms.sendMessage({ MessageText: "Hi", Recipients: readonlyList });
  });

  it("refuses the wire's names", () => {
    void client.messaging.sms.sendMessage({
      Recipients: "+61421000001",
      // @ts-expect-error: the input name is MessageText (Message is the wire's)
      Message: "Hi",
    });
    void client.messaging.sms.sendMessage({
      MessageText: "Hi",
      // @ts-expect-error: the input name is Recipients (Destinations is the wire's)
      Destinations: [{ Recipient: "+61421000001" }],
    });
    void client.messaging.sms.sendMessage({
      MessageText: "Hi",
      Recipients: "+61421000001",
      // @ts-expect-error: the input name is ForceGSMChars
      CharacterConversion: true,
    });
  });

  it("refuses wrong types", () => {
    void client.messaging.sms.sendMessage({
      MessageText: "Hi",
      Recipients: "+61421000001",
      // @ts-expect-error: SendMode is "Test" or left out
      SendMode: "Live",
    });
    void client.messaging.sms.sendMessage({
      MessageText: "Hi",
      // @ts-expect-error: a number is not a destination
      Recipients: 5,
    });
    void client.messaging.sms.sendMessage({
      MessageText: "Hi",
      Recipients: "+61421000001",
      // @ts-expect-error: ForceGSMChars is a boolean
      ForceGSMChars: "yes",
    });
    void client.messaging.sms.sendMessage({
      MessageText: "Hi",
      // @ts-expect-error: a recipient object needs Recipient, ContactID or GroupID
      Recipients: [{ Company: "Example Corp" }],
    });
  });

  it("requires MessageText and Recipients", () => {
    // @ts-expect-error: MessageText is missing
    void client.messaging.sms.sendMessage({ Recipients: "+61421000001" });
    // @ts-expect-error: Recipients is missing
    void client.messaging.sms.sendMessage({ MessageText: "Hi" });
    // @ts-expect-error: the input is required
    void client.messaging.sms.sendMessage();
  });

  it("the standalone function takes the same input, and any client", () => {
    const input: MessagingSmsSendMessageInput = { MessageText: "Hi", Recipients: "+61421000001" };
    void messagingSmsSendMessage(core, input);
    void messagingSmsSendMessage(client, input);
    // @ts-expect-error: the first argument is a client
    void messagingSmsSendMessage(input);
    // @ts-expect-error: MessageText is missing
    void messagingSmsSendMessage(core, { Recipients: "+61421000001" });
  });
});

describe("other inputs", () => {
  it("actions need a MessageID", () => {
    void client.actions.abort.sendRequest({ MessageID: "ID1" });
    // @ts-expect-error: MessageID is missing
    void client.actions.abort.sendRequest({});
    // @ts-expect-error: MessageID is missing
    void client.actions.resubmit.sendRequest({ SendTime: "2025-08-10 09:00" });
    // @ts-expect-error: reschedule needs SendTime
    void client.actions.reschedule.sendRequest({ MessageID: "ID1" });
    // @ts-expect-error: NumberOfOperators is a number
    void client.actions.pacing.sendRequest({ MessageID: "ID1", NumberOfOperators: "5" });
  });

  it("contact.detail needs a ContactID", () => {
    void client.addressbook.contact.detail({ ContactID: "C1" });
    // @ts-expect-error: ContactID is missing
    void client.addressbook.contact.detail({});
    // @ts-expect-error: the input is required
    void client.addressbook.contact.detail();
  });

  it("contacts take ViewPublic/EditPublic and CompanyDepartment, not EditPublid", () => {
    void client.addressbook.contact.create({
      ViewPublic: "Account",
      EditPublic: "SubAccount",
      CompanyDepartment: "Sales",
    });
    void client.addressbook.contact.update({ ContactID: "C1", ViewBy: "No", EditBy: "Department" });
    void client.addressbook.contact.update({
      ContactID: "C1",
      // @ts-expect-error: the document's typo is not a field
      EditPublid: "Account",
    });
    void client.addressbook.contact.create({
      // @ts-expect-error: not a permission level
      ViewPublic: "Everyone",
    });
  });

  it("group.detail and group.delete take GroupID or GroupCode: one, not both, not neither", () => {
    void client.addressbook.group.detail({ GroupID: "G1" });
    void client.addressbook.group.detail({ GroupCode: "Test_Group" });
    void addressbookGroupDelete(core, { GroupCode: "Test_Group" });
    // @ts-expect-error: neither GroupID nor GroupCode
    void client.addressbook.group.detail({});
    // @ts-expect-error: both GroupID and GroupCode
    void client.addressbook.group.delete({ GroupID: "G1", GroupCode: "T" });
  });

  it("contactGroup.detail takes GroupID only (the reference SDK sends GroupID there)", () => {
    void addressbookContactGroupDetail(core, { ContactID: "C1", GroupID: "G1" });
    // @ts-expect-error: GroupCode is not taken in this path
    void client.addressbook.contactGroup.detail({ ContactID: "C1", GroupCode: "Test_Group" });
  });

  it("paging and reports take the document's names", () => {
    void client.addressbook.contact.list({ RecordsPerPage: 10, Page: 2 });
    void client.addressbook.contact.list();
    void client.reports.smsReceived.poll({ TimePeriod: 60 });
    void client.reports.smsReceived.poll({
      DateFrom: "2025-08-01 00:00",
      DateTo: "2025-08-02 00:00",
    });
    // @ts-expect-error: the input name is Page (page is the wire's)
    void client.addressbook.contact.list({ page: 2 });
    // @ts-expect-error: Page is a number
    void client.addressbook.group.list({ Page: "2" });
    // @ts-expect-error: the input name is TimePeriod
    void client.reports.smsReceived.poll({ timePeriod: 60 });
  });

  it("groups need GroupCode and GroupName to be created", () => {
    void client.addressbook.group.create({ GroupCode: "G", GroupName: "Group" });
    // @ts-expect-error: GroupName is missing
    void client.addressbook.group.create({ GroupCode: "G" });
    // @ts-expect-error: the service assigns GroupID
    void client.addressbook.group.create({ GroupCode: "G", GroupName: "Group", GroupID: "X" });
  });

  it("request options", () => {
    const options: RequestOptions = {
      signal: new AbortController().signal,
      timeoutMs: 1000,
      maxRetries: 0,
      idempotent: true,
    };
    void client.messaging.sms.sendMessage({ MessageText: "Hi", Recipients: "+614" }, options);
    // @ts-expect-error: not an option
    void client.addressbook.group.list({}, { retries: 3 });
  });
});

describe("outputs", () => {
  it("a send answers MessageID (string) and ErrorMessage (string[])", async () => {
    const r = await client.messaging.sms.sendMessage({ MessageText: "Hi", Recipients: "+614" });
    expectTypeOf(r).toEqualTypeOf<MessagingSmsSendMessageOutput>();
    expectTypeOf(r.MessageID).toEqualTypeOf<string>();
    expectTypeOf(r.ErrorMessage).toEqualTypeOf<string[]>();
    expectTypeOf(r.Result).toEqualTypeOf<string>();
    const same = await messagingSmsSendMessage(core, { MessageText: "Hi", Recipients: "+614" });
    expectTypeOf(same).toEqualTypeOf<MessagingSmsSendMessageOutput>();
  });

  it("every output's ErrorMessage is a string[]", async () => {
    expectTypeOf(
      (await client.addressbook.contact.detail({ ContactID: "C" })).ErrorMessage,
    ).toEqualTypeOf<string[]>();
    expectTypeOf((await client.reports.status.poll({ MessageID: "M" })).ErrorMessage).toEqualTypeOf<
      string[]
    >();
    expectTypeOf(
      (await client.actions.abort.sendRequest({ MessageID: "M" })).ErrorMessage,
    ).toEqualTypeOf<string[]>();
  });

  it("the wire's field names come back, with the document's names for contact timestamps", async () => {
    const contact = (await client.addressbook.contact.detail({ ContactID: "C" })).Contact;
    expectTypeOf(contact).toEqualTypeOf<ContactRecord>();
    expectTypeOf(contact.ContactID).toEqualTypeOf<string>();
    expectTypeOf(contact.CreatedTimeLocal).toEqualTypeOf<string>();
    expectTypeOf(contact.Created).toEqualTypeOf<string>();
    expectTypeOf(contact.UpdatedUTC).toEqualTypeOf<string>();
    expectTypeOf<Contact>().toHaveProperty("RecipDepartment");
    expectTypeOf<Contact>().not.toHaveProperty("CompanyDepartment");
    expectTypeOf<Contact>().not.toHaveProperty("Created");
    const received = await client.reports.smsReceived.poll({});
    expectTypeOf(received.Messages).toEqualTypeOf<components["schemas"]["ReceivedMessage"][]>();
    expectTypeOf(received.PageCount).toEqualTypeOf<number>();
    const group = (await client.addressbook.group.create({ GroupName: "VIP" })).Group;
    expectTypeOf(group.GroupCode).toEqualTypeOf<string>();
  });

  it("listAll yields Contacts, Groups, recipients", () => {
    expectTypeOf(client.addressbook.contact.listAll()).toEqualTypeOf<
      AsyncIterable<ContactRecord>
    >();
    expectTypeOf(addressbookContactListAll(core, {})).toEqualTypeOf<AsyncIterable<ContactRecord>>();
    expectTypeOf(client.addressbook.group.listAll()).toEqualTypeOf<AsyncIterable<Group>>();
    expectTypeOf(client.addressbook.groupContact.listAll({ GroupID: "G" })).toEqualTypeOf<
      AsyncIterable<ContactRecord>
    >();
    expectTypeOf(client.reports.status.pollAll({ MessageID: "M" })).toEqualTypeOf<
      AsyncIterable<components["schemas"]["StatusRecipient"]>
    >();
    // @ts-expect-error: the owner's id is required
    void client.addressbook.groupContact.listAll({});
  });

  it("waitFor answers the status poll's output", () => {
    expectTypeOf(client.reports.status.waitFor({ MessageID: "M" })).toEqualTypeOf<
      Promise<ReportsStatusPollOutput>
    >();
    // @ts-expect-error: MessageID is required
    void client.reports.status.waitFor({ timeoutMs: 1000 });
  });

  it("BestSMSCore has no resource tree", () => {
    // @ts-expect-error: the tree is on BestSMS only
    void core.messaging;
    expectTypeOf(client).toExtend<BestSMSCore>();
  });

  it("rawClient(client) is typed by the spec's paths", async () => {
    const raw = rawClient(client);
    expectTypeOf(rawClient(core)).toEqualTypeOf(raw);
    const { data } = await raw.GET("/get/status/{MessageID}", {
      params: { path: { MessageID: "M" } },
    });
    expectTypeOf(data).toExtend<components["schemas"]["StatusPollResponse"] | undefined>();
    expectTypeOf(data).not.toBeAny();
    // @ts-expect-error: the path parameter is required
    void raw.GET("/get/status/{MessageID}", { params: { path: {} } });
    // @ts-expect-error: not a path of the API
    void raw.GET("/send/email");
  });
});

describe("errors", () => {
  it("carry typed details", () => {
    expectTypeOf<ApiError["status"]>().toEqualTypeOf<number>();
    expectTypeOf<ApiError["errorMessages"]>().toEqualTypeOf<readonly string[]>();
    expectTypeOf<ApiError["result"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<ApiError["operationId"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<RateLimitError["retryAfterMs"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<ValidationError["issues"][number]["path"]>().toEqualTypeOf<
      readonly (string | number)[]
    >();
    expectTypeOf<RateLimitError>().toExtend<ApiError>();
  });
});

describe("responses, middleware and the inputs the client converts", () => {
  it("every call offers .withResponse()", () => {
    const call = client.messaging.sms.sendMessage({
      MessageText: "Hi",
      Recipients: "+61421111111",
    });
    expectTypeOf(call).toExtend<Promise<MessagingSmsSendMessageOutput>>();
    expectTypeOf(call.withResponse()).resolves.toEqualTypeOf<
      WithResponse<MessagingSmsSendMessageOutput>
    >();
    expectTypeOf(
      messagingSmsSendMessage(core, {
        MessageText: "Hi",
        Recipients: "+61421111111",
      }).withResponse(),
    )
      .resolves.toHaveProperty("requestId")
      .toEqualTypeOf<string>();
    expectTypeOf<ApiError["requestId"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<ApiError["headers"]>().toEqualTypeOf<Headers>();
  });

  it("use and eject take middleware; options take headers and maxSegments", () => {
    const m: Middleware = { onRequest: ({ request }) => request };
    client.use(m);
    client.eject(m);
    expectTypeOf<RequestOptions["headers"]>().toEqualTypeOf<
      Readonly<Record<string, string>> | undefined
    >();
    expectTypeOf<RequestOptions["maxSegments"]>().toEqualTypeOf<number | undefined>();
  });

  it("SendTime of a send takes a Date; estimate is typed", () => {
    void client.messaging.sms.sendMessage({
      MessageText: "Hi",
      Recipients: "+61421111111",
      SendTime: new Date(),
    });
    expectTypeOf(
      client.messaging.sms.estimate({ MessageText: "Hi", Recipients: "+61421111111" }),
    ).toEqualTypeOf<SmsEstimate>();
  });
});

describe("options under exactOptionalPropertyTypes", () => {
  it("take a value that may be undefined, as from process.env", () => {
    const fromEnv: Record<string, string | undefined> = {};
    const options: ClientOptions = {
      authToken: "token",
      baseUrl: fromEnv.BESTSMS_BASE_URL,
      timeoutMs: undefined,
      defaultCountry: fromEnv.COUNTRY,
      logger: undefined,
    };
    expectTypeOf(options.baseUrl).toEqualTypeOf<string | undefined>();
    const perCall: RequestOptions = { timeoutMs: undefined, signal: undefined, headers: undefined };
    void client.reports.status.waitFor({ MessageID: "ID1", ...perCall, pollTimeoutMs: undefined });
  });

  it("operation inputs take undefined for an optional field, not for a required one", () => {
    const fromEnv: Record<string, string | undefined> = {};
    void client.messaging.sms.sendMessage({
      MessageText: "Hi",
      Recipients: [{ Recipient: "+61421000001", "First Name": fromEnv.NAME }],
      Reference: fromEnv.REF,
      TimeZone: undefined,
    });
    void client.addressbook.contact.list({ Page: undefined, RecordsPerPage: undefined });
    // @ts-expect-error MessageText is required: undefined is not a message
    void client.messaging.sms.sendMessage({ MessageText: undefined, Recipients: "+61421000001" });
  });
});
