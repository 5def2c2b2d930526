// Each limit the spec states, on both sides of its boundary, with the exact issue reported.
import { describe, expect, it } from "vitest";
import {
  addressbookContactListParams,
  addressbookGroupContactListParams,
  contactCreateRequest,
  contactUpdateRequest,
  formatPath,
  groupCreateRequest,
  groupUpdateRequest,
  pacingRequest,
  reportsSmsReceivedPollParams,
  reportsSmsReplyPollParams,
  reportsStatusPollParams,
  rescheduleRequest,
  resubmitRequest,
  sendMessageRequest,
  type ValidationIssue,
  type Validator,
} from "../src/index.js";

const E164 = "^\\+[1-9][0-9]{6,14}$";
const MESSAGE_ID = "^[A-Za-z0-9_-]+$";
const ENTITY_ID = "^[A-Za-z0-9_.-]+$";
const LOCAL_DATE_TIME =
  "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])[ T]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$";
const PERMISSIONS = ["Account", "SubAccount", "Department", "No"];

/** A valid send body with `fields` merged into its MessageData. */
function send(fields: Record<string, unknown>): unknown {
  return {
    MessageData: { Message: "Hi", Destinations: [{ Recipient: "+61421000001" }], ...fields },
  };
}

const to = (...destinations: unknown[]) => send({ Destinations: destinations });

function issue(
  path: (string | number)[],
  rule: string,
  text: string,
  limit?: unknown,
): ValidationIssue {
  const base = { message: `${formatPath(path)}: ${text}`, path, rule };
  return limit === undefined ? base : { ...base, limit };
}

/** [what, validator, value, the exact issues (none when valid)] */
type Case = [
  what: string,
  validator: Validator<unknown>,
  value: unknown,
  issues: ValidationIssue[],
];

const ok = (what: string, validator: Validator<unknown>, value: unknown): Case => [
  what,
  validator,
  value,
  [],
];

const md = (...rest: (string | number)[]) => ["MessageData", ...rest];
const s = sendMessageRequest as Validator<unknown>;

const cases: Case[] = [
  // MessageID: 1 to 40 of letters, digits, - and _
  ok("MessageID of 40 characters", s, send({ MessageID: "a".repeat(40) })),
  ok("MessageID like a UUID", s, send({ MessageID: "4f1d2c3e-5b6a-4d7c-8e9f-0a1b2c3d4e5f" })),
  ok("MessageID with _ and -", s, send({ MessageID: "renewal_2025-08" })),
  ok("MessageID of 1 character", s, send({ MessageID: "a" })),
  [
    "MessageID of 41 characters",
    s,
    send({ MessageID: "a".repeat(41) }),
    [issue(md("MessageID"), "maxLength", "at most 40 characters, got 41", 40)],
  ],
  [
    "MessageID empty",
    s,
    send({ MessageID: "" }),
    [
      issue(md("MessageID"), "minLength", "must not be empty", 1),
      issue(md("MessageID"), "pattern", `must match ${MESSAGE_ID}, got ""`, MESSAGE_ID),
    ],
  ],
  [
    "MessageID with a space",
    s,
    send({ MessageID: "ID 12345" }),
    [issue(md("MessageID"), "pattern", `must match ${MESSAGE_ID}, got "ID 12345"`, MESSAGE_ID)],
  ],
  [
    "MessageID with a dot",
    s,
    send({ MessageID: "ID.1" }),
    [issue(md("MessageID"), "pattern", `must match ${MESSAGE_ID}, got "ID.1"`, MESSAGE_ID)],
  ],
  [
    "MessageID not a string",
    s,
    send({ MessageID: 12345 }),
    [issue(md("MessageID"), "type", "must be a string, got an integer", "string")],
  ],

  // Reference: at most 80 characters (code points)
  ok("Reference of 80 characters", s, send({ Reference: "r".repeat(80) })),
  ok("Reference empty", s, send({ Reference: "" })),
  ok("Reference of 80 emoji (160 UTF-16 units)", s, send({ Reference: "😀".repeat(80) })),
  [
    "Reference of 81 characters",
    s,
    send({ Reference: "r".repeat(81) }),
    [issue(md("Reference"), "maxLength", "at most 80 characters, got 81", 80)],
  ],
  [
    "Reference of 93 characters",
    s,
    send({ Reference: "r".repeat(93) }),
    [issue(md("Reference"), "maxLength", "at most 80 characters, got 93", 80)],
  ],
  [
    "Reference of 81 emoji",
    s,
    send({ Reference: "😀".repeat(81) }),
    [issue(md("Reference"), "maxLength", "at most 80 characters, got 81", 80)],
  ],

  // Message
  [
    "Message empty",
    s,
    send({ Message: "" }),
    [issue(md("Message"), "minLength", "must not be empty", 1)],
  ],

  // E.164 on Recipient
  ok("Recipient + and 7 digits", s, to({ Recipient: "+6421000" })),
  ok("Recipient + and 15 digits", s, to({ Recipient: "+123456789012345" })),
  ...(
    [
      ["+ and 6 digits", "+642100"],
      ["+ and 16 digits", "+1234567890123456"],
      ["0 after +", "+0421000001"],
      ["letters", "+61421ABC001"],
      ["no +", "61421000001"],
      ["national form", "0421000001"],
      ["spaces", "+61 421 000 001"],
      ["a trailing newline", "+61421000001\n"],
      ["only +", "+"],
    ] as const
  ).map(
    ([what, n]): Case => [
      `Recipient with ${what}`,
      s,
      to({ Recipient: n }),
      [
        issue(
          md("Destinations", 0, "Recipient"),
          "pattern",
          `must match ${E164}, got ${JSON.stringify(n)}`,
          E164,
        ),
      ],
    ],
  ),

  // E.164 on FromNumber
  ok("FromNumber + and 7 digits", s, send({ FromNumber: "+6421000" })),
  ok("FromNumber + and 15 digits", s, send({ FromNumber: "+123456789012345" })),
  ...(
    [
      ["+ and 6 digits", "+642100"],
      ["+ and 16 digits", "+1234567890123456"],
      ["0 after +", "+0421000009"],
      ["letters", "+6142100000x"],
      ["no +", "61421000009"],
    ] as const
  ).map(
    ([what, n]): Case => [
      `FromNumber with ${what}`,
      s,
      send({ FromNumber: n }),
      [issue(md("FromNumber"), "pattern", `must match ${E164}, got ${JSON.stringify(n)}`, E164)],
    ],
  ),

  // E.164 on a contact's MobilePhone
  ok("MobilePhone + and 15 digits", contactCreateRequest, { MobilePhone: "+123456789012345" }),
  [
    "MobilePhone without +",
    contactCreateRequest,
    { MobilePhone: "0421000001" },
    [issue(["MobilePhone"], "pattern", `must match ${E164}, got "0421000001"`, E164)],
  ],

  // Enums
  ok('Mode "Test"', s, send({ Mode: "Test" })),
  [
    'Mode "test"',
    s,
    send({ Mode: "test" }),
    [issue(md("Mode"), "enum", 'must be one of "Test", got "test"', ["Test"])],
  ],
  [
    'Mode "Live"',
    s,
    send({ Mode: "Live" }),
    [issue(md("Mode"), "enum", 'must be one of "Test", got "Live"', ["Test"])],
  ],
  ok('WebhookCallbackFormat "JSON"', s, send({ WebhookCallbackFormat: "JSON" })),
  ok('WebhookCallbackFormat "XML"', s, send({ WebhookCallbackFormat: "XML" })),
  [
    'WebhookCallbackFormat "json"',
    s,
    send({ WebhookCallbackFormat: "json" }),
    [
      issue(md("WebhookCallbackFormat"), "enum", 'must be one of "JSON", "XML", got "json"', [
        "JSON",
        "XML",
      ]),
    ],
  ],
  [
    'WebhookCallbackFormat "CSV"',
    s,
    send({ WebhookCallbackFormat: "CSV" }),
    [
      issue(md("WebhookCallbackFormat"), "enum", 'must be one of "JSON", "XML", got "CSV"', [
        "JSON",
        "XML",
      ]),
    ],
  ],
  ...PERMISSIONS.flatMap((level): Case[] => [
    ok(`contact ViewBy "${level}"`, contactCreateRequest, { ViewBy: level }),
    ok(`contact EditBy "${level}"`, contactUpdateRequest, { EditBy: level }),
    ok(`group ViewEditBy "${level}"`, groupUpdateRequest, { ViewEditBy: level }),
  ]),
  ...(["ViewBy", "EditBy"] as const).map(
    (field): Case => [
      `contact ${field} "no"`,
      contactUpdateRequest,
      { [field]: "no" },
      [
        issue(
          [field],
          "enum",
          'must be one of "Account", "SubAccount", "Department", "No", got "no"',
          PERMISSIONS,
        ),
      ],
    ],
  ),
  [
    'group ViewEditBy "Everyone"',
    groupCreateRequest,
    { GroupCode: "G1", GroupName: "Group", ViewEditBy: "Everyone" },
    [
      issue(
        ["ViewEditBy"],
        "enum",
        'must be one of "Account", "SubAccount", "Department", "No", got "Everyone"',
        PERMISSIONS,
      ),
    ],
  ],

  // WebhookCallbackURL: a URI, https only
  ok(
    "https webhook URL",
    s,
    send({
      WebhookCallbackURL: "https://www.example.com/webhook?a=1",
      WebhookCallbackFormat: "JSON",
    }),
  ),
  [
    "webhook URL without its format (the reference SDK's SMSApi refuses it too)",
    s,
    send({ WebhookCallbackURL: "https://www.example.com/webhook" }),
    [
      issue(
        md("WebhookCallbackFormat"),
        "dependentRequired",
        "required when WebhookCallbackURL is given",
        "WebhookCallbackURL",
      ),
    ],
  ],
  ok(
    "a webhook format without a URL (the account's URL gets it)",
    s,
    send({ WebhookCallbackFormat: "XML" }),
  ),
  ok("an attachment", s, send({ Files: [{ Name: "a.pdf", Data: "JVBERi0xLjQK" }] })),
  [
    "an attachment without its data, and one with an unknown field",
    s,
    send({ Files: [{ Name: "a.pdf" }, { Name: "b.txt", Data: "aGk=", Size: 2 }] }),
    [
      issue(md("Files", 0, "Data"), "required", "required"),
      issue(md("Files", 1, "Size"), "additionalProperties", "not a known field"),
    ],
  ],
  [
    "http webhook URL",
    s,
    send({ WebhookCallbackURL: "http://www.example.com/webhook", WebhookCallbackFormat: "JSON" }),
    [
      issue(
        md("WebhookCallbackURL"),
        "pattern",
        'must match ^https://, got "http://www.example.com/webhook"',
        "^https://",
      ),
    ],
  ],
  [
    "HTTPS in capitals",
    s,
    send({ WebhookCallbackURL: "HTTPS://www.example.com/", WebhookCallbackFormat: "JSON" }),
    [
      issue(
        md("WebhookCallbackURL"),
        "pattern",
        'must match ^https://, got "HTTPS://www.example.com/"',
        "^https://",
      ),
    ],
  ],
  [
    "webhook URL with a space",
    s,
    send({ WebhookCallbackURL: "https://www.example.com/a b", WebhookCallbackFormat: "JSON" }),
    [
      issue(
        md("WebhookCallbackURL"),
        "format",
        'must be a URI, got "https://www.example.com/a b"',
        "uri",
      ),
    ],
  ],
  [
    "webhook URL that is a path",
    s,
    send({ WebhookCallbackURL: "/webhook", WebhookCallbackFormat: "JSON" }),
    [
      issue(
        md("WebhookCallbackURL"),
        "pattern",
        'must match ^https://, got "/webhook"',
        "^https://",
      ),
      issue(md("WebhookCallbackURL"), "format", 'must be a URI, got "/webhook"', "uri"),
    ],
  ],

  // Emails
  ok("SMSEmailReply an email", s, send({ SMSEmailReply: "person@example.com" })),
  ok("ReportTo an email", s, send({ ReportTo: "reports+sms@example.co.nz" })),
  ...(["person", "person@example", "a b@example.com", "@example.com"] as const).map(
    (email): Case => [
      `SMSEmailReply ${JSON.stringify(email)}`,
      s,
      send({ SMSEmailReply: email }),
      [
        issue(
          md("SMSEmailReply"),
          "format",
          `must be an email address, got ${JSON.stringify(email)}`,
          "email",
        ),
      ],
    ],
  ),
  [
    "ReportTo not an email",
    s,
    send({ ReportTo: "reports" }),
    [issue(md("ReportTo"), "format", 'must be an email address, got "reports"', "email")],
  ],

  // NumberOfOperators: an integer, at least 0 (the reference SDK's default is 0)
  ok("NumberOfOperators 0", pacingRequest, { NumberOfOperators: 0 }),
  ok("NumberOfOperators 1", pacingRequest, { NumberOfOperators: 1 }),
  ok("NumberOfOperators 500", pacingRequest, { NumberOfOperators: 500 }),
  [
    "NumberOfOperators -1",
    pacingRequest,
    { NumberOfOperators: -1 },
    [issue(["NumberOfOperators"], "minimum", "at least 0, got -1", 0)],
  ],
  [
    "NumberOfOperators 1.5",
    pacingRequest,
    { NumberOfOperators: 1.5 },
    [issue(["NumberOfOperators"], "type", "must be an integer, got a number", "integer")],
  ],
  [
    'NumberOfOperators "5"',
    pacingRequest,
    { NumberOfOperators: "5" },
    [issue(["NumberOfOperators"], "type", "must be an integer, got a string", "integer")],
  ],
  [
    "NumberOfOperators missing",
    pacingRequest,
    {},
    [issue(["NumberOfOperators"], "required", "required")],
  ],

  // Page, RecordsPerPage, TimePeriod: integers, at least 1 (wire names)
  ok("page 1 and recordsPerPage 1", reportsStatusPollParams, {
    MessageID: "ID123456",
    page: 1,
    recordsPerPage: 1,
  }),
  [
    "page 0 and recordsPerPage 0",
    reportsStatusPollParams,
    { MessageID: "ID123456", page: 0, recordsPerPage: 0 },
    [
      issue(["recordsPerPage"], "minimum", "at least 1, got 0", 1),
      issue(["page"], "minimum", "at least 1, got 0", 1),
    ],
  ],
  ok("recordsPerPage 999 on a report poll", reportsStatusPollParams, {
    MessageID: "ID123456",
    recordsPerPage: 999,
  }),
  [
    "recordsPerPage 1000 on a report poll (the reference SDK allows 1 to 999)",
    reportsSmsReplyPollParams,
    { MessageID: "ID123456", recordsPerPage: 1000 },
    [issue(["recordsPerPage"], "maximum", "at most 999, got 1000", 999)],
  ],
  ok(
    "recordsPerPage 1000 on an address book list (no upper bound there)",
    addressbookContactListParams,
    {
      recordsPerPage: 1000,
    },
  ),
  [
    "page 1.5",
    addressbookContactListParams,
    { page: 1.5 },
    [issue(["page"], "type", "must be an integer, got a number", "integer")],
  ],
  [
    "recordsPerPage 0 on a group's contacts",
    addressbookGroupContactListParams,
    { GroupID: "G1", recordsPerPage: 0 },
    [issue(["recordsPerPage"], "minimum", "at least 1, got 0", 1)],
  ],
  ok("timePeriod 1", reportsSmsReceivedPollParams, { timePeriod: 1 }),
  [
    "timePeriod 0",
    reportsSmsReceivedPollParams,
    { timePeriod: 0 },
    [issue(["timePeriod"], "minimum", "at least 1, got 0", 1)],
  ],
  [
    "document name Page instead of the wire's page",
    reportsStatusPollParams,
    { MessageID: "ID123456", Page: 1 },
    [issue(["Page"], "additionalProperties", "not a known field")],
  ],
  [
    "MessageID missing from the path",
    reportsStatusPollParams,
    { page: 1 },
    [issue(["MessageID"], "required", "required")],
  ],
  [
    "MessageID of 41 in the path",
    reportsStatusPollParams,
    { MessageID: "a".repeat(41) },
    [issue(["MessageID"], "maxLength", "at most 40 characters, got 41", 40)],
  ],

  // Groups
  ok("group with GroupCode and GroupName", groupCreateRequest, {
    GroupCode: "Test-Group",
    GroupName: "Test Group",
  }),
  [
    "group without GroupCode and GroupName",
    groupCreateRequest,
    {},
    [issue(["GroupName"], "required", "required")],
  ],
  ok("group without GroupCode (the service derives one)", groupCreateRequest, {
    GroupName: "Test Group",
  }),
  [
    "group without GroupName",
    groupCreateRequest,
    { GroupCode: "Test-Group" },
    [issue(["GroupName"], "required", "required")],
  ],
  [
    "group with a GroupID (the service assigns it)",
    groupCreateRequest,
    { GroupID: "G1", GroupCode: "Test-Group", GroupName: "Test Group" },
    [issue(["GroupID"], "additionalProperties", "not a known field")],
  ],
  ok("GroupCode of 50", groupCreateRequest, { GroupCode: "g".repeat(50), GroupName: "G" }),
  [
    "GroupCode of 51",
    groupCreateRequest,
    { GroupCode: "g".repeat(51), GroupName: "G" },
    [issue(["GroupCode"], "maxLength", "at most 50 characters, got 51", 50)],
  ],
  [
    "group update with nothing",
    groupUpdateRequest,
    {},
    [issue([], "minProperties", "give at least 1 field", 1)],
  ],

  // Contacts: at least one field, only known ones
  ok("contact create with one field", contactCreateRequest, { FirstName: "Jess" }),
  ok("contact update with one field", contactUpdateRequest, { Attention: "Test Attention" }),
  [
    "contact create with nothing",
    contactCreateRequest,
    {},
    [issue([], "minProperties", "give at least 1 field", 1)],
  ],
  [
    "contact update with nothing",
    contactUpdateRequest,
    {},
    [issue([], "minProperties", "give at least 1 field", 1)],
  ],
  [
    "contact update with the document's EditPublid",
    contactUpdateRequest,
    { Attention: "Test Attention", ViewBy: "Account", EditPublid: "Account" },
    [issue(["EditPublid"], "additionalProperties", "not a known field")],
  ],
  [
    "contact create with the document's EditPublid",
    contactCreateRequest,
    { EditPublid: "Account" },
    [issue(["EditPublid"], "additionalProperties", "not a known field")],
  ],
  ok("contact Title of 20", contactCreateRequest, { Title: "t".repeat(20) }),
  [
    "contact Title of 21",
    contactCreateRequest,
    { Title: "t".repeat(21) },
    [issue(["Title"], "maxLength", "at most 20 characters, got 21", 20)],
  ],

  // Destinations: the three forms
  ok("a number", s, to({ Recipient: "+61421000001" })),
  ok(
    "a number with merge-field values",
    s,
    to({
      Recipient: "+61421000002",
      Attention: "John Doe",
      Company: "Example Corp",
      FirstName: "John",
      LastName: "Doe",
      Custom1: "c1",
      Custom9: "c9",
    }),
  ),
  ok("a contact", s, to({ ContactID: "6000000b-f002-4007-b00a-c00000000002" })),
  ok("a group", s, to({ GroupID: "4000000b-f002-4007-b00a-c00000000001" })),
  ok(
    "all three forms",
    s,
    to({ Recipient: "+61421000001" }, { ContactID: "C1" }, { GroupID: "G1" }),
  ),
  [
    "no destinations",
    s,
    send({ Destinations: [] }),
    [issue(md("Destinations"), "minItems", "at least 1 item, got 0", 1)],
  ],
  [
    "Destinations missing",
    s,
    { MessageData: { Message: "Hi" } },
    [issue(md("Destinations"), "required", "required")],
  ],
  [
    "a contact and a group in one object",
    s,
    to({ ContactID: "C1", GroupID: "G1" }),
    // The first key present picks the form; the other key is then a field that form lacks.
    [issue(md("Destinations", 0, "GroupID"), "additionalProperties", "not a known field")],
  ],
  [
    "an object of unknown fields",
    s,
    to({ Phone: "+61421000001" }),
    [issue(md("Destinations", 0), "anyOf", "needs one of Recipient, ContactID, GroupID")],
  ],
  [
    "a bare string (the wire takes objects only)",
    s,
    to("+61421000001"),
    [issue(md("Destinations", 0), "type", "must be an object, got a string", "object")],
  ],
  [
    "a bad number in the number form",
    s,
    to({ Recipient: "+61421000001" }, { Recipient: "0421000001", FirstName: "Jess" }),
    [
      issue(
        md("Destinations", 1, "Recipient"),
        "pattern",
        `must match ${E164}, got "0421000001"`,
        E164,
      ),
    ],
  ],
  [
    "a ContactID with a space",
    s,
    to({ ContactID: "C 1" }),
    [
      issue(
        md("Destinations", 0, "ContactID"),
        "pattern",
        `must match ${ENTITY_ID}, got "C 1"`,
        ENTITY_ID,
      ),
    ],
  ],
  [
    "a GroupID of 65",
    s,
    to({ GroupID: "g".repeat(65) }),
    [issue(md("Destinations", 0, "GroupID"), "maxLength", "at most 64 characters, got 65", 64)],
  ],
  [
    "a merge-field value that is not a string",
    s,
    to({ Recipient: "+61421000001", Custom1: 5 }),
    [issue(md("Destinations", 0, "Custom1"), "type", "must be a string, got an integer", "string")],
  ],

  // LocalDateTime: SendTime
  ok("SendTime YYYY-MM-DD HH:mm", s, send({ SendTime: "2025-08-10 09:00" })),
  ok("SendTime YYYY-MM-DD HH:mm:ss", rescheduleRequest, { SendTime: "2025-08-12 12:00:00" }),
  ok("SendTime with T", resubmitRequest, { SendTime: "2022-08-01T00:00:00" }),
  ok("SendTime with T, no seconds", rescheduleRequest, { SendTime: "2025-08-10T09:00" }),
  ok("SendTime 23:59:59 on the 31st", rescheduleRequest, { SendTime: "2025-12-31 23:59:59" }),
  ...(
    [
      ["month 13", "2025-13-01 09:00"],
      ["day 32", "2025-08-32 09:00"],
      ["hour 24", "2025-08-10 24:00"],
      ["minute 60", "2025-08-10 09:60"],
      ["day/month/year", "10/08/2025"],
      ["a zone", "2025-08-10T09:00:00Z"],
      ["no time", "2025-08-10"],
      ["fractions", "2025-08-10 09:00:00.5"],
    ] as const
  ).map(
    ([what, time]): Case => [
      `SendTime with ${what}`,
      rescheduleRequest,
      { SendTime: time },
      [
        issue(
          ["SendTime"],
          "pattern",
          `must match ${LOCAL_DATE_TIME}, got ${JSON.stringify(time)}`,
          LOCAL_DATE_TIME,
        ),
      ],
    ],
  ),
  [
    "a bad dateFrom",
    reportsSmsReceivedPollParams,
    { dateFrom: "10/08/2025", dateTo: "2025-08-31 23:59:59" },
    [
      issue(
        ["dateFrom"],
        "pattern",
        `must match ${LOCAL_DATE_TIME}, got "10/08/2025"`,
        LOCAL_DATE_TIME,
      ),
    ],
  ],
  [
    "SendTime missing on reschedule",
    rescheduleRequest,
    {},
    [issue(["SendTime"], "required", "required")],
  ],

  // Closed request objects
  [
    "a misspelt send field",
    s,
    send({ Refrence: "x" }),
    [issue(md("Refrence"), "additionalProperties", "not a known field")],
  ],
  [
    "the document's input name MessageText on the wire",
    s,
    { MessageData: { MessageText: "Hi", Destinations: [{ Recipient: "+61421000001" }] } },
    [
      issue(md("Message"), "required", "required"),
      issue(md("MessageText"), "additionalProperties", "not a known field"),
    ],
  ],
  [
    "the body not wrapped in MessageData",
    s,
    { Message: "Hi", Destinations: [{ Recipient: "+61421000001" }] },
    [
      issue(["MessageData"], "required", "required"),
      issue(["Message"], "additionalProperties", "not a known field"),
      issue(["Destinations"], "additionalProperties", "not a known field"),
    ],
  ],
  ["null", s, null, [issue([], "type", "must be an object, got null", "object")]],
  ["an array", s, [], [issue([], "type", "must be an object, got an array", "object")]],
];

describe.each(cases)("%s", (_what, validator, value, expected) => {
  it(expected.length === 0 ? "is valid" : "reports exactly the expected issues", () => {
    const result = validator.validate(value);
    expect(result.issues ?? []).toEqual(expected);
    expect(validator.is(value)).toBe(expected.length === 0);
    if (expected.length === 0) expect(result).toEqual({ value });
  });
});

describe("the shape of every issue", () => {
  const issues = cases.flatMap(([, validator, value]) => validator.validate(value).issues ?? []);

  it("there are failing cases to look at", () => {
    expect(issues.length).toBeGreaterThan(60);
  });

  it("path is an array of keys and indices, and the message starts with it", () => {
    for (const i of issues) {
      expect(Array.isArray(i.path)).toBe(true);
      for (const part of i.path) expect(["string", "number"]).toContain(typeof part);
      expect(i.message.startsWith(`${formatPath(i.path)}: `)).toBe(true);
    }
  });

  it("rule is the JSON Schema keyword; limit is there for keywords that have one", () => {
    const withLimit = new Set([
      "maxLength",
      "minLength",
      "pattern",
      "format",
      "enum",
      "minimum",
      "minItems",
      "minProperties",
      "maximum",
      "dependentRequired",
      "type",
    ]);
    for (const i of issues) {
      expect(i.rule).toMatch(/^[a-zA-Z]+$/);
      expect("limit" in i).toBe(withLimit.has(i.rule));
    }
  });

  it("a maxLength issue carries the number as its limit", () => {
    const result = sendMessageRequest.validate(send({ Reference: "r".repeat(93) }));
    expect(result.issues).toEqual([
      {
        message: "MessageData.Reference: at most 80 characters, got 93",
        path: ["MessageData", "Reference"],
        rule: "maxLength",
        limit: 80,
      },
    ]);
  });

  it("every problem of a value is reported, in document order", () => {
    const result = sendMessageRequest.validate(
      send({
        MessageID: "a".repeat(41),
        Reference: "r".repeat(81),
        Destinations: [{ Recipient: "+0421" }, { ContactID: "C1", GroupID: "G1" }],
        Mode: "test",
      }),
    );
    expect(result.issues?.map((i) => [formatPath(i.path), i.rule])).toEqual([
      ["MessageData.MessageID", "maxLength"],
      ["MessageData.Reference", "maxLength"],
      ["MessageData.Destinations[0].Recipient", "pattern"],
      ["MessageData.Destinations[1].GroupID", "additionalProperties"],
      ["MessageData.Mode", "enum"],
    ]);
  });
});
