// The service's public reference SDK (npm `tnzapi` 2.4.2, used as it is published) runs a whole
// session against the sandbox: what that SDK sends is what the live v2.04 service takes, so every
// call must come back `Result: "Success"`. Its requests carry an `HTTPMethod` body field (GET and
// DELETE included), `Files: []` on a send, capitalised `List`/`Group` path segments and a trailing
// `/` before the query; the sandbox takes them as the service does and says what it ignored.
import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSandbox, startSandbox } from "../src/index.js";

/** What every call of the reference SDK resolves to (its DTOs, loosely). */
interface Answer {
  readonly Result?: string;
  readonly ErrorMessage?: unknown;
  readonly [field: string]: unknown;
}
type Call = (args?: Record<string, unknown>) => Promise<Answer>;
interface Crud {
  Create: Call;
  Update: Call;
  Delete: Call;
  Detail: Call;
  List: Call;
}
interface ReferenceClient {
  URL: string;
  Messaging: { SMS: { SendMessage: Call } };
  Reports: { Status: { Poll: Call }; SMSReply: { Poll: Call }; SMSReceived: { Poll: Call } };
  Actions: {
    Resubmit: { SendRequest: Call };
    Reschedule: { SendRequest: Call };
    Abort: { SendRequest: Call };
    Pacing: { SendRequest: Call };
  };
  Addressbook: { Contact: Crud; Group: Crud; ContactGroup: Crud; GroupContact: Crud };
  readonly [api: string]: unknown;
}

const TNZAPI = createRequire(import.meta.url)("tnzapi") as new (args: {
  AuthToken: string;
}) => ReferenceClient;

let sandbox: RunningSandbox;
const warnings: string[] = [];

/**
 * A reference client whose base URL is the sandbox's `/api/v2.04`. The SDK fixes its URL in the
 * constructor and its API objects copy it, so they are built again after the URL is set (with the
 * SDK's own constructors). A fresh client per call: its Status and Reply polls append to a URL they
 * keep, and its SMS object keeps the destinations of earlier sends.
 */
function reference(): ReferenceClient {
  const client = new TNZAPI({ AuthToken: sandbox.authToken });
  client.URL = sandbox.apiUrl;
  for (const api of ["Messaging", "Reports", "Actions", "Addressbook"] as const) {
    const made = client[api] as unknown as { constructor: new (args: ReferenceClient) => unknown };
    (client as Record<string, unknown>)[api] = new made.constructor(client);
  }
  return client;
}

/** The call's answer, after checking it succeeded (the error text otherwise). */
async function ok(call: Promise<Answer>, what: string): Promise<Answer> {
  const answer = await call;
  expect(answer.Result, `${what}: ${JSON.stringify(answer.ErrorMessage)}`).toBe("Success");
  return answer;
}

function record(answer: Answer, key: string): Record<string, unknown> {
  const value = answer[key];
  expect(value, key).toBeTypeOf("object");
  return value as Record<string, unknown>;
}

beforeAll(async () => {
  sandbox = await startSandbox({
    authToken: "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJyZWZlcmVuY2Utc2RrIn0.c2ln",
    log: (line) => warnings.push(line),
  });
});

afterAll(async () => {
  await sandbox.close();
});

describe("the reference SDK (tnzapi 2.4.2) against the sandbox", () => {
  it("runs a whole session: address book, sends with merge fields, polls, actions, deletes", async () => {
    const book = () => reference().Addressbook;

    // ---- address book: two contacts, a group without a GroupCode, memberships both ways
    const jo = record(
      await ok(
        book().Contact.Create({
          Title: "Ms",
          FirstName: "Jo",
          LastName: "Citizen",
          Company: "Example Corp",
          MobilePhone: "+61421000001",
          EmailAddress: "jo@example.com",
          ViewBy: "Account",
        }),
        "Contact.Create",
      ),
      "Contact",
    );
    const sam = record(
      await ok(
        book().Contact.Create({ FirstName: "Sam", MobilePhone: "+61421000002" }),
        "Contact.Create",
      ),
      "Contact",
    );
    expect(jo.ContactID).toBeTypeOf("string");
    expect(jo.CreatedTimeLocal).toBeTypeOf("string");
    const group = record(
      await ok(book().Group.Create({ GroupName: "Test Group" }), "Group.Create"),
      "Group",
    );
    expect(group.GroupCode).toBe("Test_Group");
    expect(group.CreatedTimeUTC).toBeTypeOf("string");
    await ok(
      book().GroupContact.Create({ GroupID: group.GroupID, ContactID: jo.ContactID }),
      "GroupContact.Create",
    );
    await ok(
      book().ContactGroup.Create({ ContactID: sam.ContactID, GroupID: group.GroupID }),
      "ContactGroup.Create",
    );

    // ---- reading it back, through every list and detail
    const contacts = await ok(book().Contact.List({ RecordsPerPage: 10, Page: 1 }), "Contact.List");
    expect(contacts.TotalRecords).toBe(2);
    expect(await ok(book().Group.List({}), "Group.List")).toMatchObject({ TotalRecords: 1 });
    const members = await ok(
      book().GroupContact.List({ GroupID: group.GroupID }),
      "GroupContact.List",
    );
    expect(members.TotalRecords).toBe(2);
    const ofSam = await ok(
      book().ContactGroup.List({ ContactID: sam.ContactID }),
      "ContactGroup.List",
    );
    expect((ofSam.Groups as unknown[]).length).toBe(1);
    await ok(book().Contact.Detail({ ContactID: jo.ContactID }), "Contact.Detail");
    const byCode = await ok(book().Group.Detail({ GroupCode: "Test_Group" }), "Group.Detail");
    expect(record(byCode, "Group").GroupID).toBe(group.GroupID);
    await ok(
      book().ContactGroup.Detail({ ContactID: sam.ContactID, GroupID: group.GroupID }),
      "ContactGroup.Detail",
    );
    await ok(
      book().GroupContact.Detail({ GroupID: group.GroupID, ContactID: jo.ContactID }),
      "GroupContact.Detail",
    );

    // ---- a send with merge fields to a number, a contact and a group (Test mode: instant)
    const sent = await ok(
      reference().Messaging.SMS.SendMessage({
        MessageID: "reference-sdk-1",
        Reference: "Reference SDK session",
        Message: "Hello [[FirstName]] at [[Company]]",
        Destinations: [
          { Recipient: "+61421000003", FirstName: "Alex", Company: "Acme" },
          { ContactID: jo.ContactID },
          { GroupID: group.GroupID },
        ],
        Mode: "Test",
      }),
      "SMS.SendMessage",
    );
    expect(sent.MessageID).toBe("reference-sdk-1");
    await sandbox.runDue();
    const status = await ok(
      reference().Reports.Status.Poll({ MessageID: "reference-sdk-1" }),
      "Status.Poll",
    );
    expect(status.Status).toBe("Completed");
    // The group's two members and Jo (a member and a direct recipient) are all sent to.
    expect((status.Recipients as unknown[]).length).toBe(status.Count);

    // ---- a reply and an inbound SMS, polled back
    await sandbox.simulateReply({ MessageID: "reference-sdk-1", MessageText: "YES please" });
    const replies = await ok(
      reference().Reports.SMSReply.Poll({ MessageID: "reference-sdk-1" }),
      "SMSReply.Poll",
    );
    const repliedTo = (replies.Recipients as { SMSReplies: { MessageText: string }[] }[]).flatMap(
      (r) => r.SMSReplies.map((reply) => reply.MessageText),
    );
    expect(repliedTo).toEqual(["YES please"]);
    await sandbox.simulateInbound({ From: "+61421000099", MessageText: "STOP" });
    const received = await ok(
      reference().Reports.SMSReceived.Poll({ TimePeriod: 60 }),
      "SMSReceived.Poll",
    );
    expect((received.Messages as { MessageText: string }[]).map((m) => m.MessageText)).toEqual(
      expect.arrayContaining(["YES please", "STOP"]),
    );

    // ---- actions: a delayed message rescheduled, paced, aborted; a failed one resubmitted
    await ok(
      reference().Messaging.SMS.SendMessage({
        MessageID: "reference-sdk-later",
        Message: "Later",
        Destinations: [{ Recipient: "+61421000004" }],
        SendTime: "2099-01-01 09:00",
      }),
      "SMS.SendMessage (delayed)",
    );
    const actions = () => reference().Actions;
    await ok(
      actions().Reschedule.SendRequest({
        MessageID: "reference-sdk-later",
        SendTime: "2099-02-01 09:00",
      }),
      "Reschedule",
    );
    await ok(
      actions().Pacing.SendRequest({ MessageID: "reference-sdk-later", NumberOfOperators: 2 }),
      "Pacing",
    );
    await ok(actions().Abort.SendRequest({ MessageID: "reference-sdk-later" }), "Abort");
    await ok(
      reference().Messaging.SMS.SendMessage({
        MessageID: "reference-sdk-failed",
        Message: "To a number that fails",
        Destinations: [{ Recipient: "+61421009900" }],
      }),
      "SMS.SendMessage (failing number)",
    );
    await sandbox.advance(60_000);
    await ok(actions().Resubmit.SendRequest({ MessageID: "reference-sdk-failed" }), "Resubmit");

    // ---- updates and deletes
    const updated = await ok(
      book().Contact.Update({ ContactID: jo.ContactID, Position: "Manager" }),
      "Contact.Update",
    );
    expect(record(updated, "Contact").Position).toBe("Manager");
    await ok(
      book().Group.Update({ GroupID: group.GroupID, GroupName: "Renamed Group" }),
      "Group.Update",
    );
    await ok(
      book().GroupContact.Delete({ GroupID: group.GroupID, ContactID: jo.ContactID }),
      "GroupContact.Delete",
    );
    await ok(
      book().ContactGroup.Delete({ ContactID: sam.ContactID, GroupID: group.GroupID }),
      "ContactGroup.Delete",
    );
    await ok(book().Contact.Delete({ ContactID: sam.ContactID }), "Contact.Delete");
    await ok(book().Group.Delete({ GroupCode: "Test_Group" }), "Group.Delete");
    expect(sandbox.state.groups.size).toBe(0);
  });

  it("takes Mode and WebhookCallbackFormat in any letter case, as the reference SDK passes them on", async () => {
    const sent = await ok(
      reference().Messaging.SMS.SendMessage({
        MessageID: "reference-sdk-case",
        Message: "Hi",
        Destinations: [{ Recipient: "+61421000005" }],
        Mode: "test",
        WebhookCallbackURL: "http://127.0.0.1:9/hook",
        WebhookCallbackFormat: "xml",
      }),
      "SMS.SendMessage (lower case)",
    );
    const message = sandbox.latestMessage(String(sent.MessageID));
    expect(message?.test).toBe(true);
    expect(message?.webhookFormat).toBe("XML");
  });

  it("what the sandbox ignored of those requests is outside the spec: HTTPMethod, and GroupID twice", () => {
    const ignored = new Map<string, Set<string>>();
    for (const line of warnings) {
      const found = /^bestsms-sandbox: (\w+) \S+: ignored unknown fields: (.+)$/.exec(line);
      if (!found) continue;
      for (const field of (found[2] ?? "").split(", ")) {
        const where = ignored.get(field) ?? new Set<string>();
        where.add(found[1] ?? "");
        ignored.set(field, where);
      }
    }
    // HTTPMethod rides in every body; GroupID also in Group.Update's and GroupContact.Create's
    // (the SDK's GroupApiRequestDTO / GroupContactApiRequestDTO keep it, where the wire has it in
    // the path). Nothing the spec describes (Files, CharacterConversion …) was ignored.
    expect([...ignored.keys()].sort()).toEqual(["GroupID", "HTTPMethod"]);
    expect([...(ignored.get("GroupID") ?? [])].sort()).toEqual(["PATCH", "POST"]);
    expect(warnings.join("\n")).not.toContain(sandbox.authToken);
  });
});
