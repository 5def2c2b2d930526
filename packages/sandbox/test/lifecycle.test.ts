// The message lifecycle on an injected clock, actions, duplicates, address-book expansion,
// merge fields, the failing-number table and paging; in process, through @bestsms/client.
import { BestSMS, type ReportsStatusPollOutput } from "@bestsms/client";
import { describe, expect, it } from "vitest";
import {
  createSandboxApp,
  DUPLICATE_WINDOW_MS,
  FAILING_NUMBERS,
  type Sandbox,
  type SandboxOptions,
} from "../src/app.js";
import { type ManualClock, manualClock } from "./helpers.js";

const HOUR = 3_600_000;
const TOKEN = "lifecycle-token";

interface Setup {
  readonly clock: ManualClock;
  readonly sandbox: Sandbox;
  readonly client: BestSMS;
  /** A request straight to the app; answers status and JSON body. */
  raw(method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }>;
}

type Json = Record<string, unknown>;

function setup(options: SandboxOptions = {}): Setup {
  const clock = manualClock();
  const sandbox = createSandboxApp({ clock, authToken: TOKEN, ...options });
  const client = new BestSMS({
    authToken: TOKEN,
    baseUrl: "http://sandbox.test",
    fetch: (input, init) => sandbox.fetch(new Request(input, init)),
    maxRetries: 0,
  });
  const raw: Setup["raw"] = async (method, path, body) => {
    const response = await sandbox.fetch(
      new Request(`http://sandbox.test${path}`, {
        method,
        headers: { Authorization: `Basic ${TOKEN}`, "Content-Type": "application/json" },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
    );
    return { status: response.status, body: (await response.json()) as Json };
  };
  return { clock, sandbox, client, raw };
}

function summary(status: ReportsStatusPollOutput) {
  return {
    Status: status.Status,
    Count: status.Count,
    Complete: status.Complete,
    Success: status.Success,
    Failed: status.Failed,
    Price: status.Price,
    Recipients: status.Recipients?.map((r) => [r.Destination, r.Status, r.Result]),
  };
}

/** What {@link summary} must give: Count, Complete, Success and Failed in that order. */
function summarized(
  Status: string,
  [Count, Complete, Success, Failed]: number[],
  Price: number,
  Recipients: string[][],
) {
  return { Status, Count, Complete, Success, Failed, Price, Recipients };
}

describe("sending", () => {
  it("stays Pending until deliveryDelayMs, then reports Success (advance)", async () => {
    const { sandbox, client } = setup();
    const sent = await client.messaging.sms.sendMessage({
      MessageText: "Hello",
      Recipients: "+61421000001",
      Reference: "Ref",
      SubAccount: "Sub",
      Department: "Dept",
    });
    const poll = () => client.reports.status.poll({ MessageID: sent.MessageID ?? "" });
    const pending = await poll();
    expect(summary(pending)).toEqual(
      summarized("Pending", [1, 0, 0, 0], 0, [["+61421000001", "Pending", ""]]),
    );
    expect(pending).toMatchObject({
      Reference: "Ref",
      SubAccount: "Sub",
      Department: "Dept",
      Account: "102030",
      CreatedTimeLocal: "2025-08-10 09:00:00",
      CreatedTimeUTC: "2025-08-09 23:00:00",
      CreatedTimeUTC_RFC3339: "2025-08-09T23:00:00Z",
      DelayedTimeLocal: "",
      Timezone: "AUS Eastern",
    });
    expect(pending.JobNum).toMatch(/^[0-9A-F]{8}$/);
    expect(pending.Recipients?.[0]).toMatchObject({ SentTimeLocal: "", SentTimeUTC_RFC3339: "" });

    await sandbox.advance(1_999);
    expect((await poll()).Status).toBe("Pending");
    await sandbox.advance(1);
    const done = await poll();
    expect(summary(done)).toEqual(
      summarized("Completed", [1, 1, 1, 0], 0.2, [["+61421000001", "Success", "Sent OK"]]),
    );
    expect(done.Recipients?.[0]).toMatchObject({
      Type: "SMS",
      DestSeq: 1,
      SentTimeLocal: "2025-08-10 09:00:02",
      SentTimeUTC: "2025-08-09 23:00:02",
      SentTimeUTC_RFC3339: "2025-08-09T23:00:02Z",
      Price: 0.2,
    });
    expect(done.Recipients?.[0]?.RemoteID).toMatch(/^\d+$/);
  });

  it("moves on the injected clock alone: each request runs what is due", async () => {
    const { clock, client } = setup({ deliveryDelayMs: 500 });
    const sent = await client.messaging.sms.sendMessage({
      MessageText: "Hi",
      Recipients: ["+61421000001", "+61421009900"],
    });
    clock.advance(499);
    const before = await client.reports.status.poll({ MessageID: sent.MessageID ?? "" });
    expect(before.Status).toBe("Pending");
    clock.advance(1);
    const after = await client.reports.status.poll({ MessageID: sent.MessageID ?? "" });
    expect(summary(after)).toEqual(
      summarized("Completed", [2, 2, 1, 1], 0.2, [
        ["+61421000001", "Success", "Sent OK"],
        ["+61421009900", "Failed", "Bad Number"],
      ]),
    );
    expect(after.Recipients?.[0]?.SentTimeLocal).toBe("2025-08-10 09:00:00");
  });

  it("reports a Test-mode message a success at once, at no cost, whatever the number", async () => {
    const { client } = setup();
    const sent = await client.messaging.sms.sendMessage({
      MessageText: "Test",
      Recipients: ["+61421000001", "+61421009900"],
      SendMode: "Test",
    });
    const status = await client.reports.status.poll({ MessageID: sent.MessageID ?? "" });
    expect(summary(status)).toEqual(
      summarized("Completed", [2, 2, 2, 0], 0, [
        ["+61421000001", "Success", "Sent OK"],
        ["+61421009900", "Success", "Sent OK"],
      ]),
    );
  });

  it("keeps a future SendTime Delayed until it is due, then sends", async () => {
    const { sandbox, client } = setup();
    // The sandbox starts at 2025-08-10 09:00:00 local (UTC+10).
    const sent = await client.messaging.sms.sendMessage({
      MessageText: "Later",
      Recipients: "+61421000001",
      SendTime: "2025-08-10T10:00",
    });
    const poll = () => client.reports.status.poll({ MessageID: sent.MessageID ?? "" });
    expect(await poll()).toMatchObject({
      Status: "Delayed",
      DelayedTimeLocal: "2025-08-10 10:00:00",
      DelayedTimeUTC: "2025-08-10 00:00:00",
      DelayedTimeUTC_RFC3339: "2025-08-10T00:00:00Z",
      Complete: 0,
    });
    await sandbox.advance(HOUR - 1);
    expect((await poll()).Status).toBe("Delayed");
    await sandbox.advance(1);
    expect((await poll()).Status).toBe("Pending");
    await sandbox.advance(2_000);
    const done = await poll();
    expect(done.Status).toBe("Completed");
    expect(done.Recipients?.[0]?.SentTimeLocal).toBe("2025-08-10 10:00:02");
  });

  it("sends at once when SendTime is not in the future", async () => {
    const { client } = setup();
    const sent = await client.messaging.sms.sendMessage({
      MessageText: "Now",
      Recipients: "+61421000001",
      SendTime: "2025-08-10 08:59:59",
      SendMode: "Test",
    });
    const status = await client.reports.status.poll({ MessageID: sent.MessageID ?? "" });
    expect(status.Status).toBe("Completed");
  });

  it("rejects a SendTime that names a day that does not exist", async () => {
    const { raw } = setup();
    const answer = await raw("POST", "/send/sms", {
      MessageData: {
        Message: "x",
        Destinations: [{ Recipient: "+61421000001" }],
        SendTime: "2025-02-30 09:00",
      },
    });
    expect(answer).toEqual({
      status: 400,
      body: {
        Result: "Failed",
        ErrorMessage: ['MessageData.SendTime: not a date that exists, got "2025-02-30 09:00"'],
      },
    });
  });

  it("gives a send without MessageID a UUID", async () => {
    const { raw, sandbox } = setup();
    const answer = await raw("POST", "/send/sms", {
      MessageData: { Message: "x", Destinations: [{ Recipient: "+61421000001" }] },
    });
    expect(answer.status).toBe(200);
    expect(answer.body.MessageID).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(sandbox.state.messages).toHaveLength(1);
  });

  it("prices by SMS part and converts to GSM characters when asked", async () => {
    const { sandbox, client } = setup();
    const sent = await client.messaging.sms.sendMessage({
      MessageText: `“Quote” ${"x".repeat(160)}`,
      Recipients: "+61421000001",
      ForceGSMChars: true,
    });
    await sandbox.advance(2_000);
    const replies = await client.reports.smsReply.poll({ MessageID: sent.MessageID ?? "" });
    expect(replies.Recipients?.[0]?.MessageText?.startsWith('"Quote" ')).toBe(true);
    expect(replies.Price).toBe(0.4); // 168 GSM characters: 2 parts
    expect(sandbox.latestMessage(sent.MessageID ?? "")?.recipients[0]?.parts).toBe(2);
  });
});

describe("a repeated MessageID", () => {
  it("returns the first answer within 24 hours without a second message, and sends again after", async () => {
    const { clock, sandbox, client } = setup();
    const first = await client.messaging.sms.sendMessage({
      MessageID: "order-42",
      MessageText: "First",
      Recipients: "+61421000001",
    });
    clock.advance(DUPLICATE_WINDOW_MS - 1);
    const again = await client.messaging.sms.sendMessage({
      MessageID: "order-42",
      MessageText: "Second",
      Recipients: "+61421000002",
    });
    expect(again).toEqual(first);
    expect(sandbox.state.messages).toHaveLength(1);
    clock.advance(1);
    await client.messaging.sms.sendMessage({
      MessageID: "order-42",
      MessageText: "Third",
      Recipients: "+61421000003",
    });
    expect(sandbox.state.messages.map((m) => m.recipients[0]?.MessageText)).toEqual([
      "First",
      "Third",
    ]);
    const status = await client.reports.status.poll({ MessageID: "order-42" });
    expect(status.Recipients?.[0]?.Destination).toBe("+61421000003");
  });
});

describe("actions", () => {
  async function failedMessage(s: Setup, number: string, MessageID?: string): Promise<string> {
    const sent = await s.client.messaging.sms.sendMessage({
      ...(MessageID === undefined ? {} : { MessageID }),
      MessageText: "Hi",
      Recipients: ["+61421000001", number],
    });
    await s.sandbox.advance(2_000);
    return sent.MessageID ?? "";
  }

  it("resubmits the failed recipients of a Failed message; a transient failure then succeeds", async () => {
    const s = setup();
    const id = await failedMessage(s, "+61421009902");
    const answer = await s.client.actions.resubmit.sendRequest({ MessageID: id });
    expect(answer).toMatchObject({
      Result: "Success",
      MessageID: id,
      Status: "Transmit",
      Action: "Resubmit",
    });
    expect(answer.JobNum).toMatch(/^[0-9A-F]{8}$/);
    const pending = await s.client.reports.status.poll({ MessageID: id });
    expect(summary(pending).Recipients).toEqual([
      ["+61421000001", "Success", "Sent OK"],
      ["+61421009902", "Pending", ""],
    ]);
    await s.sandbox.advance(2_000);
    const done = await s.client.reports.status.poll({ MessageID: id });
    expect(summary(done)).toMatchObject({ Status: "Completed", Success: 2, Failed: 0, Price: 0.4 });
    expect(s.sandbox.latestMessage(id)?.recipients[1]?.attempts).toBe(2);
  });

  it("resubmits a permanent failure, which fails again; at a SendTime it waits Delayed", async () => {
    const s = setup();
    const id = await failedMessage(s, "+61421009900");
    const later = await s.client.actions.resubmit.sendRequest({
      MessageID: id,
      SendTime: "2025-08-10 12:00",
    });
    expect(later.Status).toBe("Delayed");
    expect((await s.client.reports.status.poll({ MessageID: id })).Status).toBe("Delayed");
    await s.sandbox.advance(3 * HOUR + 2_000);
    const done = await s.client.reports.status.poll({ MessageID: id });
    expect(summary(done)).toMatchObject({ Status: "Completed", Success: 1, Failed: 1 });
  });

  it("refuses to resubmit a message that is not Failed", async () => {
    const s = setup();
    const sent = await s.client.messaging.sms.sendMessage({
      MessageText: "Fine",
      Recipients: "+61421000001",
    });
    const id = sent.MessageID ?? "";
    const pending = await s.raw("PATCH", `/set/resubmit/${id}`, {});
    expect(pending).toEqual({
      status: 400,
      body: {
        Result: "Failed",
        MessageID: id,
        JobNum: expect.stringMatching(/^[0-9A-F]{8}$/),
        Status: "Pending",
        Action: "Resubmit",
        ErrorMessage: ["Message is not Failed"],
      },
    });
    await s.sandbox.advance(2_000);
    expect((await s.raw("PATCH", `/set/resubmit/${id}`, {})).body.ErrorMessage).toEqual([
      "Message is not Failed",
    ]);
  });

  it("acts on the most recent message with that MessageID", async () => {
    const s = setup();
    await failedMessage(s, "+61421009900", "shared-id");
    s.clock.advance(DUPLICATE_WINDOW_MS);
    await s.client.messaging.sms.sendMessage({
      MessageID: "shared-id",
      MessageText: "Good",
      Recipients: "+61421000001",
      SendTime: "2025-08-12 09:00",
    });
    expect(s.sandbox.state.messages).toHaveLength(2);
    // The older message Failed, but the most recent one is Delayed.
    const resubmit = await s.raw("PATCH", "/set/resubmit/shared-id", {});
    expect([resubmit.status, resubmit.body.ErrorMessage]).toEqual([400, ["Message is not Failed"]]);
    const abort = await s.client.actions.abort.sendRequest({ MessageID: "shared-id" });
    expect(abort).toMatchObject({ Status: "Aborted", Action: "Abort" });
    expect(s.sandbox.state.messages.map((m) => m.Status)).toEqual(["Completed", "Aborted"]);
  });

  it("reschedules a Delayed message, and refuses one that is not Delayed", async () => {
    const s = setup();
    const sent = await s.client.messaging.sms.sendMessage({
      MessageText: "Later",
      Recipients: "+61421000001",
      SendTime: "2025-08-10 10:00",
    });
    const id = sent.MessageID ?? "";
    const moved = await s.client.actions.reschedule.sendRequest({
      MessageID: id,
      SendTime: "2025-08-10 11:30:00",
    });
    expect(moved).toMatchObject({ Status: "Delayed", Action: "Reschedule", MessageID: id });
    await s.sandbox.advance(HOUR);
    expect(await s.client.reports.status.poll({ MessageID: id })).toMatchObject({
      Status: "Delayed",
      DelayedTimeLocal: "2025-08-10 11:30:00",
    });
    const now = await s.client.actions.reschedule.sendRequest({
      MessageID: id,
      SendTime: "2025-08-10 09:00",
    });
    expect(now.Status).toBe("Transmit");
    const refused = await s.raw("PATCH", `/set/reschedule/${id}`, { SendTime: "2025-08-11 09:00" });
    expect([refused.status, refused.body.Status, refused.body.ErrorMessage]).toEqual([
      400,
      "Pending",
      ["Message is not Delayed"],
    ]);
  });

  it("aborts a Delayed message, which then never sends; refuses one that is not Delayed", async () => {
    const s = setup();
    const sent = await s.client.messaging.sms.sendMessage({
      MessageText: "Later",
      Recipients: ["+61421000001", "+61421000002"],
      SendTime: "2025-08-10 10:00",
    });
    const id = sent.MessageID ?? "";
    await s.client.actions.abort.sendRequest({ MessageID: id });
    await s.sandbox.advance(2 * HOUR);
    const status = await s.client.reports.status.poll({ MessageID: id });
    expect(summary(status)).toEqual(
      summarized("Aborted", [2, 2, 0, 0], 0, [
        ["+61421000001", "Aborted", "Aborted"],
        ["+61421000002", "Aborted", "Aborted"],
      ]),
    );
    const again = await s.raw("PATCH", `/set/abort/${id}`, {});
    expect([again.status, again.body.ErrorMessage]).toEqual([400, ["Message is not Delayed"]]);
  });

  it("records NumberOfOperators with Pacing", async () => {
    const s = setup();
    const sent = await s.client.messaging.sms.sendMessage({
      MessageText: "Hi",
      Recipients: "+61421000001",
    });
    const id = sent.MessageID ?? "";
    const paced = await s.client.actions.pacing.sendRequest({
      MessageID: id,
      NumberOfOperators: 4,
    });
    expect(paced).toMatchObject({ Result: "Success", Status: "Pending", Action: "Pacing" });
    expect(s.sandbox.latestMessage(id)?.NumberOfOperators).toBe(4);
  });
});

describe("recipients from the address book, and merge fields", () => {
  it("expands contacts and groups and fills [[Field]]s per recipient", async () => {
    const { sandbox, client, raw } = setup();
    const ann = await client.addressbook.contact.create({
      FirstName: "Ann",
      LastName: "Lee",
      Attention: "Ms Lee",
      Company: "Lee Pty",
      MobilePhone: "+61421000011",
      Custom1: "gold",
    });
    const bob = await client.addressbook.contact.create({
      FirstName: "Bob",
      MobilePhone: "+61421000012",
    });
    const noPhone = await client.addressbook.contact.create({ FirstName: "Nobody" });
    const group = await client.addressbook.group.create({ GroupCode: "VIP", GroupName: "VIP" });
    const groupId = group.Group?.GroupID ?? "";
    for (const contact of [ann, bob]) {
      await client.addressbook.groupContact.create({
        GroupID: groupId,
        ContactID: contact.Contact?.ContactID ?? "",
      });
    }
    const sent = await client.messaging.sms.sendMessage({
      MessageText:
        "Hi [[First Name]] [[LastName]] ([[Attention]], [[Company]]) [[Custom1]]/[[Custom5]] [[Nope]] [[Reply]]",
      Recipients: [
        { Recipient: "+61421000001", "First Name": "John", Custom5: "five" },
        { ContactID: noPhone.Contact?.ContactID ?? "" },
        { GroupID: groupId },
      ],
    });
    await sandbox.advance(2_000);
    const replies = await client.reports.smsReply.poll({ MessageID: sent.MessageID ?? "" });
    const message = sandbox.latestMessage(sent.MessageID ?? "");
    const link = (index: number) =>
      `https://sandbox.bestsms.local/r/${message?.recipients[index]?.id ?? "?"}`;
    expect(
      replies.Recipients?.map((r) => [
        r.DestSeq,
        r.Destination,
        r.ContactID,
        r.Status,
        r.MessageText,
      ]),
    ).toEqual([
      [1, "+61421000001", "", "Success", `Hi John  (, ) /five [[Nope]] ${link(0)}`],
      [2, "", noPhone.Contact?.ContactID, "Failed", `Hi Nobody  (, ) / [[Nope]] ${link(1)}`],
      [
        3,
        "+61421000011",
        ann.Contact?.ContactID,
        "Success",
        `Hi Ann Lee (Ms Lee, Lee Pty) gold/ [[Nope]] ${link(2)}`,
      ],
      [4, "+61421000012", bob.Contact?.ContactID, "Success", `Hi Bob  (, ) / [[Nope]] ${link(3)}`],
    ]);
    expect(replies.Recipients?.[1]?.Result).toBe("No Mobile Number");
    expect(replies.Recipients?.[2]).toMatchObject({
      Attention: "Ms Lee",
      Company: "Lee Pty",
      Custom1: "gold",
    });
    expect(replies.Recipients?.[0]).toMatchObject({ Custom5: "five" });

    const unknown = await raw("POST", "/send/sms", {
      MessageData: {
        Message: "x",
        Destinations: [{ GroupID: "no-such-group" }, { ContactID: "no-such-contact" }],
      },
    });
    expect(unknown).toEqual({
      status: 400,
      body: {
        Result: "Failed",
        ErrorMessage: [
          "MessageData.Destinations[0].GroupID: no group no-such-group",
          "MessageData.Destinations[1].ContactID: no contact no-such-contact",
        ],
      },
    });
    const empty = await client.addressbook.group.create({ GroupCode: "Empty", GroupName: "E" });
    const none = await raw("POST", "/send/sms", {
      MessageData: { Message: "x", Destinations: [{ GroupID: empty.Group?.GroupID }] },
    });
    expect([none.status, none.body.ErrorMessage]).toEqual([
      400,
      ["MessageData.Destinations: no recipients (the groups given have no contacts)"],
    ]);
  });
});

describe("the failing-number table", () => {
  it.each(FAILING_NUMBERS.map((rule) => [rule.ending, rule] as const))(
    "a number ending in %s",
    async (ending, rule) => {
      const s = setup();
      const number = `+6142100${ending}`;
      const sent = await s.client.messaging.sms.sendMessage({
        MessageText: "Hi",
        Recipients: number,
      });
      const id = sent.MessageID ?? "";
      await s.sandbox.advance(24 * HOUR);
      const status = await s.client.reports.status.poll({ MessageID: id });
      if (rule.outcome === "PENDING") {
        expect(summary(status)).toMatchObject({ Status: "Pending", Complete: 0 });
        return;
      }
      expect(summary(status)).toMatchObject({
        Status: "Completed",
        Failed: 1,
        Price: 0,
        Recipients: [[number, "Failed", rule.result]],
      });
      await s.client.actions.resubmit.sendRequest({ MessageID: id });
      await s.sandbox.advance(2_000);
      const again = await s.client.reports.status.poll({ MessageID: id });
      expect(again.Recipients?.[0]?.Status).toBe(rule.transient ? "Success" : "Failed");
    },
  );
});

describe("paging", () => {
  it("pages recipients and lists with recordsPerPage (default 100) and page (default 1)", async () => {
    const { client, raw } = setup();
    const numbers = [1, 2, 3, 4, 5].map((n) => `+6142100000${n}`);
    const sent = await client.messaging.sms.sendMessage({ MessageText: "Hi", Recipients: numbers });
    const id = sent.MessageID ?? "";
    const whole = await client.reports.status.poll({ MessageID: id });
    expect(whole).toMatchObject({ TotalRecords: 5, RecordsPerPage: 100, PageCount: 1, Page: 1 });
    const pages = [];
    for (const Page of [1, 2, 3]) {
      const page = await client.reports.status.poll({ MessageID: id, RecordsPerPage: 2, Page });
      expect(page).toMatchObject({
        TotalRecords: 5,
        RecordsPerPage: 2,
        PageCount: 3,
        Page,
        Count: 5,
      });
      pages.push(page.Recipients?.map((r) => r.DestSeq));
    }
    expect(pages).toEqual([[1, 2], [3, 4], [5]]);
    const past = await raw("GET", `/get/status/${id}?recordsPerPage=2&page=4`);
    expect(past).toEqual({
      status: 404,
      body: { Result: "RecordNotFound", ErrorMessage: ["Record not found: page 4 of 3"] },
    });

    for (const n of [1, 2, 3]) await client.addressbook.contact.create({ FirstName: `C${n}` });
    const names: string[] = [];
    for await (const contact of client.addressbook.contact.listAll({ RecordsPerPage: 2 })) {
      names.push(String((contact as { FirstName?: string }).FirstName));
    }
    expect(names).toEqual(["C1", "C2", "C3"]);
    const empty = await raw("GET", "/addressbook/group/list");
    expect(empty.body).toMatchObject({ TotalRecords: 0, PageCount: 0, Page: 1, Groups: [] });
  });
});

describe("received SMS", () => {
  it("polls by timePeriod (default 1440 minutes) or by a local date range", async () => {
    const { sandbox, client, raw } = setup();
    await sandbox.simulateInbound({ From: "+61421000001", MessageText: "early" });
    await sandbox.advance(2 * HOUR);
    await sandbox.simulateInbound({ From: "+61421000002", MessageText: "late" });
    const texts = (r: { Messages?: { MessageText?: string }[] }) =>
      r.Messages?.map((m) => m.MessageText);
    expect(texts(await client.reports.smsReceived.poll({}))).toEqual(["early", "late"]);
    expect(texts(await client.reports.smsReceived.poll({ TimePeriod: 60 }))).toEqual(["late"]);
    const range = await client.reports.smsReceived.poll({
      DateFrom: "2025-08-10 09:00:00",
      DateTo: "2025-08-10 10:59",
    });
    expect(range.Messages).toEqual([
      {
        ReceivedID: expect.stringMatching(/^\d+$/),
        MessageID: "",
        JobNum: "",
        SubAccount: "",
        Department: "",
        ReceivedTimeLocal: "2025-08-10 09:00:00",
        ReceivedTimeUTC: "2025-08-09 23:00:00",
        From: "+61421000001",
        ContactID: "",
        MessageText: "early",
        Timezone: "AUS Eastern",
      },
    ]);
    const both = await raw(
      "GET",
      "/get/sms/received?timePeriod=5&dateFrom=2025-08-10%2009:00&dateTo=2025-08-10%2010:00",
    );
    // The combination rule comes from @bestsms/validation's params validator.
    expect([both.status, both.body.ErrorMessage]).toEqual([
      400,
      ["dateFrom: not allowed in this combination", "dateTo: not allowed in this combination"],
    ]);
    // The window includes its start: 1440 minutes and 1 ms later, "late" has left it.
    await sandbox.advance(24 * HOUR + 1);
    expect(texts(await client.reports.smsReceived.poll({}))).toEqual([]);
  });
});

describe("the address book", () => {
  it("keeps GroupCodes unique and removes memberships with their contact or group", async () => {
    const { client, raw, sandbox } = setup();
    const contact = await client.addressbook.contact.create({ FirstName: "A" });
    const group = await client.addressbook.group.create({ GroupCode: "One", GroupName: "1" });
    const other = await client.addressbook.group.create({ GroupCode: "Two", GroupName: "2" });
    const contactId = contact.Contact?.ContactID ?? "";
    expect(contact.Contact).toMatchObject({
      Owner: "COM\\SANDBOX\\TEST",
      Created: "2025-08-10T09:00:00",
      CreatedUTC: "2025-08-09T23:00:00",
      Timezone: "AUS Eastern",
      MobilePhone: "",
      ViewBy: "Account",
      EditBy: "Account",
    });
    const clash = await raw("PATCH", `/addressbook/group/${other.Group?.GroupID}`, {
      GroupCode: "One",
    });
    expect(clash.status).toBe(400);
    for (const g of [group, other]) {
      await client.addressbook.contactGroup.create({
        ContactID: contactId,
        GroupID: g.Group?.GroupID ?? "",
      });
    }
    await client.addressbook.contactGroup.create({
      ContactID: contactId,
      GroupID: group.Group?.GroupID ?? "",
    });
    expect(sandbox.state.memberships).toHaveLength(2);
    await client.addressbook.group.delete({ GroupID: group.Group?.GroupID ?? "" });
    expect(sandbox.state.memberships).toHaveLength(1);
    await client.addressbook.contact.delete({ ContactID: contactId });
    expect(sandbox.state.memberships).toHaveLength(0);
    sandbox.reset();
    expect(sandbox.state.groups.size).toBe(0);
  });
});
