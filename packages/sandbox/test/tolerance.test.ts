// What the live service takes, the sandbox takes: the `/api/v2.04` prefix, literal path segments
// in any case, a trailing `/` or `/?`, query names in any case, a body on a GET or a DELETE, and
// body fields the spec does not know (ignored, named in `X-Sandbox-Warning` and a log line) —
// unless `strict`. Over HTTP with the real curl, through @bestsms/client, and in process.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { BestSMS } from "@bestsms/client";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createSandboxApp, type Sandbox, type SandboxOptions } from "../src/app.js";
import { type RunningSandbox, startSandbox } from "../src/index.js";
import { describeNames } from "../src/tolerance.js";
import { manualClock } from "./helpers.js";

const CURL = "/usr/bin/curl";
const run = promisify(execFile);

interface Answer {
  readonly status: number;
  readonly warning: string | undefined;
  readonly body: Record<string, unknown>;
}

/** Runs curl with `-s -i` and these arguments; the status, the warning header and the body. */
async function curl(args: readonly string[]): Promise<Answer> {
  const { stdout } = await run(CURL, ["-sS", "-i", ...args]);
  const split = stdout.indexOf("\r\n\r\n");
  const head = stdout.slice(0, split);
  const [statusLine = "", ...lines] = head.split("\r\n");
  const status = Number(/^HTTP\/[\d.]+ (\d{3})/.exec(statusLine)?.[1]);
  const warning = lines
    .find((line) => line.toLowerCase().startsWith("x-sandbox-warning:"))
    ?.slice("x-sandbox-warning:".length)
    .trim();
  return { status, warning, body: JSON.parse(stdout.slice(split + 4)) as Record<string, unknown> };
}

const SEND = {
  MessageData: {
    Message: "Your order is ready",
    Destinations: [{ Recipient: "+61421000001" }, { Recipient: "+61421009900" }],
  },
};

describe("over HTTP, with curl", () => {
  const lines: string[] = [];
  let sandbox: RunningSandbox;
  let strict: RunningSandbox;
  let basic: string;

  beforeAll(async () => {
    const clock = manualClock();
    sandbox = await startSandbox({ clock, log: (line) => lines.push(line) });
    strict = await startSandbox({ clock, strict: true, log: (line) => lines.push(line) });
    basic = `Authorization: Basic ${sandbox.authToken}`;
  });
  afterAll(async () => {
    await sandbox?.close();
    await strict?.close();
  });

  it("sends at /api/v2.04/send/sms and polls the status, as the service documents", async () => {
    expect(sandbox.apiUrl).toBe(`${sandbox.url}/api/v2.04`);
    const sent = await curl([
      "-X",
      "POST",
      `${sandbox.url}/api/v2.04/send/sms`,
      "-H",
      basic,
      "-H",
      "Content-Type: application/json",
      "-d",
      JSON.stringify({ MessageData: { ...SEND.MessageData, MessageID: "curl-1" } }),
    ]);
    expect(sent).toEqual({
      status: 200,
      warning: undefined,
      body: { Result: "Success", MessageID: "curl-1", ErrorMessage: [] },
    });

    const pending = await curl([`${sandbox.apiUrl}/get/status/curl-1`, "-H", basic]);
    expect([pending.status, pending.body.Status]).toEqual([200, "Pending"]);
    await sandbox.advance(2_000);
    const done = await curl([`${sandbox.apiUrl}/get/status/curl-1`, "-H", basic]);
    expect(done.body).toMatchObject({
      Result: "Success",
      Status: "Completed",
      Success: 1,
      Failed: 1,
    });
    expect(lines).toEqual([]);
  });

  it("takes the reference SDK's requests: HTTPMethod in every body, GET bodies, List, trailing /", async () => {
    lines.length = 0;
    const sent = await curl([
      "-X",
      "POST",
      `${sandbox.apiUrl}/send/sms`,
      "-H",
      basic,
      "-H",
      "Content-Type: application/json",
      "-d",
      JSON.stringify({
        MessageData: { ...SEND.MessageData, MessageID: "curl-2", Files: [] },
        HTTPMethod: "POST",
      }),
    ]);
    expect([sent.status, sent.body.Result]).toEqual([200, "Success"]);
    // `Files` is named as long as the spec does not describe it.
    expect(sent.warning).toMatch(/^ignored unknown fields: HTTPMethod(, MessageData\.Files)?$/);

    const status = await curl([
      "-X",
      "GET",
      `${sandbox.apiUrl}/get/status/curl-2/`,
      "-H",
      basic,
      "-H",
      "Content-Type: application/json",
      "-d",
      '{"HTTPMethod":"GET"}',
    ]);
    expect([status.status, status.body.MessageID, status.body.Count]).toEqual([200, "curl-2", 2]);
    expect(status.warning).toBe("ignored the body (GET /get/status/{MessageID} takes none)");

    const contacts = await curl([
      "-X",
      "GET",
      `${sandbox.apiUrl}/addressbook/contact/List/?`,
      "-H",
      basic,
      "-d",
      '{"HTTPMethod":"GET"}',
    ]);
    expect([contacts.status, contacts.body.Result, contacts.body.Contacts]).toEqual([
      200,
      "Success",
      [],
    ]);

    const deleted = await curl([
      "-X",
      "DELETE",
      `${sandbox.apiUrl}/addressbook/contact/no-such-contact/`,
      "-H",
      basic,
      "-d",
      '{"HTTPMethod":"DELETE"}',
    ]);
    expect([deleted.status, deleted.body.Result]).toEqual([404, "RecordNotFound"]);

    expect(lines).toEqual([
      expect.stringMatching(
        /^bestsms-sandbox: POST \/api\/v2\.04\/send\/sms: ignored unknown fields: HTTPMethod/,
      ),
      "bestsms-sandbox: GET /api/v2.04/get/status/curl-2/: ignored the body (GET /get/status/{MessageID} takes none)",
      "bestsms-sandbox: GET /api/v2.04/addressbook/contact/List/: ignored the body (GET /addressbook/contact/list takes none)",
      "bestsms-sandbox: DELETE /api/v2.04/addressbook/contact/no-such-contact/: ignored the body (DELETE /addressbook/contact/{ContactID} takes none)",
    ]);
    for (const line of lines) expect(line).not.toContain(sandbox.authToken);
  });

  it("reads the document's query names (RecordsPerPage, Page)", async () => {
    const page = await curl([
      `${sandbox.apiUrl}/get/status/curl-1/?RecordsPerPage=1&Page=2`,
      "-H",
      basic,
    ]);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ TotalRecords: 2, RecordsPerPage: 1, PageCount: 2, Page: 2 });
    expect(page.body.Recipients).toMatchObject([{ DestSeq: 2, Destination: "+61421009900" }]);
    expect(page.warning).toBeUndefined();
  });

  it("refuses unknown fields with startSandbox({ strict: true }), paths still tolerated", async () => {
    const auth = `Authorization: Basic ${strict.authToken}`;
    const refused = await curl([
      "-X",
      "POST",
      `${strict.apiUrl}/send/sms`,
      "-H",
      auth,
      "-H",
      "Content-Type: application/json",
      "-d",
      JSON.stringify({ ...SEND, HTTPMethod: "POST" }),
    ]);
    expect(refused).toEqual({
      status: 400,
      warning: undefined,
      body: { Result: "Failed", ErrorMessage: ["HTTPMethod: not a known field"] },
    });
    const sent = await curl([
      "-X",
      "POST",
      `${strict.url}/API/V2.04/Send/SMS/`,
      "-H",
      auth,
      "-H",
      "Content-Type: application/json",
      "-d",
      JSON.stringify(SEND),
    ]);
    expect([sent.status, sent.body.Result, sent.warning]).toEqual([200, "Success", undefined]);
  });
});

describe("@bestsms/client at <sandbox>/api/v2.04", () => {
  it("sends and polls the status to the end", async () => {
    const sandbox = await startSandbox({ clock: manualClock(), log: false });
    try {
      const client = new BestSMS({ authToken: sandbox.authToken, baseUrl: sandbox.apiUrl });
      const sent = await client.messaging.sms.sendMessage({
        MessageText: "Hi [[First Name]]",
        Recipients: [{ Recipient: "+61421000001", "First Name": "Jess" }, "+61421009900"],
      });
      const MessageID = sent.MessageID ?? "";
      expect(MessageID).toMatch(/^[0-9a-f-]{36}$/);
      const before = await client.reports.status.poll({ MessageID });
      expect(before.Status).toBe("Pending");
      await sandbox.advance(2_000);
      const after = await client.reports.status.poll({ MessageID });
      expect([after.Status, after.Success, after.Failed]).toEqual(["Completed", 1, 1]);
      expect(sandbox.latestMessage(MessageID)?.recipients.length).toBe(2);
    } finally {
      await sandbox.close();
    }
  });
});

const TOKEN = "tolerance-token";

function inProcess(options: SandboxOptions = {}): {
  sandbox: Sandbox;
  lines: string[];
  call(method: string, path: string, body?: unknown): Promise<Answer>;
} {
  const lines: string[] = [];
  const sandbox = createSandboxApp({
    authToken: TOKEN,
    clock: manualClock(),
    log: (line) => lines.push(line),
    ...options,
  });
  const call = async (method: string, path: string, body?: unknown): Promise<Answer> => {
    const response = await sandbox.fetch(
      new Request(`http://sandbox.test${path}`, {
        method,
        headers: { Authorization: `Basic ${TOKEN}`, "Content-Type": "application/json" },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
    );
    return {
      status: response.status,
      warning: response.headers.get("X-Sandbox-Warning") ?? undefined,
      body: (await response.json()) as Record<string, unknown>,
    };
  };
  return { sandbox, lines, call };
}

describe("paths", () => {
  const { call } = inProcess();
  let contactId = "";

  beforeAll(async () => {
    const created = await call("POST", "/addressbook/contact", {
      FirstName: "Ann",
      MobilePhone: "+61421000001",
    });
    contactId = String((created.body.Contact as { ContactID: string }).ContactID);
    const sent = await call("POST", "/send/sms", {
      MessageData: { ...SEND.MessageData, MessageID: "Mixed-Case_1" },
    });
    expect(sent.status).toBe(200);
  });

  it.each([
    ["GET", "/api/v2.04/addressbook/contact/list"],
    ["GET", "/API/V2.04/ADDRESSBOOK/CONTACT/LIST"],
    ["GET", "/addressbook/contact/List"],
    ["GET", "/addressbook/contact/list/"],
    ["GET", "/addressbook/contact/list/?"],
    ["GET", "/addressbook/contact/List/?page=1"],
    ["GET", "/api/v2.04/addressbook/Group/List/"],
    ["GET", "/api/v2.04/Get/SMS/Received/?timePeriod=60"],
    ["GET", "/api/v2.04/get/status/Mixed-Case_1/"],
    ["GET", "/GET/STATUS/Mixed-Case_1/?"],
    ["GET", "/Get/SMS/Reply/Mixed-Case_1"],
  ])("%s %s is the spec's operation", async (method, path) => {
    const answer = await call(method, path);
    expect([answer.status, answer.body.Result, answer.warning]).toEqual([
      200,
      "Success",
      undefined,
    ]);
  });

  it("keeps the case of parameter values", async () => {
    expect((await call("GET", `/Addressbook/Contact/${contactId}/Group/List/`)).status).toBe(200);
    expect((await call("GET", "/get/status/mixed-case_1")).body).toEqual({
      Result: "RecordNotFound",
      ErrorMessage: ["Record not found: MessageID mixed-case_1"],
    });
    expect((await call("GET", `/addressbook/contact/${contactId.toUpperCase()}`)).status).toBe(
      contactId === contactId.toUpperCase() ? 200 : 404,
    );
  });

  it("answers other paths with 404 naming the path as sent", async () => {
    for (const path of ["/api/v2.05/send/sms", "/api/v2.04/send/fax/", "/api/send/sms"]) {
      expect(await call("POST", path, SEND)).toEqual({
        status: 404,
        warning: undefined,
        body: { Result: "Failed", ErrorMessage: [`No such operation: POST ${path}`] },
      });
    }
    expect((await call("GET", "/api/v2.04/send/sms")).status).toBe(404);
  });
});

describe("query names", () => {
  const { call, lines } = inProcess();

  beforeAll(async () => {
    for (const [i, name] of ["Ann", "Bob", "Cat"].entries()) {
      await call("POST", "/addressbook/contact", { FirstName: name, Custom1: String(i) });
    }
  });

  it("are matched in any case", async () => {
    const page = await call("GET", "/addressbook/contact/list?RecordsPerPage=2&Page=2");
    expect(page.body).toMatchObject({ TotalRecords: 3, RecordsPerPage: 2, PageCount: 2, Page: 2 });
    expect((page.body.Contacts as { FirstName: string }[]).map((c) => c.FirstName)).toEqual([
      "Cat",
    ]);
    const upper = await call("GET", "/addressbook/contact/list?RECORDSPERPAGE=1&PAGE=3");
    expect(upper.body).toMatchObject({ RecordsPerPage: 1, Page: 3 });
  });

  it("the wire's spelling wins over another case of the same name", async () => {
    const page = await call("GET", "/addressbook/contact/list?Page=2&page=1&recordsPerPage=2");
    expect(page.body).toMatchObject({ Page: 1, RecordsPerPage: 2 });
  });

  it("are still validated, by their wire names", async () => {
    expect(await call("GET", "/addressbook/contact/list?Page=0")).toEqual({
      status: 400,
      warning: undefined,
      body: { Result: "Failed", ErrorMessage: ["page: at least 1, got 0"] },
    });
  });

  it("unknown ones are ignored and named", async () => {
    lines.length = 0;
    const answer = await call("GET", "/addressbook/contact/list?pgae=2&_=1");
    expect([answer.status, answer.body.Page]).toEqual([200, 1]);
    expect(answer.warning).toBe("ignored unknown query parameters: pgae, _");
    expect(lines).toEqual([
      "bestsms-sandbox: GET /addressbook/contact/list: ignored unknown query parameters: pgae, _",
    ]);
  });
});

describe("unknown body fields", () => {
  const lenient = inProcess();
  const strict = inProcess({ strict: true });

  const extra = {
    HTTPMethod: "POST",
    MessageData: {
      Message: "Hi",
      MessageID: "extra-1",
      Colour: "red",
      Destinations: [
        { Recipient: "+61421000001", Nickname: "Jo" },
        { ContactID: "no-such", Note: 1 },
      ],
    },
  };

  it("are ignored and named in the header and the log, top level and nested", async () => {
    const answer = await lenient.call("POST", "/send/sms", extra);
    // The unknown ContactID is a real problem: refused after the unknown fields are left out.
    expect(answer).toEqual({
      status: 400,
      warning:
        "ignored unknown fields: HTTPMethod, MessageData.Colour, MessageData.Destinations[0].Nickname, MessageData.Destinations[1].Note",
      body: {
        Result: "Failed",
        ErrorMessage: ["MessageData.Destinations[1].ContactID: no contact no-such"],
      },
    });
    const sent = await lenient.call("POST", "/send/sms", {
      ...extra,
      MessageData: { ...extra.MessageData, Destinations: [extra.MessageData.Destinations[0]] },
    });
    expect([sent.status, sent.body]).toEqual([
      200,
      { Result: "Success", MessageID: "extra-1", ErrorMessage: [] },
    ]);
    expect(sent.warning).toBe(
      "ignored unknown fields: HTTPMethod, MessageData.Colour, MessageData.Destinations[0].Nickname",
    );
    const message = lenient.sandbox.latestMessage("extra-1");
    expect(message?.recipients.map((r) => r.Destination)).toEqual(["+61421000001"]);
    expect(message?.data).not.toHaveProperty("Colour");
    expect(lenient.lines.at(-1)).toBe(
      "bestsms-sandbox: POST /send/sms: ignored unknown fields: HTTPMethod, MessageData.Colour, MessageData.Destinations[0].Nickname",
    );
  });

  it("on the address book and the actions too", async () => {
    const contact = await lenient.call("POST", "/addressbook/contact", {
      FirstName: "Ann",
      EditPublid: "No",
      HTTPMethod: "POST",
    });
    expect([contact.status, contact.warning]).toEqual([
      200,
      "ignored unknown fields: EditPublid, HTTPMethod",
    ]);
    expect(contact.body.Contact).not.toHaveProperty("EditPublid");
    const group = await lenient.call("POST", "/addressbook/group", {
      GroupCode: "VIP",
      GroupName: "VIPs",
      HTTPMethod: "POST",
    });
    expect([group.status, group.warning]).toEqual([200, "ignored unknown fields: HTTPMethod"]);
    const abort = await lenient.call("PATCH", "/set/abort/extra-1", { HTTPMethod: "PATCH" });
    expect([abort.status, abort.body.ErrorMessage, abort.warning]).toEqual([
      400,
      ["Message is not Delayed"],
      "ignored unknown fields: HTTPMethod",
    ]);
  });

  it.each<[string, unknown, string[]]>([
    [
      "a wrong type",
      { MessageData: { Message: 5, Destinations: [{ Recipient: "+61421000001" }] } },
      ["MessageData.Message: must be a string, got an integer"],
    ],
    ["a missing field", { MessageData: { Message: "Hi" } }, ["MessageData.Destinations: required"]],
    [
      "a limit",
      {
        MessageData: {
          Message: "Hi",
          Reference: "r".repeat(93),
          Destinations: [{ Recipient: "+61421000001" }],
        },
      },
      ["MessageData.Reference: at most 80 characters, got 93"],
    ],
    // A field of another form of a destination is not unknown: the object is refused as before.
    [
      "a recipient and a group in one destination",
      {
        MessageData: {
          Message: "Hi",
          Destinations: [{ Recipient: "+61421000001", GroupID: "G1" }],
        },
      },
      ["MessageData.Destinations[0].GroupID: not a known field"],
    ],
  ])("still refuse %s, as the service does", async (_, body, errors) => {
    const answer = await lenient.call("POST", "/send/sms", {
      ...(body as object),
      HTTPMethod: "POST",
    });
    expect(answer).toEqual({
      status: 400,
      warning: "ignored unknown fields: HTTPMethod",
      body: { Result: "Failed", ErrorMessage: errors },
    });
  });

  it("are refused in strict mode, every one named", async () => {
    const answer = await strict.call("POST", "/send/sms", extra);
    expect(answer).toEqual({
      status: 400,
      warning: undefined,
      body: {
        Result: "Failed",
        ErrorMessage: [
          "HTTPMethod: not a known field",
          "MessageData.Colour: not a known field",
          "MessageData.Destinations[0].Nickname: not a known field",
          "MessageData.Destinations[1].Note: not a known field",
        ],
      },
    });
    const contact = await strict.call("POST", "/addressbook/contact", { EditPublid: "No" });
    expect(contact.body.ErrorMessage).toEqual(["EditPublid: not a known field"]);
    expect(strict.lines).toEqual([]);
  });

  it("are named without the token and in printable ASCII", async () => {
    const body = {
      MessageData: {
        Message: "Hi",
        Destinations: [{ Recipient: "+61421000001" }],
        [TOKEN]: 1,
        [`x-${TOKEN}-y`]: 2,
        "Prénom\r\nX-Injected: 1": 3,
        [`Long${"g".repeat(100)}`]: 4,
        // Cut after the token is replaced: no part of it is left at the end.
        [`${"h".repeat(40)}${TOKEN}`]: 5,
      },
    };
    const answer = await lenient.call("POST", "/send/sms", body);
    expect(answer.status).toBe(200);
    expect(answer.warning).toBe(
      `ignored unknown fields: MessageData["[token]"], MessageData["x-[token]-y"], MessageData["Pr\\u00e9nom\\r\\nX-Injected: 1"], MessageData.Long${"g".repeat(41)}..., MessageData["${"h".repeat(40)}[tok...`,
    );
    expect(lenient.lines.at(-1)).toBe(`bestsms-sandbox: POST /send/sms: ${answer.warning}`);
    expect(lenient.lines.join("\n")).not.toContain(TOKEN);
  });

  it("looks for a token of 8 characters or more only (a short one is in ordinary names)", () => {
    expect(describeNames(["EditPublid", "t"], "t")).toBe("EditPublid, t");
    expect(describeNames(["a-secret-token-b"], "secret-token")).toBe("a-[token]-b");
  });

  it("names at most ten", async () => {
    const fields = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`F${i}`, i]));
    const answer = await lenient.call("POST", "/addressbook/group", {
      GroupCode: "Many",
      GroupName: "Many",
      ...fields,
    });
    expect(answer.warning).toBe(
      "ignored unknown fields: F0, F1, F2, F3, F4, F5, F6, F7, F8, F9 and 2 more",
    );
  });
});

describe("the log option", () => {
  it("writes to console.warn by default, and nothing with log: false", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      for (const log of [undefined, false] as const) {
        const sandbox = createSandboxApp({
          authToken: TOKEN,
          clock: manualClock(),
          ...(log === undefined ? {} : { log }),
        });
        await sandbox.fetch(
          new Request("http://sandbox.test/addressbook/group", {
            method: "POST",
            headers: { Authorization: `Bearer ${TOKEN}` },
            body: JSON.stringify({ GroupCode: "G", GroupName: "G", HTTPMethod: "POST" }),
          }),
        );
      }
      expect(warn.mock.calls).toEqual([
        ["bestsms-sandbox: POST /addressbook/group: ignored unknown fields: HTTPMethod"],
      ]);
    } finally {
      warn.mockRestore();
    }
  });
});
