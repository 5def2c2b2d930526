// Every operation of the spec, through @bestsms/client and through plain fetch, against a
// sandbox over HTTP; every response body (200s and the 400/401/404 error bodies) is checked
// against the spec's response schema with ajv. One suite, run against each way the sandbox is
// served: contract.test.ts (Node) and worker.test.ts (the Worker and its Durable Object, in
// workerd).
import { AuthenticationError, BestSMS, NotFoundError, type OperationId } from "@bestsms/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SANDBOX_OPERATIONS, type SimulateReplyInput } from "../src/index.js";
import { type SpecChecker, specChecker } from "./helpers.js";

/** A sandbox the suite runs against, its clock standing still at 2025-08-09T23:00:00Z. */
export interface ContractTarget {
  /** Its origin: the API at the root paths. */
  readonly url: string;
  readonly authToken: string;
  advance(ms: number): Promise<unknown>;
  simulateReply(input: SimulateReplyInput): Promise<unknown>;
  close(): Promise<void>;
}

let checker: SpecChecker;
let sandbox: ContractTarget;
let client: BestSMS;
const schemaErrors: string[] = [];
const seen = { client: new Map<string, Set<number>>(), raw: new Map<string, Set<number>>() };

function record(
  kind: "client" | "raw",
  method: string,
  url: string,
  status: number,
  body: unknown,
) {
  const operation = checker.operationFor(method, new URL(url).pathname);
  if (!operation) {
    schemaErrors.push(`${kind}: no operation of the spec for ${method} ${url} (${status})`);
    return;
  }
  const errors = checker.check(operation.id, status, body);
  for (const error of errors) {
    schemaErrors.push(
      `${kind} ${operation.id} ${status}: ${error.instancePath} ${error.message} ${JSON.stringify(body).slice(0, 200)}`,
    );
  }
  const statuses = seen[kind].get(operation.id) ?? new Set<number>();
  statuses.add(status);
  seen[kind].set(operation.id, statuses);
}

const recordingFetch: typeof fetch = async (input, init) => {
  const response = await fetch(input, init);
  const body: unknown = await response.clone().json();
  record("client", init?.method ?? "GET", String(input), response.status, body);
  return response;
};

interface RawRequest {
  readonly method: string;
  readonly path: string;
  readonly body?: unknown;
  /** `false`: no Authorization header; a string: that header. Default: the right token. */
  readonly auth?: false | string;
}

async function raw(
  request: RawRequest,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (request.auth === undefined) headers.Authorization = `Basic ${sandbox.authToken}`;
  else if (request.auth !== false) headers.Authorization = request.auth;
  if (request.body !== undefined) headers["Content-Type"] = "application/json";
  const url = sandbox.url + request.path;
  const response = await fetch(url, {
    method: request.method,
    headers,
    ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
  });
  const body = (await response.json()) as Record<string, unknown>;
  record("raw", request.method, url, response.status, body);
  return { status: response.status, body };
}

interface Fixtures {
  contactId: string;
  otherContactId: string;
  groupId: string;
  groupCode: string;
  sentId: string;
  failedId: string;
  delayedId: string;
}

let fixtureCount = 0;

/** Records to act on, made through the client. */
async function makeFixtures(): Promise<Fixtures> {
  fixtureCount++;
  const contact = await client.addressbook.contact.create({
    FirstName: "Jess",
    LastName: "Smith",
    MobilePhone: "+61421000001",
  });
  const other = await client.addressbook.contact.create({ Attention: "Other" });
  const groupCode = `Group_${fixtureCount}`;
  const group = await client.addressbook.group.create({ GroupCode: groupCode, GroupName: "G" });
  const contactId = contact.Contact?.ContactID ?? "";
  const groupId = group.Group?.GroupID ?? "";
  await client.addressbook.groupContact.create({ GroupID: groupId, ContactID: contactId });
  const sent = await client.messaging.sms.sendMessage({
    MessageText: "Hi [[FirstName]]",
    Recipients: [{ GroupID: groupId }],
  });
  const failed = await client.messaging.sms.sendMessage({
    MessageText: "This one fails",
    Recipients: "+61421009900",
  });
  const delayed = await client.messaging.sms.sendMessage({
    MessageText: "Later",
    Recipients: "+61421000002",
    SendTime: "2025-08-20 09:00",
  });
  await sandbox.advance(2_000);
  return {
    contactId,
    otherContactId: other.Contact?.ContactID ?? "",
    groupId,
    groupCode,
    sentId: sent.MessageID ?? "",
    failedId: failed.MessageID ?? "",
    delayedId: delayed.MessageID ?? "",
  };
}

/** Runs the contract tests against the sandbox `setUp` starts. */
export function contractSuite(setUp: () => Promise<ContractTarget>): void {
  beforeAll(async () => {
    checker = specChecker();
    sandbox = await setUp();
    client = new BestSMS({
      authToken: sandbox.authToken,
      baseUrl: sandbox.url,
      fetch: recordingFetch,
      maxRetries: 0,
    });
  });

  afterAll(async () => {
    await sandbox?.close();
  });

  // Every operationId the client knows: the type makes this list exhaustive and exact.
  const CLIENT_OPERATIONS: Record<OperationId, true> = {
    "messaging.sms.sendMessage": true,
    "actions.resubmit.sendRequest": true,
    "actions.reschedule.sendRequest": true,
    "actions.abort.sendRequest": true,
    "actions.pacing.sendRequest": true,
    "reports.status.poll": true,
    "reports.smsReceived.poll": true,
    "reports.smsReply.poll": true,
    "addressbook.contact.list": true,
    "addressbook.contact.create": true,
    "addressbook.contact.detail": true,
    "addressbook.contact.delete": true,
    "addressbook.contact.update": true,
    "addressbook.contactGroup.list": true,
    "addressbook.contactGroup.create": true,
    "addressbook.contactGroup.detail": true,
    "addressbook.contactGroup.delete": true,
    "addressbook.group.list": true,
    "addressbook.group.create": true,
    "addressbook.group.detail": true,
    "addressbook.group.delete": true,
    "addressbook.group.update": true,
    "addressbook.groupContact.list": true,
    "addressbook.groupContact.create": true,
    "addressbook.groupContact.detail": true,
    "addressbook.groupContact.delete": true,
  };

  describe("the spec", () => {
    it("has the 26 operations the client knows, and the sandbox serves each at its path", () => {
      expect(checker.operations).toHaveLength(26);
      const fromSpec = checker.operations.map((o) => `${o.id} ${o.method} ${o.path}`).sort();
      const served = SANDBOX_OPERATIONS.map((o) => `${o.id} ${o.method} ${o.path}`).sort();
      expect(served).toEqual(fromSpec);
      expect(Object.keys(CLIENT_OPERATIONS).sort()).toEqual(
        checker.operations.map((o) => o.id).sort(),
      );
    });

    it("its response schemas catch a body that breaks them (the checks below have teeth)", () => {
      expect(
        checker.check("reports.status.poll", 200, { Result: "Success", Count: "2" }),
      ).not.toEqual([]);
      expect(checker.check("reports.status.poll", 401, { ErrorMessage: 7 })).not.toEqual([]);
      expect(() => checker.check("messaging.sms.sendMessage", 404, {})).toThrow(/declares no 404/);
    });
  });

  describe("through @bestsms/client", () => {
    it("calls all 26 operations, and every response matches the spec", async () => {
      const f = await makeFixtures();
      const contacts = await client.addressbook.contact.list({ RecordsPerPage: 1, Page: 2 });
      expect(contacts).toMatchObject({ TotalRecords: 2, RecordsPerPage: 1, PageCount: 2, Page: 2 });
      await client.addressbook.contact.detail({ ContactID: f.contactId });
      const updated = await client.addressbook.contact.update({
        ContactID: f.contactId,
        Attention: "Dr Smith",
        CompanyDepartment: "Sales",
      });
      expect(updated.Contact).toMatchObject({ Attention: "Dr Smith", RecipDepartment: "Sales" });
      const groups = await client.addressbook.group.list({});
      expect(groups.Groups).toHaveLength(1);
      await client.addressbook.group.detail({ GroupID: f.groupId });
      await client.addressbook.group.update({ GroupID: f.groupId, GroupName: "Renamed" });
      await client.addressbook.contactGroup.create({
        ContactID: f.otherContactId,
        GroupID: f.groupId,
      });
      const ofContact = await client.addressbook.contactGroup.list({ ContactID: f.contactId });
      expect(ofContact.Groups?.[0]?.GroupName).toBe("Renamed");
      const membership = await client.addressbook.contactGroup.detail({
        ContactID: f.contactId,
        GroupID: f.groupId,
      });
      expect(membership.Group.GroupCode).toBe(f.groupCode);
      const byCode = await client.addressbook.group.detail({ GroupCode: f.groupCode });
      expect(byCode.Group.GroupID).toBe(f.groupId);
      const members = await client.addressbook.groupContact.list({ GroupID: f.groupId });
      expect(members.TotalRecords).toBe(2);
      await client.addressbook.groupContact.detail({ GroupID: f.groupId, ContactID: f.contactId });

      const status = await client.reports.status.poll({ MessageID: f.sentId });
      expect(status).toMatchObject({ Status: "Completed", Count: 1, Success: 1 });
      await client.actions.resubmit.sendRequest({ MessageID: f.failedId });
      await client.actions.reschedule.sendRequest({
        MessageID: f.delayedId,
        SendTime: "2025-08-21 10:00:00",
      });
      await client.actions.pacing.sendRequest({ MessageID: f.delayedId, NumberOfOperators: 3 });
      await client.actions.abort.sendRequest({ MessageID: f.delayedId });
      await sandbox.simulateReply({ MessageID: f.sentId, MessageText: "Yes please" });
      const replies = await client.reports.smsReply.poll({ MessageID: f.sentId });
      expect(replies.Recipients?.[0]?.SMSReplies?.[0]?.MessageText).toBe("Yes please");
      const received = await client.reports.smsReceived.poll({ TimePeriod: 60 });
      expect(received.Messages).toHaveLength(1);

      await client.addressbook.contactGroup.delete({
        ContactID: f.otherContactId,
        GroupID: f.groupId,
      });
      await client.addressbook.groupContact.delete({ GroupID: f.groupId, ContactID: f.contactId });
      await client.addressbook.group.delete({ GroupID: f.groupId });
      await client.addressbook.contact.delete({ ContactID: f.contactId });

      const called = [...seen.client.entries()].filter(([, s]) => s.has(200)).map(([id]) => id);
      expect(called.sort()).toEqual(checker.operations.map((o) => o.id).sort());
      expect(schemaErrors).toEqual([]);
    });

    it("surfaces the sandbox's 400, 401 and 404 answers as the client's errors", async () => {
      await expect(client.reports.status.poll({ MessageID: "no-such-message" })).rejects.toThrow(
        NotFoundError,
      );
      await expect(
        client.actions.abort.sendRequest({ MessageID: (await makeFixtures()).sentId }),
      ).rejects.toMatchObject({ status: 400, errorMessages: ["Message is not Delayed"] });
      const stranger = new BestSMS({
        authToken: "wrong",
        baseUrl: sandbox.url,
        fetch: recordingFetch,
      });
      await expect(stranger.addressbook.group.list({})).rejects.toThrow(AuthenticationError);
      expect(schemaErrors).toEqual([]);
    });
  });

  describe("through plain fetch", () => {
    it("answers every operation with 200, 400, 401 and (where declared) 404, as the spec says", async () => {
      const f = await makeFixtures();
      const d = await makeFixtures(); // records for the deletes
      const failedAgain = await makeFixtures();
      const ok200: RawRequest[] = [
        {
          method: "POST",
          path: "/send/sms",
          body: {
            MessageData: {
              Message: "Hi",
              Destinations: [{ Recipient: "+61421000001" }],
              Mode: "Test",
              WebhookCallbackURL: "http://127.0.0.1:9/hook",
              WebhookCallbackFormat: "JSON",
            },
          },
        },
        { method: "PATCH", path: `/set/resubmit/${failedAgain.failedId}`, body: {} },
        {
          method: "PATCH",
          path: `/set/reschedule/${f.delayedId}`,
          body: { SendTime: "2025-08-12 12:00:00" },
        },
        { method: "PATCH", path: `/set/pacing/${f.delayedId}`, body: { NumberOfOperators: 5 } },
        { method: "PATCH", path: `/set/abort/${f.delayedId}`, body: {} },
        { method: "GET", path: `/get/status/${f.sentId}?recordsPerPage=1&page=1` },
        { method: "GET", path: "/get/sms/received?timePeriod=60" },
        {
          method: "GET",
          path: "/get/sms/received?dateFrom=2025-08-01%2000:00&dateTo=2025-08-31T23:59:59",
        },
        { method: "GET", path: `/get/sms/reply/${f.sentId}` },
        { method: "GET", path: "/addressbook/contact/list?recordsPerPage=2" },
        { method: "POST", path: "/addressbook/contact", body: { FirstName: "New", ViewBy: "No" } },
        { method: "GET", path: `/addressbook/contact/${f.contactId}` },
        { method: "PATCH", path: `/addressbook/contact/${f.contactId}`, body: { Title: "Ms" } },
        { method: "GET", path: `/addressbook/contact/${f.contactId}/group/list` },
        {
          method: "POST",
          path: `/addressbook/contact/${f.otherContactId}/group`,
          body: { GroupID: f.groupId },
        },
        { method: "GET", path: `/addressbook/contact/${f.contactId}/group/${f.groupCode}` },
        { method: "GET", path: "/addressbook/group/list?page=1" },
        {
          method: "POST",
          path: "/addressbook/group",
          body: { GroupCode: "Raw-1", GroupName: "R" },
        },
        { method: "GET", path: `/addressbook/group/${f.groupId}` },
        { method: "PATCH", path: `/addressbook/group/${f.groupId}`, body: { ViewEditBy: "No" } },
        { method: "GET", path: `/addressbook/group/${f.groupId}/contact/list` },
        {
          method: "POST",
          path: `/addressbook/group/${d.groupId}/contact`,
          body: { ContactID: d.otherContactId },
        },
        { method: "GET", path: `/addressbook/group/${f.groupId}/contact/${f.contactId}` },
        { method: "DELETE", path: `/addressbook/group/${d.groupId}/contact/${d.otherContactId}` },
        { method: "DELETE", path: `/addressbook/contact/${d.contactId}/group/${d.groupId}` },
        { method: "DELETE", path: `/addressbook/group/${d.groupId}` },
        { method: "DELETE", path: `/addressbook/contact/${d.contactId}` },
      ];
      for (const request of ok200) {
        const { status, body } = await raw(request);
        expect([request.path, status, body.Result]).toEqual([request.path, 200, "Success"]);
      }

      const bad400: RawRequest[] = [
        { method: "POST", path: "/send/sms", body: { MessageData: { Message: "" } } },
        { method: "POST", path: "/send/sms", body: "{not json" },
        {
          method: "POST",
          path: "/send/sms",
          body: {
            MessageData: {
              Message: "x",
              Destinations: [{ Recipient: "+61421000001" }],
              WebhookCallbackURL: "http://example.com/hook",
            },
          },
        },
        { method: "PATCH", path: `/set/resubmit/${f.sentId}`, body: {} }, // not Failed
        { method: "PATCH", path: "/set/resubmit/bad.id", body: {} },
        { method: "PATCH", path: `/set/reschedule/${f.delayedId}`, body: {} },
        { method: "PATCH", path: `/set/abort/${f.delayedId}`, body: { Now: true } },
        { method: "PATCH", path: `/set/pacing/${f.delayedId}`, body: { NumberOfOperators: -1 } },
        { method: "GET", path: `/get/status/${f.sentId}?page=0` },
        { method: "GET", path: "/get/sms/received?timePeriod=soon" },
        { method: "GET", path: "/get/sms/received?dateFrom=2025-08-01%2000:00" },
        { method: "GET", path: `/get/sms/reply/${f.sentId}?recordsPerPage=0` },
        { method: "GET", path: "/addressbook/contact/list?page=first" },
        { method: "POST", path: "/addressbook/contact", body: { EditPublid: "No" } },
        { method: "GET", path: "/addressbook/contact/a+b" },
        { method: "PATCH", path: `/addressbook/contact/${f.contactId}`, body: {} },
        { method: "DELETE", path: "/addressbook/contact/a+b" },
        { method: "GET", path: `/addressbook/contact/${f.contactId}/group/list?recordsPerPage=-1` },
        { method: "POST", path: `/addressbook/contact/${f.contactId}/group`, body: {} },
        { method: "GET", path: `/addressbook/contact/${f.contactId}/group/a+b` },
        { method: "DELETE", path: `/addressbook/contact/a+b/group/${f.groupId}` },
        { method: "GET", path: "/addressbook/group/list?recordsPerPage=1.5" },
        {
          method: "POST",
          path: "/addressbook/group",
          body: { GroupCode: f.groupCode, GroupName: "x" },
        },
        { method: "GET", path: "/addressbook/group/a+b" },
        {
          method: "PATCH",
          path: `/addressbook/group/${f.groupId}`,
          body: { GroupCode: "no spaces" },
        },
        { method: "DELETE", path: "/addressbook/group/a+b" },
        { method: "GET", path: `/addressbook/group/${f.groupId}/contact/list?page=0` },
        { method: "POST", path: `/addressbook/group/${f.groupId}/contact`, body: { ContactID: 7 } },
        { method: "GET", path: `/addressbook/group/${f.groupId}/contact/a+b` },
        { method: "DELETE", path: `/addressbook/group/a+b/contact/${f.contactId}` },
      ];
      for (const request of bad400) {
        const text = typeof request.body === "string";
        const { status, body } = text
          ? await rawText(request.method, request.path, request.body as string)
          : await raw(request);
        expect([request.path, status, body.Result]).toEqual([request.path, 400, "Failed"]);
        expect(Array.isArray(body.ErrorMessage) && body.ErrorMessage.length > 0).toBe(true);
      }

      const missing = "00000000-0000-4000-8000-000000000000";
      const notFound404: RawRequest[] = [
        { method: "PATCH", path: `/set/resubmit/${missing}`, body: {} },
        {
          method: "PATCH",
          path: `/set/reschedule/${missing}`,
          body: { SendTime: "2025-09-01 09:00" },
        },
        { method: "PATCH", path: `/set/abort/${missing}`, body: {} },
        { method: "PATCH", path: `/set/pacing/${missing}`, body: { NumberOfOperators: 2 } },
        { method: "GET", path: `/get/status/${missing}` },
        { method: "GET", path: `/get/status/${f.sentId}?page=2` },
        { method: "GET", path: `/get/sms/reply/${missing}` },
        { method: "GET", path: "/addressbook/contact/list?page=99" },
        { method: "GET", path: `/addressbook/contact/${missing}` },
        { method: "PATCH", path: `/addressbook/contact/${missing}`, body: { Title: "Mr" } },
        { method: "DELETE", path: `/addressbook/contact/${missing}` },
        { method: "GET", path: `/addressbook/contact/${missing}/group/list` },
        {
          method: "POST",
          path: `/addressbook/contact/${f.contactId}/group`,
          body: { GroupID: missing },
        },
        {
          method: "GET",
          path: `/addressbook/contact/${failedAgain.otherContactId}/group/${failedAgain.groupId}`,
        },
        { method: "DELETE", path: `/addressbook/contact/${f.otherContactId}/group/${missing}` },
        { method: "GET", path: "/addressbook/group/list?page=5" },
        { method: "GET", path: `/addressbook/group/${missing}` },
        { method: "PATCH", path: `/addressbook/group/${missing}`, body: { GroupName: "x" } },
        { method: "DELETE", path: `/addressbook/group/${missing}` },
        { method: "GET", path: `/addressbook/group/${missing}/contact/list` },
        {
          method: "POST",
          path: `/addressbook/group/${f.groupId}/contact`,
          body: { ContactID: missing },
        },
        { method: "GET", path: `/addressbook/group/${f.groupId}/contact/${missing}` },
        {
          method: "DELETE",
          path: `/addressbook/group/${failedAgain.groupId}/contact/${failedAgain.otherContactId}`,
        },
      ];
      for (const request of notFound404) {
        const { status, body } = await raw(request);
        expect([request.path, status, body.Result]).toEqual([request.path, 404, "RecordNotFound"]);
      }

      for (const request of ok200) {
        for (const auth of [false, "Basic wrong-token", `Token ${sandbox.authToken}`] as const) {
          const { status, body } = await raw({ ...request, auth });
          expect([request.path, status, body]).toEqual([
            request.path,
            401,
            { Result: "Unauthorized", ErrorMessage: "Invalid Auth Token" },
          ]);
        }
      }

      // Every status the spec declares is answered, but 500 (the sandbox does not fail).
      for (const operation of checker.operations) {
        const wanted = operation.statuses.filter((s) => s !== "500").map(Number);
        expect([operation.id, [...(seen.raw.get(operation.id) ?? [])].sort()]).toEqual([
          operation.id,
          wanted.sort(),
        ]);
      }
      expect(schemaErrors).toEqual([]);
    });

    it("answers an unknown route with 404 and an error body", async () => {
      const response = await fetch(`${sandbox.url}/send/fax`, {
        method: "POST",
        headers: { Authorization: `Bearer ${sandbox.authToken}` },
      });
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({
        Result: "Failed",
        ErrorMessage: ["No such operation: POST /send/fax"],
      });
      const wrongMethod = await fetch(`${sandbox.url}/send/sms`, {
        headers: { Authorization: `Basic ${sandbox.authToken}` },
      });
      expect(wrongMethod.status).toBe(404);
    });
  });

  async function rawText(
    method: string,
    path: string,
    text: string,
  ): Promise<{ status: number; body: Record<string, unknown> }> {
    const url = sandbox.url + path;
    const response = await fetch(url, {
      method,
      headers: { Authorization: `Basic ${sandbox.authToken}`, "Content-Type": "application/json" },
      body: text,
    });
    const body = (await response.json()) as Record<string, unknown>;
    record("raw", method, url, response.status, body);
    return { status: response.status, body };
  }
}
