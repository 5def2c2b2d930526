import { describe, expect, expectTypeOf, test } from "vitest";
import {
  type ParsedWebhook,
  parseWebhook,
  type ReceivedWebhook,
  type StatusWebhook,
  type UnknownWebhook,
  WebhookParseError,
  type WebhookParseErrorReason,
} from "../src/index.js";
import { xmlParser } from "../src/xml.js";
import { statusPayload, TOKEN, toXml } from "./helpers/requests.js";
import { webhookExamples } from "./helpers/spec.js";

const examples = await webhookExamples();
const json = "application/json";

const parseAny = (body: string) => parseWebhook(body, { acceptUnknownType: true });
const parseKnown = (body: string) => parseWebhook(body, { contentType: "application/json" });

function reasonOf(run: () => unknown): WebhookParseErrorReason | "no error" {
  try {
    run();
  } catch (error) {
    if (error instanceof WebhookParseError) return error.reason;
    throw error;
  }
  return "no error";
}

function jsonExample(id: string): Record<string, unknown> {
  const value = examples.find((example) => example.id === id)?.value;
  if (!value) throw new Error(`no example ${id}`);
  return value;
}

/** What the XML example files hold: the JSON examples' deployed field set, minus or plus a bit. */
const xmlExpected: Record<string, Record<string, unknown>> = {
  "smsStatus/application/xml/delivered": (() => {
    const {
      ContactID: _c,
      ReceivedID: _r,
      ...rest
    } = jsonExample("smsStatus/application/json/delivered");
    return rest;
  })(),
  "smsReceived/application/xml/reply": (() => {
    const { ContactID: _c, ...rest } = jsonExample("smsReceived/application/json/reply");
    return { ...rest, Message: "This is a reply & a thank-you." };
  })(),
};

describe("every webhook example in the spec", () => {
  test("the spec has JSON and XML examples of both webhooks", () => {
    expect(examples.map((example) => example.id)).toEqual(
      expect.arrayContaining([
        "smsReceived/application/json/documentFields",
        "smsReceived/application/json/reply",
        "smsReceived/application/xml/reply",
        "smsStatus/application/json/delivered",
        "smsStatus/application/json/documentFields",
        "smsStatus/application/xml/delivered",
      ]),
    );
  });

  test.each(examples.map((example) => [example.id, example] as const))(
    "%s parses to what it says",
    (id, example) => {
      const webhook = parseWebhook(example.body, {
        contentType: example.mediaType,
        xml: xmlParser,
      });
      expect(webhook.kind).toBe(example.schema === "StatusWebhook" ? "status" : "received");
      expect(webhook.format).toBe(example.mediaType.endsWith("xml") ? "xml" : "json");
      // An XML example added to the spec later is checked for shape until it gets an expectation.
      const expected = example.value ?? xmlExpected[id];
      if (expected) expect(webhook.payload).toStrictEqual(expected);
      for (const value of Object.values(webhook.payload)) expect(typeof value).toBe("string");
      if (webhook.payload.Price) expect(webhook.parsed.price).toBe(Number(webhook.payload.Price));
      if (webhook.payload["SentTimeUTC-RFC3339"]) {
        expect(webhook.parsed.sentAt).toEqual(new Date(webhook.payload["SentTimeUTC-RFC3339"]));
      } else {
        expect(webhook.parsed).not.toHaveProperty("sentAt"); // SentTime is local and loose
      }
      const parts = /^SMSParts:(\d+)$/.exec(webhook.payload.Detail ?? "")?.[1];
      if (parts) expect(webhook.parsed.detail).toEqual({ SMSParts: Number(parts) });
    },
  );

  test("the XML and JSON examples agree field by field", () => {
    const xml = parseWebhook(examples.find((e) => e.id.endsWith("xml/delivered"))?.body ?? "", {
      contentType: "application/xml",
      xml: xmlParser,
    });
    const fromJson = jsonExample("smsStatus/application/json/delivered");
    for (const [name, value] of Object.entries(xml.payload)) expect(fromJson[name]).toBe(value);
  });
});

describe("payload", () => {
  test("keeps unknown fields and raw strings as sent", () => {
    const { payload } = parseWebhook(
      JSON.stringify(statusPayload({ NewField: "x", Price: " 0.20 " })),
      {
        contentType: json,
      },
    );
    expect(payload.NewField).toBe("x");
    expect(payload.Price).toBe(" 0.20 ");
  });

  test("turns JSON numbers and booleans into strings, and drops nulls", () => {
    const body = JSON.stringify({
      Type: "SMS",
      Price: 0.2,
      ReceivedID: 2820046,
      Flag: true,
      Gone: null,
    });
    const webhook = parseWebhook(body, { contentType: json });
    expect(webhook.payload).toStrictEqual({
      Type: "SMS",
      Price: "0.2",
      ReceivedID: "2820046",
      Flag: "true",
    });
    expect(webhook.parsed.price).toBe(0.2);
  });

  test.each([
    ["an object", { Type: "SMS", Message: { text: "hi" } }],
    ["an array", { Type: "SMS", Message: ["hi"] }],
    ["an integer past 2^53", { Type: "SMS", ReceivedID: 2 ** 60 }],
  ])("refuses a field holding %s", (_name, payload) => {
    expect(reasonOf(() => parseWebhook(JSON.stringify(payload), { contentType: json }))).toBe(
      "invalid_field",
    );
  });

  test("refuses nesting before parsing, outside strings only", () => {
    const deep = `{"Type":"SMS","X":${"[".repeat(100_000)}${"]".repeat(100_000)}}`;
    expect(reasonOf(() => parseWebhook(deep, { contentType: json }))).toBe("invalid_field");
    expect(reasonOf(() => parseWebhook(`${"[".repeat(1000)}`, { contentType: json }))).toBe(
      "invalid_root",
    );
    const brackets = { Type: "SMS", Message: '[{"a": [1]}] \\" {[' };
    expect(parseWebhook(JSON.stringify(brackets), { contentType: json }).payload).toStrictEqual(
      brackets,
    );
  });

  test("refuses numbers JSON.parse cannot keep", () => {
    expect(
      reasonOf(() => parseWebhook('{"Type":"SMS","Price":1e999}', { contentType: json })),
    ).toBe("invalid_field");
  });

  test("drops __proto__, constructor and prototype keys without touching any prototype", () => {
    const body = '{"Type":"SMS","__proto__":"polluted","constructor":"c","prototype":"p","ok":"1"}';
    const webhook = parseWebhook(body, { contentType: json });
    expect(Object.keys(webhook.payload)).toEqual(["Type", "ok"]);
    expect(Object.getPrototypeOf(webhook.payload)).toBe(Object.prototype);
    // Nested values are refused wherever they are, before any key is looked at.
    const nested = '{"Type":"SMS","__proto__":{"polluted":"yes"}}';
    expect(reasonOf(() => parseWebhook(nested, { contentType: json }))).toBe("invalid_field");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test("keeps other Object.prototype names as plain fields", () => {
    const webhook = parseWebhook('{"Type":"SMS","toString":"t","hasOwnProperty":"h"}', {
      contentType: json,
    });
    expect(webhook.payload.toString).toBe("t");
    expect(Object.hasOwn(webhook.payload, "hasOwnProperty")).toBe(true);
  });

  test("takes the last of repeated JSON keys, as JSON.parse does", () => {
    expect(parseWebhook('{"Type":"SMSReply","Type":"SMS"}', { contentType: json }).kind).toBe(
      "status",
    );
  });
});

describe("Type", () => {
  test.each([
    ["SMS", "status"],
    ["SMSReply", "received"],
    ["SMSInbound", "received"],
  ])("%s is a %s webhook", (type, kind) => {
    expect(parseWebhook(JSON.stringify({ Type: type }), { contentType: json }).kind).toBe(kind);
  });

  test.each([
    ["absent", {}, "missing_type"],
    ["empty", { Type: "" }, "missing_type"],
    ["null", { Type: null }, "missing_type"],
    ["unknown", { Type: "Email" }, "unknown_type"],
    ["a number", { Type: 1 }, "unknown_type"],
    ["constructor", { Type: "constructor" }, "unknown_type"],
    ["__proto__", { Type: "__proto__" }, "unknown_type"],
    ["toString", { Type: "toString" }, "unknown_type"],
    ["lower case", { Type: "sms" }, "unknown_type"],
  ])("%s is refused", (_name, payload, reason) => {
    expect(reasonOf(() => parseWebhook(JSON.stringify(payload), { contentType: json }))).toBe(
      reason,
    );
  });

  test("an unknown Type is returned as such when asked for", () => {
    const webhook = parseWebhook('{"Type":"Email","X":"1"}', {
      contentType: json,
      acceptUnknownType: true,
    });
    expect(webhook).toMatchObject({ kind: "unknown", payload: { Type: "Email", X: "1" } });
    expect(reasonOf(() => parseWebhook("{}", { contentType: json, acceptUnknownType: true }))).toBe(
      "missing_type",
    );
  });

  test("types follow the kind", () => {
    const webhook = parseWebhook('{"Type":"SMS"}', { contentType: json });
    if (webhook.kind === "status") expectTypeOf(webhook.payload).toEqualTypeOf<StatusWebhook>();
    else expectTypeOf(webhook.payload).toEqualTypeOf<ReceivedWebhook>();
    expectTypeOf<ReturnType<typeof parseKnown>>().toEqualTypeOf<ParsedWebhook>();
    expectTypeOf<ReturnType<typeof parseAny>>().toEqualTypeOf<ParsedWebhook | UnknownWebhook>();
  });
});

describe("parsed values", () => {
  const parse = (fields: Record<string, unknown>) =>
    parseWebhook(JSON.stringify({ Type: "SMS", ...fields }), { contentType: json }).parsed;

  test("price is a decimal only", () => {
    expect(parse({ Price: "0.20" }).price).toBe(0.2);
    expect(parse({ Price: "12" }).price).toBe(12);
    for (const price of ["", "0,20", "1e3", "$1", " 1", "Infinity", "0x10"]) {
      expect(parse({ Price: price })).not.toHaveProperty("price");
    }
  });

  test("detail splits name:value parts", () => {
    expect(parse({ Detail: "SMSParts:2" }).detail).toEqual({ SMSParts: 2 });
    expect(parse({ Detail: "SMSParts:2, Route : A;Cost:0.5" }).detail).toEqual({
      SMSParts: 2,
      Route: "A",
      Cost: 0.5,
    });
    expect(parse({ Detail: "At:12:30" }).detail).toEqual({ At: "12:30" });
    for (const detail of ["", "   ", "SMSParts", ":2", "SMSParts:2,oops"]) {
      expect(parse({ Detail: detail })).not.toHaveProperty("detail");
    }
    expect(parse({ Detail: "__proto__:1,constructor:2,x:3" }).detail).toEqual({ x: 3 });
  });

  test("sentAt comes from the UTC fields only, RFC 3339 first", () => {
    expect(parse({ "SentTimeUTC-RFC3339": "2018-10-16T02:43:00Z" }).sentAt).toEqual(
      new Date("2018-10-16T02:43:00Z"),
    );
    expect(parse({ "SentTimeUTC-ISO8601": "2018-10-16T13:43:00+11:00" }).sentAt).toEqual(
      new Date("2018-10-16T02:43:00Z"),
    );
    expect(
      parse({
        "SentTimeUTC-RFC3339": "2020-01-01T00:00:00Z",
        "SentTimeUTC-ISO8601": "2018-10-16T02:43:00Z",
      }).sentAt,
    ).toEqual(new Date("2020-01-01T00:00:00Z"));
    expect(
      parse({ "SentTimeUTC-RFC3339": "nonsense", "SentTimeUTC-ISO8601": "2018-10-16T02:43:00Z" })
        .sentAt,
    ).toEqual(new Date("2018-10-16T02:43:00Z"));
    for (const time of [
      "",
      "2018-10-16 13:43:00",
      "2018-02-30T00:00:00Z",
      "2018-10-16T02:43:00",
      "16/10/2018",
    ]) {
      expect(
        parse({
          "SentTimeUTC-RFC3339": time,
          SentTime: "16/10/2018 13:43 p.m.",
          SentTimeLocal: time,
        }),
      ).toEqual({});
    }
  });
});

describe("body and content type", () => {
  const body = JSON.stringify(statusPayload());

  test.each([
    "application/json",
    "application/json; charset=utf-8",
    'Application/JSON; Charset="UTF-8"',
    "application/vnd.bestsms.webhook+json",
  ])("takes JSON as %s", (contentType) => {
    expect(parseWebhook(body, { contentType }).kind).toBe("status");
  });

  test.each([
    "text/plain",
    "application/json; charset=iso-8859-1",
    "application/jsonx",
    "multipart/form-data",
  ])("refuses %s", (contentType) => {
    expect(reasonOf(() => parseWebhook(body, { contentType }))).toBe("unsupported_content_type");
  });

  test("XML needs the XML parser", () => {
    const xml = toXml(statusPayload());
    for (const contentType of ["application/xml", "text/xml", "application/vnd.bestsms+xml"]) {
      expect(reasonOf(() => parseWebhook(xml, { contentType }))).toBe("unsupported_content_type");
      expect(parseWebhook(xml, { contentType, xml: xmlParser }).format).toBe("xml");
    }
  });

  test("sniffs a body without a Content-Type", () => {
    expect(parseWebhook(body, { contentType: null }).format).toBe("json");
    expect(parseWebhook("\n <Webhook><Type>SMS</Type></Webhook>", { xml: xmlParser }).format).toBe(
      "xml",
    );
    expect(reasonOf(() => parseWebhook(toXml(statusPayload()), {}))).toBe(
      "unsupported_content_type",
    );
  });

  test("takes strings, bytes and ArrayBuffers alike", () => {
    const bytes = new TextEncoder().encode(body);
    expect(parseWebhook(bytes, { contentType: json }).payload).toStrictEqual(
      parseWebhook(body).payload,
    );
    expect(parseWebhook(bytes.slice().buffer, { contentType: json }).payload.APIKey).toBe(TOKEN);
  });

  test("drops a UTF-8 BOM", () => {
    expect(parseWebhook(`\uFEFF${body}`).kind).toBe("status");
    expect(
      parseWebhook(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(body)])).kind,
    ).toBe("status");
  });

  test.each([
    ["an empty body", "", "empty_body"],
    ["a blank body", " \n\t ", "empty_body"],
    ["invalid UTF-8", new Uint8Array([0x7b, 0xc3, 0x28, 0x7d]), "invalid_utf8"],
    ["an overlong encoding", new Uint8Array([0x7b, 0xc0, 0xaf, 0x7d]), "invalid_utf8"],
    ["truncated JSON", body.slice(0, -5), "invalid_json"],
    ["an array", "[]", "invalid_root"],
    ["a string", '"SMS"', "invalid_root"],
    ["null", "null", "invalid_root"],
  ])("refuses %s", (_name, input, reason) => {
    expect(reasonOf(() => parseWebhook(input, { contentType: json }))).toBe(reason);
  });

  test("measures size in bytes before decoding", () => {
    const tiny = { contentType: json, maxBytes: body.length };
    expect(parseWebhook(body, tiny).kind).toBe("status");
    expect(reasonOf(() => parseWebhook(`${body} `, tiny))).toBe("too_large");
    const wide = JSON.stringify({ Type: "SMS", Message: "é".repeat(100) }); // two bytes each
    expect(reasonOf(() => parseWebhook(wide, { maxBytes: wide.length + 50 }))).toBe("too_large");
    expect(reasonOf(() => parseWebhook(new Uint8Array(256 * 1024 + 1).fill(0x20)))).toBe(
      "too_large",
    );
  });

  test("refuses what is not a body, with its own error", () => {
    expect(reasonOf(() => parseWebhook(42 as unknown as string))).toBe("invalid_body");
    expect(reasonOf(() => parseWebhook(body, null as unknown as undefined))).toBe("invalid_body");
  });

  test("never puts the body or the token in the error", () => {
    const secret = JSON.stringify({ APIKey: TOKEN, Type: "Nope", Message: "private text" });
    for (const input of [secret, secret.slice(0, -1), `[${secret}]`]) {
      try {
        parseWebhook(input, { contentType: json });
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(WebhookParseError);
        const text = `${String(error)} ${(error as Error).stack} ${JSON.stringify(error)}`;
        expect(text).not.toContain(TOKEN);
        expect(text).not.toContain("private");
        expect((error as Error).cause).toBeUndefined();
      }
    }
  });

  test("wraps whatever a custom XML parser throws", () => {
    const xml = () => {
      throw new RangeError("boom");
    };
    expect(reasonOf(() => parseWebhook("<a/>", { contentType: "text/xml", xml }))).toBe(
      "invalid_body",
    );
  });
});
