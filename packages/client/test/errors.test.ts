/// <reference types="node" />
// Every error the client throws, for each of its causes: the class (and its chain), the fields a
// caller reads, and a message that names the operation.
import { operationValidators, sendMessageRequest } from "@bestsms/validation";
import { describe, expect, it } from "vitest";
import {
  AbortError,
  ApiError,
  AuthenticationError,
  addressbookGroupList,
  BestSMS,
  BestSMSCore,
  BestSMSError,
  type ClientOptions,
  ConnectionError,
  type InputIssue,
  messagingSmsSendMessage,
  NotFoundError,
  RateLimitError,
  TimeoutError,
  ValidationError,
} from "../src/index.js";
import { closedPort } from "./helpers/closed-port.js";
import { settle } from "./helpers/fake-clock.js";
import { StubFetch } from "./helpers/fetch.js";
import { CONTACT_ID, GROUP_ID, MESSAGE_ID, TOKEN, useHarness } from "./helpers/harness.js";

const h = useHarness();

/** The error a promise rejects with, checked to be of `type`. */
async function rejection<E extends Error>(
  promise: Promise<unknown>,
  type: abstract new (...args: never[]) => E,
): Promise<E> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(type);
    return error as E;
  }
  throw new Error(`expected a ${type.name}, but the call succeeded`);
}

function only<T>(items: readonly T[]): T {
  expect(items).toHaveLength(1);
  const [item] = items;
  if (item === undefined) throw new Error("expected one item");
  return item;
}

describe("construction", () => {
  const bad: [string, unknown][] = [
    ["no options", undefined],
    ["no authToken", {}],
    ["an empty authToken", { authToken: "" }],
    ["a blank authToken", { authToken: "   " }],
    ["an authToken that is not a string", { authToken: 42 }],
  ];
  it.each(bad)("%s: BestSMSError naming authToken, before any request", (_t, options) => {
    for (const Client of [BestSMS, BestSMSCore]) {
      let caught: unknown;
      try {
        new Client(options as ClientOptions);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(BestSMSError);
      expect((caught as Error).message).toMatch(/authToken/);
    }
    expect(h.server.requests).toEqual([]);
  });

  it("says where the token comes from", () => {
    expect(() => new BestSMS({ authToken: "" })).toThrow(
      "BestSMS: authToken is required: pass the AuthToken from the BestSMS Web Dashboard",
    );
  });

  it.each([
    ["a token of two lines", { authToken: "abc\ndef" }, /printable ASCII/],
    // undici would echo a header value it refuses, token and all, in its error.
    ["a token with a NUL", { authToken: "eyJh.eyJz.sig\u0000TAIL" }, /printable ASCII/],
    ["an unknown authScheme", { authToken: TOKEN, authScheme: "Digest" }, /authScheme/],
    [
      "Authorization among the headers",
      { authToken: TOKEN, headers: { authorization: "x" } },
      /authToken/,
    ],
    ["timeoutMs 0", { authToken: TOKEN, timeoutMs: 0 }, /timeoutMs/],
    ["timeoutMs NaN", { authToken: TOKEN, timeoutMs: Number.NaN }, /timeoutMs/],
    ["maxRetries -1", { authToken: TOKEN, maxRetries: -1 }, /maxRetries/],
  ])("%s is refused", (_t, options, message) => {
    expect(() => new BestSMS(options as ClientOptions)).toThrow(BestSMSError);
    expect(() => new BestSMS(options as ClientOptions)).toThrow(message);
  });

  it("a failure's stack runs on into the frames of the caller who awaits the call", async () => {
    const client = h.client({ baseUrl: `http://127.0.0.1:${await closedPort()}`, maxRetries: 0 });
    async function checkOrderOfCaller(): Promise<void> {
      await client.reports.status.poll({ MessageID: MESSAGE_ID });
    }
    const error = await checkOrderOfCaller().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).stack).toContain("checkOrderOfCaller");
  });

  it("BestSMSCore refuses a base URL that is not a URL, before any request", async () => {
    expect(
      () => new BestSMSCore({ authToken: TOKEN, baseUrl: "api.bestsms.au/api/v2.04" }),
    ).toThrow("BestSMS: baseUrl api.bestsms.au/api/v2.04 is not a URL");
  });

  it("per-call timeoutMs and maxRetries are checked too", async () => {
    const client = h.client();
    await expect(client.addressbook.group.list({}, { timeoutMs: 0 })).rejects.toThrow(/timeoutMs/);
    await expect(client.addressbook.group.list({}, { maxRetries: -2 })).rejects.toThrow(
      /maxRetries/,
    );
    expect(h.server.requests).toEqual([]);
  });
});

describe("ApiError and its kinds", () => {
  it("401 (the server refuses the token): AuthenticationError", async () => {
    const client = h.client({ authToken: "a-revoked-token" });
    const error = await rejection(
      client.addressbook.contact.detail({ ContactID: CONTACT_ID }),
      AuthenticationError,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toBeInstanceOf(BestSMSError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("AuthenticationError");
    expect(error).toMatchObject({
      status: 401,
      result: "Unauthorized",
      errorMessages: ["Invalid Auth Token"],
      operationId: "addressbook.contact.detail",
      bodyExcerpt: undefined,
    });
    expect(error.message).toMatch(
      /^addressbook\.contact\.detail: HTTP 401 Unauthorized: Invalid Auth Token \(sent "Authorization: Basic <token>"; the token must be the AuthToken of the BestSMS Web Dashboard, a JWT/,
    );
    expect(error.message).toContain('or your account wants authScheme "Bearer")');
    expect(h.server.requests).toHaveLength(1);
  });

  it("200 with Result Unauthorized: AuthenticationError", async () => {
    h.server.enqueue({ json: { Result: "Unauthorized", ErrorMessage: "Token expired" } });
    const error = await rejection(h.client().addressbook.group.list(), AuthenticationError);
    expect(error).toMatchObject({
      status: 200,
      result: "Unauthorized",
      errorMessages: ["Token expired"],
    });
    expect(error.message).toContain("addressbook.group.list");
  });

  it("404 with Result RecordNotFound: NotFoundError", async () => {
    h.server.enqueue({
      status: 404,
      json: { Result: "RecordNotFound", ErrorMessage: ["Record not found"] },
    });
    const error = await rejection(
      h.client().addressbook.group.detail({ GroupID: GROUP_ID }),
      NotFoundError,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error.name).toBe("NotFoundError");
    expect(error).toMatchObject({
      status: 404,
      result: "RecordNotFound",
      errorMessages: ["Record not found"],
      operationId: "addressbook.group.detail",
    });
    expect(error.message).toBe(
      "addressbook.group.detail: HTTP 404 RecordNotFound: Record not found",
    );
  });

  it("200 with Result RecordNotFound: NotFoundError", async () => {
    h.server.enqueue({ json: { Result: "RecordNotFound", ErrorMessage: "No such contact" } });
    const error = await rejection(
      h.client().addressbook.contact.detail({ ContactID: CONTACT_ID }),
      NotFoundError,
    );
    expect(error).toMatchObject({
      status: 200,
      result: "RecordNotFound",
      errorMessages: ["No such contact"],
    });
    expect(error.message).toBe(
      "addressbook.contact.detail: Result RecordNotFound: No such contact",
    );
  });

  it("404 without a body (an unknown path): NotFoundError", async () => {
    h.server.enqueue({ status: 404, text: "" });
    const error = await rejection(
      h.client().reports.status.poll({ MessageID: MESSAGE_ID }),
      NotFoundError,
    );
    expect(error).toMatchObject({
      status: 404,
      result: undefined,
      errorMessages: [],
      bodyExcerpt: "",
    });
  });

  it("429: RateLimitError with retryAfterMs from Retry-After", async () => {
    h.server.enqueue({
      status: 429,
      headers: { "Retry-After": "7" },
      json: { Result: "Failed", ErrorMessage: "Too many requests" },
    });
    const error = await rejection(
      h
        .client({ maxRetries: 0 })
        .messaging.sms.sendMessage({ MessageText: "Hi", Recipients: "+61421000001" }),
      RateLimitError,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error.name).toBe("RateLimitError");
    expect(error).toMatchObject({
      status: 429,
      retryAfterMs: 7000,
      errorMessages: ["Too many requests"],
      operationId: "messaging.sms.sendMessage",
    });
    expect(error.message).toContain("messaging.sms.sendMessage: HTTP 429");
  });

  it("429 without Retry-After: retryAfterMs undefined", async () => {
    h.server.enqueue({ status: 429, json: { Result: "Failed" } });
    const error = await rejection(
      h.client({ maxRetries: 0 }).addressbook.group.list(),
      RateLimitError,
    );
    expect(error.retryAfterMs).toBeUndefined();
  });

  it("400 with ErrorMessage as a list", async () => {
    h.server.enqueue({
      status: 400,
      json: { Result: "Failed", ErrorMessage: ["Missing Sender", "Invalid Recipient"] },
    });
    const error = await rejection(
      h.client().messaging.sms.sendMessage({ MessageText: "Hi", Recipients: "+61421000001" }),
      ApiError,
    );
    expect(error.constructor).toBe(ApiError);
    expect(error.name).toBe("ApiError");
    expect(error).toMatchObject({
      status: 400,
      result: "Failed",
      errorMessages: ["Missing Sender", "Invalid Recipient"],
    });
    expect(error.message).toBe(
      "messaging.sms.sendMessage: HTTP 400 Failed: Missing Sender; Invalid Recipient",
    );
  });

  it("400 with ErrorMessage as one string", async () => {
    h.server.enqueue({ status: 400, json: { Result: "Failed", ErrorMessage: "Missing Sender" } });
    const error = await rejection(h.client().addressbook.group.list(), ApiError);
    expect(error.errorMessages).toEqual(["Missing Sender"]);
  });

  it("200 with Result Failed: ApiError (not a success)", async () => {
    h.server.enqueue({ json: { Result: "Failed", ErrorMessage: "Message rejected" } });
    const error = await rejection(
      h.client().actions.abort.sendRequest({ MessageID: MESSAGE_ID }),
      ApiError,
    );
    expect(error.constructor).toBe(ApiError);
    expect(error).toMatchObject({
      status: 200,
      result: "Failed",
      errorMessages: ["Message rejected"],
    });
    expect(error.message).toBe("actions.abort.sendRequest: Result Failed: Message rejected");
  });

  it("200 without Result: ApiError", async () => {
    h.server.enqueue({ json: { MessageID: "X" } });
    const error = await rejection(h.client().addressbook.group.list(), ApiError);
    expect(error).toMatchObject({ status: 200, result: undefined });
    expect(error.message).toBe("addressbook.group.list: Result missing");
  });

  it("500 once retries are spent: ApiError with the status", async () => {
    h.server.enqueue({ status: 500, json: { Result: "Failed", ErrorMessage: ["Internal error"] } });
    const error = await rejection(h.client({ maxRetries: 0 }).addressbook.group.list(), ApiError);
    expect(error).toMatchObject({
      status: 500,
      result: "Failed",
      errorMessages: ["Internal error"],
    });
  });
});

describe("bodies that are not the JSON expected: ApiError with status and excerpt, never SyntaxError", () => {
  const html =
    "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>";
  const cases: [string, { status: number; text: string }, string][] = [
    ["an HTML page with 200", { status: 200, text: html }, html],
    ["an HTML page with 502", { status: 502, text: html }, html],
    [
      "truncated JSON",
      { status: 200, text: '{"Result":"Success","MessageID":"ID1' },
      '{"Result":"Success","MessageID":"ID1',
    ],
    ["an empty body", { status: 200, text: "" }, ""],
    ["a JSON array", { status: 200, text: '["Success"]' }, '["Success"]'],
    ["JSON null", { status: 200, text: "null" }, "null"],
  ];
  it.each(cases)("%s", async (_t, answer, excerpt) => {
    h.server.enqueue(answer);
    const error = await rejection(
      h.client({ maxRetries: 0 }).reports.status.poll({ MessageID: MESSAGE_ID }),
      ApiError,
    );
    expect(error).not.toBeInstanceOf(SyntaxError);
    expect(error.status).toBe(answer.status);
    expect(error.bodyExcerpt).toBe(excerpt);
    expect(error.message).toMatch(/^reports\.status\.poll: HTTP /);
  });

  it("says it was not JSON and gives the content type", async () => {
    h.server.enqueue({ status: 200, text: html });
    const error = await rejection(
      h.client().reports.status.poll({ MessageID: MESSAGE_ID }),
      ApiError,
    );
    expect(error.message).toBe(
      'reports.status.poll: HTTP 200 with a body that is not a JSON object (text/html; charset=utf-8): "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>"',
    );
  });

  it("keeps the excerpt short (200 characters)", async () => {
    h.server.enqueue({ status: 200, text: `<html>${"x".repeat(5000)}</html>` });
    const error = await rejection(h.client().addressbook.group.list(), ApiError);
    expect(error.bodyExcerpt).toHaveLength(200);
  });
});

describe("ConnectionError, TimeoutError, AbortError", () => {
  it("nothing listening: ConnectionError with the runtime's error as cause", async () => {
    const port = await closedPort();
    const client = h.client({ baseUrl: `http://127.0.0.1:${port}/api/v2.04`, maxRetries: 0 });
    const error = await rejection(client.addressbook.group.list(), ConnectionError);
    expect(error).toBeInstanceOf(BestSMSError);
    expect(error).not.toBeInstanceOf(ApiError);
    expect(error.name).toBe("ConnectionError");
    expect(error.operationId).toBe("addressbook.group.list");
    expect(error.message).toMatch(
      /^addressbook\.group\.list: could not connect to 127\.0\.0\.1:\d+ after 1 attempt: fetch failed \(ECONNREFUSED\)$/,
    );
    expect(error.cause).toBeInstanceOf(Error);
  });

  it("the connection breaks before an answer: ConnectionError", async () => {
    h.server.enqueue({ destroy: true });
    const error = await rejection(
      h.client().addressbook.contact.create({ FirstName: "Ann" }),
      ConnectionError,
    );
    expect(error.message).toMatch(
      /^addressbook\.contact\.create: the connection failed to 127\.0\.0\.1:\d+ after 1 attempt: /,
    );
    expect(h.server.requests).toHaveLength(1);
  });

  it("no answer in time: TimeoutError with timeoutMs and the operation", async () => {
    const stub = new StubFetch([{ hang: true }]);
    const client = h.client({ fetch: stub.fetch, timeoutMs: 1500 });
    const error = await settle(
      rejection(
        client.messaging.sms.sendMessage({ MessageText: "Hi", Recipients: "+61421000001" }),
        TimeoutError,
      ),
      h.clock,
    );
    expect(error).toBeInstanceOf(BestSMSError);
    expect(error.name).toBe("TimeoutError");
    expect(error).toMatchObject({ timeoutMs: 1500, operationId: "messaging.sms.sendMessage" });
    expect(error.message).toBe("messaging.sms.sendMessage: no response within 1500 ms (1 attempt)");
    expect(h.clock.elapsed()).toBe(1500);
  });

  it("a body that stalls is a timeout too", async () => {
    h.server.enqueue({ status: 200, text: '{"Result":"Success","Contact":{}}', stallBody: true });
    const client = h.client({ maxRetries: 0, timeoutMs: 2000 });
    const pending = rejection(
      client.addressbook.contact.detail({ ContactID: CONTACT_ID }),
      TimeoutError,
    );
    while (h.server.requests.length === 0) await new Promise((r) => setTimeout(r, 1));
    await new Promise((r) => setTimeout(r, 5));
    h.clock.advance(2000);
    const error = await pending;
    expect(error.timeoutMs).toBe(2000);
  });

  it("the caller aborts: AbortError with the signal's reason as cause", async () => {
    const controller = new AbortController();
    const reason = new Error("user left the page");
    controller.abort(reason);
    const error = await rejection(
      h.client().addressbook.group.list({}, { signal: controller.signal }),
      AbortError,
    );
    expect(error).toBeInstanceOf(BestSMSError);
    expect(error.name).toBe("AbortError");
    expect(error.cause).toBe(reason);
    expect(error.operationId).toBe("addressbook.group.list");
    expect(error.message).toBe("addressbook.group.list: aborted by the caller");
  });
});

describe("ValidationError: before any request, named in the caller's words", () => {
  async function issues(
    call: (client: BestSMS) => Promise<unknown>,
  ): Promise<readonly InputIssue[]> {
    const error = await rejection(call(h.client()), ValidationError);
    expect(error).toBeInstanceOf(BestSMSError);
    expect(error.name).toBe("ValidationError");
    expect(h.server.requests, "nothing may reach the server").toEqual([]);
    expect(error.message).toMatch(/^[a-zA-Z.]+: /);
    return error.issues;
  }
  const send = (input: Record<string, unknown>) => (client: BestSMS) =>
    client.messaging.sms.sendMessage(input as never);

  it("Reference of 81 characters", async () => {
    expect(
      await issues(
        send({ MessageText: "Hi", Recipients: "+61421000001", Reference: "r".repeat(81) }),
      ),
    ).toEqual([
      {
        message: "Reference: at most 80 characters, got 81",
        path: ["Reference"],
        rule: "maxLength",
        limit: 80,
      },
    ]);
  });

  it("MessageID of 41 characters", async () => {
    expect(
      await issues(
        send({ MessageText: "Hi", Recipients: "+61421000001", MessageID: "m".repeat(41) }),
      ),
    ).toEqual([
      {
        message: "MessageID: at most 40 characters, got 41",
        path: ["MessageID"],
        rule: "maxLength",
        limit: 40,
      },
    ]);
  });

  it("a number not in E.164, inside a list of recipients", async () => {
    const found = await issues(
      send({
        MessageText: "Hi",
        Recipients: ["+61421000001", { GroupID: GROUP_ID }, { Recipient: "0421 000 001" }],
      }),
    );
    expect(found).toEqual([
      expect.objectContaining({ path: ["Recipients", 2, "Recipient"], rule: "pattern" }),
    ]);
    expect(found[0]?.message).toMatch(
      /^Recipients\[2\]\.Recipient: not an E\.164 number .*toE164\(number, \{ defaultCountry: "AU" \}\).*defaultCountry/,
    );
  });

  it("a lone bad number given as a string", async () => {
    expect(await issues(send({ MessageText: "Hi", Recipients: "0421000001" }))).toEqual([
      expect.objectContaining({
        path: ["Recipients"],
        rule: "pattern",
        limit: "^\\+[1-9][0-9]{6,14}$",
      }),
    ]);
  });

  it("a bad number given as a string inside a list", async () => {
    expect(await issues(send({ MessageText: "Hi", Recipients: ["+61421000001", "12"] }))).toEqual([
      expect.objectContaining({ path: ["Recipients", 1], rule: "pattern" }),
    ]);
  });

  it("a lone recipient object with a bad number", async () => {
    expect(await issues(send({ MessageText: "Hi", Recipients: { Recipient: "bad" } }))).toEqual([
      expect.objectContaining({ path: ["Recipients", "Recipient"], rule: "pattern" }),
    ]);
  });

  it('fields under their documented names: "First Name", GroupID, ViewPublic, CompanyDepartment', async () => {
    expect(
      await issues(
        send({ MessageText: "Hi", Recipients: [{ Recipient: "+61421000001", "First Name": 5 }] }),
      ),
    ).toEqual([expect.objectContaining({ path: ["Recipients", 0, "First Name"], rule: "type" })]);
    expect(
      await issues(
        send({ MessageText: "Hi", Recipients: ["+61421000001", { GroupID: "bad id!" }] }),
      ),
    ).toEqual([expect.objectContaining({ path: ["Recipients", 1, "GroupID"], rule: "pattern" })]);
    expect(
      await issues((c) => c.addressbook.contact.create({ ViewPublic: "Everyone" } as never)),
    ).toEqual([expect.objectContaining({ path: ["ViewPublic"], rule: "enum" })]);
    expect(
      await issues((c) =>
        c.addressbook.contact.update({ ContactID: CONTACT_ID, CompanyDepartment: "d".repeat(101) }),
      ),
    ).toEqual([
      {
        message: "CompanyDepartment: at most 100 characters, got 101",
        path: ["CompanyDepartment"],
        rule: "maxLength",
        limit: 100,
      },
    ]);
  });

  it("SMSEmailReply, WebhookCallbackURL and SendTime formats", async () => {
    const found = await issues(
      send({
        MessageText: "Hi",
        Recipients: "+61421000001",
        SMSEmailReply: "not-an-email",
        WebhookCallbackURL: "http://www.example.com/webhook",
        WebhookCallbackFormat: "JSON",
        SendTime: "10/08/2025 09:00",
      }),
    );
    expect(found.map((i) => [i.path, i.rule])).toEqual([
      [["SendTime"], "pattern"],
      [["SMSEmailReply"], "format"],
      [["WebhookCallbackURL"], "pattern"],
    ]);
  });

  it("FromNumber not in E.164", async () => {
    expect(
      await issues(
        send({ MessageText: "Hi", Recipients: "+61421000001", FromNumber: "61421000009" }),
      ),
    ).toEqual([expect.objectContaining({ path: ["FromNumber"], rule: "pattern" })]);
  });

  it("a number defaultCountry does not tidy (FromNumber) is not told to give it", async () => {
    const found = await issues(
      send({ MessageText: "Hi", Recipients: "+61421000001", FromNumber: "0421000009" }),
    );
    expect(found[0]?.message).toMatch(/^FromNumber: not an E\.164 number .*toE164/);
    expect(found[0]?.message).not.toContain("give the client defaultCountry");
  });

  it("EditPublid (the document's typo) is not a known field", async () => {
    expect(
      await issues((c) =>
        c.addressbook.contact.update({
          ContactID: CONTACT_ID,
          ViewPublic: "Account",
          EditPublid: "Account",
        } as never),
      ),
    ).toEqual([
      {
        message: "EditPublid: not a known field (did you mean `EditPublic`?)",
        path: ["EditPublid"],
        rule: "additionalProperties",
      },
    ]);
  });

  it('both FirstName and "First Name" on one recipient', async () => {
    expect(
      await issues(
        send({
          MessageText: "Hi",
          Recipients: [
            "+61421000001",
            { Recipient: "+61421000002", "First Name": "John", FirstName: "Johnny" },
          ],
        }),
      ),
    ).toEqual([
      {
        message: "Recipients[1].FirstName: give either First Name or FirstName, not both",
        path: ["Recipients", 1, "FirstName"],
        rule: "alias",
      },
    ]);
  });

  it("both ViewPublic and ViewBy on a contact", async () => {
    expect(
      await issues((c) =>
        c.addressbook.contact.create({ ViewPublic: "Account", ViewBy: "No" } as never),
      ),
    ).toEqual([expect.objectContaining({ path: ["ViewBy"], rule: "alias" })]);
  });

  it("WebhookCallbackURL without WebhookCallbackFormat (the reference SDK refuses it too)", async () => {
    expect(
      await issues(
        send({
          MessageText: "Hi",
          Recipients: "+61421000001",
          WebhookCallbackURL: "https://www.example.com/webhook",
        }),
      ),
    ).toEqual([
      {
        message: "WebhookCallbackFormat: required when WebhookCallbackURL is given",
        path: ["WebhookCallbackFormat"],
        rule: "dependentRequired",
        limit: "WebhookCallbackURL",
      },
    ]);
  });

  it("both GroupID and GroupCode in group.detail", async () => {
    expect(
      await issues((c) =>
        c.addressbook.group.detail({ GroupID: GROUP_ID, GroupCode: "Test_Group" } as never),
      ),
    ).toEqual([
      {
        message: "GroupID, GroupCode: give only one of GroupID or GroupCode",
        path: ["GroupCode"],
        rule: "alias",
      },
    ]);
  });

  it("neither GroupID nor GroupCode in group.delete", async () => {
    expect(await issues((c) => c.addressbook.group.delete({} as never))).toEqual([
      { message: "GroupID or GroupCode: required", path: ["GroupID"], rule: "required" },
    ]);
  });

  it("GroupCode in contactGroup.detail, where only GroupID is taken", async () => {
    expect(
      await issues((c) =>
        c.addressbook.contactGroup.detail({
          ContactID: CONTACT_ID,
          GroupCode: "Test_Group",
        } as never),
      ),
    ).toEqual([expect.objectContaining({ path: ["GroupID"], rule: "required" })]);
    expect(
      await issues((c) =>
        c.addressbook.contactGroup.detail({
          ContactID: CONTACT_ID,
          GroupID: GROUP_ID,
          GroupCode: "Test_Group",
        } as never),
      ),
    ).toEqual([expect.objectContaining({ path: ["GroupCode"] })]);
  });

  it("missing MessageText: refused before the request", async () => {
    const found = await issues(send({ Recipients: "+61421000001" }));
    expect(found).toHaveLength(1);
    expect(found[0]?.rule).toBe("required");
  });

  it("missing MessageText / Recipients are named MessageText / Recipients", async () => {
    expect(await issues(send({ Recipients: "+61421000001" }))).toEqual([
      { message: "MessageText: required", path: ["MessageText"], rule: "required" },
    ]);
    expect(await issues(send({ MessageText: "Hi" }))).toEqual([
      { message: "Recipients: required", path: ["Recipients"], rule: "required" },
    ]);
  });

  it("an empty MessageText and an empty list of recipients", async () => {
    expect(await issues(send({ MessageText: "", Recipients: [] }))).toEqual([
      expect.objectContaining({ path: ["MessageText"], rule: "minLength" }),
      expect.objectContaining({ path: ["Recipients"], rule: "minItems", limit: 1 }),
    ]);
  });

  it("a missing path parameter", async () => {
    expect(await issues((c) => c.reports.status.poll({} as never))).toEqual([
      { message: "MessageID: required", path: ["MessageID"], rule: "required" },
    ]);
    expect(
      await issues((c) => c.addressbook.groupContact.delete({ GroupID: GROUP_ID } as never)),
    ).toEqual([{ message: "ContactID: required", path: ["ContactID"], rule: "required" }]);
  });

  it("a bad path parameter (a MessageID with a slash)", async () => {
    expect(await issues((c) => c.actions.abort.sendRequest({ MessageID: "ID/123" }))).toEqual([
      expect.objectContaining({ path: ["MessageID"], rule: "pattern" }),
    ]);
  });

  it("an unknown field on a GET", async () => {
    expect(
      await issues((c) =>
        c.addressbook.contact.detail({ ContactID: CONTACT_ID, Fields: "all" } as never),
      ),
    ).toEqual([
      { message: "Fields: not a known field", path: ["Fields"], rule: "additionalProperties" },
    ]);
  });

  it("the wire's name of a query parameter is not an input name", async () => {
    expect(await issues((c) => c.addressbook.contact.list({ page: 2 } as never))).toEqual([
      expect.objectContaining({ path: ["page"], rule: "additionalProperties" }),
    ]);
  });

  it("wrong types: a string Page, a string ForceGSMChars, a number MessageText", async () => {
    expect(await issues((c) => c.addressbook.contact.list({ Page: "2" } as never))).toEqual([
      {
        message: "Page: must be an integer, got a string",
        path: ["Page"],
        rule: "type",
        limit: "integer",
      },
    ]);
    expect(
      await issues(send({ MessageText: "Hi", Recipients: "+61421000001", ForceGSMChars: "yes" })),
    ).toEqual([expect.objectContaining({ path: ["ForceGSMChars"], rule: "type" })]);
    expect(await issues(send({ MessageText: 5, Recipients: "+61421000001" }))).toEqual([
      expect.objectContaining({ path: ["MessageText"], rule: "type" }),
    ]);
  });

  it("out of range: Page 0, NumberOfOperators -1, RecordsPerPage 1000 on a report, SendMode Live", async () => {
    expect(await issues((c) => c.addressbook.group.list({ Page: 0 }))).toEqual([
      expect.objectContaining({ path: ["Page"], rule: "minimum", limit: 1 }),
    ]);
    expect(
      await issues((c) =>
        c.actions.pacing.sendRequest({ MessageID: MESSAGE_ID, NumberOfOperators: -1 }),
      ),
    ).toEqual([
      expect.objectContaining({ path: ["NumberOfOperators"], rule: "minimum", limit: 0 }),
    ]);
    expect(
      await issues((c) => c.reports.status.poll({ MessageID: MESSAGE_ID, RecordsPerPage: 1000 })),
    ).toEqual([expect.objectContaining({ path: ["RecordsPerPage"], rule: "maximum", limit: 999 })]);
    expect(
      await issues(send({ MessageText: "Hi", Recipients: "+61421000001", SendMode: "Live" })),
    ).toEqual([expect.objectContaining({ path: ["SendMode"], rule: "enum" })]);
  });

  it("an unknown field inside a recipient", async () => {
    expect(
      await issues(
        send({ MessageText: "Hi", Recipients: [{ Recipient: "+61421000001", Nickname: "Jo" }] }),
      ),
    ).toEqual([expect.objectContaining({ path: ["Recipients", 0, "Nickname"] })]);
  });

  it("a contact create or update with no field", async () => {
    expect(await issues((c) => c.addressbook.contact.create({}))).toEqual([
      expect.objectContaining({ rule: "minProperties", limit: 1 }),
    ]);
  });

  it("input that is not an object", async () => {
    expect(await issues((c) => c.addressbook.group.detail("BBBB" as never))).toEqual([
      expect.objectContaining({ rule: "type", path: [] }),
    ]);
  });

  it("through a standalone function, with the validators given to BestSMSCore", async () => {
    const core = h.core({ validators: operationValidators });
    const error = await rejection(
      messagingSmsSendMessage(core, {
        MessageText: "Hi",
        Recipients: "+61421000001",
        Reference: "r".repeat(81),
      }),
      ValidationError,
    );
    expect(error.issues.map((i) => i.path)).toEqual([["Reference"]]);
    expect(error.operationId).toBe("messaging.sms.sendMessage");
    expect(h.server.requests).toEqual([]);
  });

  it("BestSMSCore with only the send validator checks sends and nothing else", async () => {
    const core = h.core({
      validators: { "messaging.sms.sendMessage": { body: sendMessageRequest } },
    });
    await rejection(
      messagingSmsSendMessage(core, { MessageText: "", Recipients: "+61421000001" }),
      ValidationError,
    );
    expect(h.server.requests).toEqual([]);
    // Unchecked here, so the service is the judge (the spec server answers 400).
    await rejection(addressbookGroupList(core, { Page: 0 }), ApiError);
    expect(h.server.requests).toHaveLength(1);
  });

  it("BestSMSCore without validators sends the input as it is (spec/DECISIONS.md)", async () => {
    const error = await rejection(
      messagingSmsSendMessage(h.core(), {
        MessageText: "Hi",
        Recipients: "+61421000001",
        Reference: "r".repeat(81),
      }),
      ApiError,
    );
    expect(error.status).toBe(400);
    expect(only(h.server.requests).problems).toEqual([
      "body: MessageData.Reference: at most 80 characters, got 81",
    ]);
  });

  it("BestSMS validates even when given validators for some operations only", async () => {
    const client = h.client({
      validators: { "addressbook.group.list": operationValidators["addressbook.group.list"] },
    });
    await rejection(client.addressbook.group.list({ Page: 0 }), ValidationError);
    expect(h.server.requests).toEqual([]);
  });

  it("names every issue in the message", async () => {
    const error = await rejection(
      h.client().messaging.sms.sendMessage({
        MessageText: "Hi",
        Recipients: "+61421000001",
        Reference: "r".repeat(81),
        MessageID: "bad id",
      }),
      ValidationError,
    );
    expect(error.issues).toHaveLength(2);
    expect(error.message).toContain("messaging.sms.sendMessage: ");
    expect(error.message).toContain("Reference: at most 80 characters, got 81");
    expect(error.message).toContain("MessageID: must match");
  });

  it("DateFrom without DateTo (and the reverse) is refused", async () => {
    expect(
      await issues((c) => c.reports.smsReceived.poll({ DateFrom: "2025-08-01 00:00:00" })),
    ).toEqual([expect.objectContaining({ path: ["DateTo"], rule: "dependentRequired" })]);
    expect(
      await issues((c) => c.reports.smsReceived.poll({ DateTo: "2025-08-01 00:00:00" })),
    ).toEqual([expect.objectContaining({ path: ["DateFrom"], rule: "dependentRequired" })]);
  });

  it("TimePeriod with DateFrom/DateTo is refused", async () => {
    const found = await issues((c) =>
      c.reports.smsReceived.poll({
        TimePeriod: 60,
        DateFrom: "2025-08-01 00:00:00",
        DateTo: "2025-08-02 00:00:00",
      }),
    );
    expect(found.map((issue) => issue.path)).toEqual([["DateFrom"], ["DateTo"]]);
  });

  it("the DateFrom/DateTo rule speaks of DateFrom, not the wire's dateFrom", async () => {
    expect(
      await issues((c) => c.reports.smsReceived.poll({ DateFrom: "2025-08-01 00:00:00" })),
    ).toEqual([
      {
        message: "DateTo: required when DateFrom is given",
        path: ["DateTo"],
        rule: "dependentRequired",
        limit: "DateFrom",
      },
    ]);
  });
});
