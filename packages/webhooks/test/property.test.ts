import fc from "fast-check";
import { afterAll, describe, expect, test } from "vitest";
import { parseWebhook, WebhookParseError } from "../src/index.js";
import { isXmlChar } from "../src/internal/xml-fields.js";
import { xmlParser } from "../src/xml.js";

const contentTypes = fc.constantFrom(
  "application/json",
  "application/xml",
  "text/xml",
  null,
  "text/plain",
);
const dangerous = ["__proto__", "constructor", "prototype"];
const prototypeNames = Object.getOwnPropertyNames(Object.prototype);
let runs = 0;

/** Parses, and fails the property on anything thrown but a WebhookParseError. */
function parseOrRefuse(body: string | Uint8Array, contentType: string | null) {
  runs++;
  try {
    return parseWebhook(body, {
      contentType,
      xml: xmlParser,
      maxBytes: 4096,
      acceptUnknownType: true,
    });
  } catch (error) {
    if (!(error instanceof WebhookParseError)) throw error;
    return undefined;
  }
}

/** Whatever parses has string values only, a Type, and no key that could reach a prototype. */
function checkPayload(webhook: ReturnType<typeof parseOrRefuse>): void {
  if (!webhook) return;
  expect(typeof webhook.payload.Type).toBe("string");
  for (const [name, value] of Object.entries(webhook.payload)) {
    expect(typeof value).toBe("string");
    expect(dangerous).not.toContain(name);
  }
}

afterAll(() => {
  expect(runs).toBeGreaterThanOrEqual(10_000);
  expect(Object.getOwnPropertyNames(Object.prototype)).toEqual(prototypeNames);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

describe("parseWebhook throws nothing but WebhookParseError", () => {
  test("on arbitrary strings", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "binary", maxLength: 400 }),
        contentTypes,
        (body, contentType) => {
          checkPayload(parseOrRefuse(body, contentType));
        },
      ),
      { numRuns: 2500 },
    );
  });

  test("on arbitrary bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), contentTypes, (body, contentType) => {
        checkPayload(parseOrRefuse(body, contentType));
      }),
      { numRuns: 2000 },
    );
  });

  test("on JSON-ish objects, whole or cut short", () => {
    const key = fc.oneof(
      fc.constantFrom("Type", "APIKey", "Price", "Detail", ...dangerous, "toString"),
      fc.string(),
    );
    const value = fc.oneof(
      fc.constantFrom(
        "SMS",
        "SMSReply",
        "SMSInbound",
        "constructor",
        "0.20",
        "SMSParts:2",
        "2018-10-16T02:43:00Z",
      ),
      fc.jsonValue({ maxDepth: 3 }),
    );
    const body = fc
      .tuple(fc.dictionary(key, value, { maxKeys: 8 }), fc.nat(), fc.boolean())
      .map(([object, cut, whole]) => {
        const text = JSON.stringify(object);
        return whole ? text : text.slice(0, cut % (text.length + 1));
      });
    fc.assert(
      fc.property(body, (text) => {
        checkPayload(parseOrRefuse(text, "application/json"));
      }),
      { numRuns: 2500 },
    );
  });

  test("on XML-ish strings", () => {
    const fragment = fc.oneof(
      fc.constantFrom(
        "<Webhook>",
        "</Webhook>",
        "<Type>",
        "</Type>",
        "SMS",
        "SMSReply",
        "<Message>",
        "</Message>",
        "<__proto__>",
        "</__proto__>",
        "<constructor>",
        "<a/>",
        "<",
        ">",
        "</",
        "/>",
        "&",
        "&amp;",
        "&lt;",
        "&#65;",
        "&#x0;",
        "&xxe;",
        "<![CDATA[",
        "]]>",
        "<!--",
        "-->",
        "<?xml version='1.0'?>",
        "<?pi?>",
        "<!DOCTYPE x [",
        '<!ENTITY a "b">',
        "]>",
        ' a="1"',
        '"',
        "'",
        "=",
        " ",
        "\n",
      ),
      fc.string({ maxLength: 5 }),
    );
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 30 }), contentTypes, (parts, contentType) => {
        checkPayload(parseOrRefuse(parts.join(""), contentType ?? "application/xml"));
      }),
      { numRuns: 2500 },
    );
  });
});

describe("round trips", () => {
  const name = fc
    .stringMatching(/^[A-Za-z_][A-Za-z0-9_.-]{0,15}$/)
    .filter((key) => !dangerous.includes(key));
  const fields = fc.dictionary(name, fc.string({ unit: "binary", maxLength: 40 }), { maxKeys: 10 });
  const type = fc.constantFrom("SMS", "SMSReply", "SMSInbound");
  /** XML text for any string of XML characters: markup escaped, carriage returns as references. */
  const xmlText = (text: string) =>
    text.replace(
      /[&<>\r]/g,
      (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;" })[char] ?? char,
    );
  /** Whether XML 1.0 can carry a character at all (lone surrogates come out as their own). */
  const isXmlCharacter = (char: string) => isXmlChar(char.codePointAt(0) ?? 0);
  const isXmlText = (text: string) => [...text].every(isXmlCharacter);

  test("a payload of strings comes back as sent, in JSON and in XML", () => {
    fc.assert(
      fc.property(fields, type, (extra, Type) => {
        const payload = { ...extra, Type };
        expect(parseOrRefuse(JSON.stringify(payload), "application/json")?.payload).toStrictEqual(
          payload,
        );
        if (Object.values(payload).every(isXmlText)) {
          const children = Object.entries(payload).map(
            ([key, value]) => `<${key}>${xmlText(value)}</${key}>`,
          );
          const xml = `<Webhook>${children.join("")}</Webhook>`;
          expect(parseOrRefuse(xml, "application/xml")?.payload).toStrictEqual(payload);
        }
      }),
      { numRuns: 1000 },
    );
  });

  test("any XML text comes back as sent", () => {
    const text = fc
      .string({ unit: "grapheme", maxLength: 40 })
      .map((value) => [...value].filter(isXmlCharacter).join(""));
    fc.assert(
      fc.property(fc.dictionary(name, text, { maxKeys: 10 }), type, (extra, Type) => {
        const payload = { ...extra, Type };
        const children = Object.entries(payload).map(
          ([key, value]) => `<${key}>${xmlText(value)}</${key}>`,
        );
        const xml = `<?xml version="1.0"?>\n<Webhook>\n  ${children.join("\n  ")}\n</Webhook>\n`;
        expect(parseOrRefuse(xml, "text/xml")?.payload).toStrictEqual(payload);
      }),
      { numRuns: 500 },
    );
  });
});
