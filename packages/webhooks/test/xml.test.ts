import { describe, expect, test } from "vitest";
import { parseWebhook, WebhookParseError, type WebhookParseErrorReason } from "../src/index.js";
import { xmlParser } from "../src/xml.js";
import { statusPayload, toXml } from "./helpers/requests.js";

const options = { contentType: "application/xml", xml: xmlParser };
const parse = (xml: string) => parseWebhook(xml, options);
const wrap = (inner: string) => `<Webhook><Type>SMS</Type>${inner}</Webhook>`;

function reasonOf(xml: string): WebhookParseErrorReason | "no error" {
  try {
    parse(xml);
    return "no error";
  } catch (error) {
    if (error instanceof WebhookParseError) return error.reason;
    throw error;
  }
}

describe("XML webhooks", () => {
  test("read one field per child of the root, whatever the root is called", () => {
    const payload = statusPayload({ Message: "a < b & c > d" });
    expect(parse(toXml(payload)).payload).toStrictEqual(payload);
    expect(parse("<Response><Type>SMS</Type></Response>").payload).toStrictEqual({ Type: "SMS" });
  });

  test("keep text as sent: whitespace, empty and self-closing elements", () => {
    expect(
      parse(wrap("<Message>  two  spaces </Message><Empty></Empty><Closed/>")).payload,
    ).toStrictEqual({
      Type: "SMS",
      Message: "  two  spaces ",
      Empty: "",
      Closed: "",
    });
  });

  test("decode the five predefined entities and character references only", () => {
    const text = "&lt;&gt;&amp;&quot;&apos; &#65;&#x42;&#x1F600; &amp;amp;";
    expect(parse(wrap(`<Message>${text}</Message>`)).payload.Message).toBe(
      `<>&"' AB\u{1F600} &amp;`,
    );
    for (const bad of [
      "&nbsp;",
      "&unknown;",
      "& bare",
      "&#0;",
      "&#x110000;",
      "&#xD800;",
      "&#;",
      "&amp",
    ]) {
      expect(reasonOf(wrap(`<Message>${bad}</Message>`))).toBe("invalid_xml");
    }
  });

  test("take CDATA literally, entities and markup included", () => {
    const message = "<![CDATA[<b>&amp;</b> ]]]]><![CDATA[>]]>";
    expect(parse(wrap(`<Message>x ${message} y</Message>`)).payload.Message).toBe(
      "x <b>&amp;</b> ]]> y",
    );
    expect(parse("<Webhook><Type><![CDATA[SMS]]></Type></Webhook>").kind).toBe("status");
    const smuggled = "<Message><![CDATA[</Message><Type>SMSReply</Type>]]></Message>";
    expect(parse(wrap(smuggled)).payload).toStrictEqual({
      Type: "SMS",
      Message: "</Message><Type>SMSReply</Type>",
    });
  });

  test("ignore attributes, comments, processing instructions and the declaration", () => {
    const xml =
      '<?xml version="1.0"?><?style x?><!-- c --><Webhook xmlns="urn:x" a="1">' +
      '<Type kind="x">S<!-- split -->MS</Type><?pi?></Webhook><!-- after -->';
    expect(parse(xml).payload).toStrictEqual({ Type: "SMS" });
  });

  test("drop __proto__, constructor and prototype elements, keep other names", () => {
    const xml = wrap(
      "<__proto__>p</__proto__><constructor>c</constructor><prototype>x</prototype><toString>t</toString>",
    );
    const { payload } = parse(xml);
    expect(payload).toStrictEqual({ Type: "SMS", toString: "t" });
    expect(({} as Record<string, unknown>).p).toBeUndefined();
  });

  test.each([
    ["a DOCTYPE", '<!DOCTYPE Webhook SYSTEM "http://evil.example/x.dtd"><Webhook/>', "xml_doctype"],
    ["a lower-case doctype", "<!doctype Webhook><Webhook/>", "xml_doctype"],
    ["an ENTITY outside a DOCTYPE", '<!ENTITY x "y"><Webhook/>', "xml_doctype"],
    [
      "a DOCTYPE in CDATA (refused too: simpler to trust)",
      wrap("<M><![CDATA[<!DOCTYPE x>]]></M>"),
      "xml_doctype",
    ],
    ["a grandchild", wrap("<Message><b>bold</b></Message>"), "xml_too_deep"],
    ["deep nesting", `<W>${"<a>".repeat(200)}${"</a>".repeat(200)}</W>`, "xml_too_deep"],
    [
      "an XInclude",
      wrap(
        '<Message><xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="/etc/passwd"/></Message>',
      ),
      "xml_too_deep",
    ],
    ["too much markup", wrap("<A>1</A>".repeat(600)), "xml_too_complex"],
    [
      "a tag over 1 KiB",
      `<Webhook ${"a".repeat(1100)}="1"><Type>SMS</Type></Webhook>`,
      "xml_too_complex",
    ],
    ["an unclosed tag", "<Webhook><Type", "invalid_xml"],
    ["a repeated field", wrap("<Type>SMSReply</Type>"), "invalid_field"],
    ["text beside the fields", "<Webhook>hello<Type>SMS</Type></Webhook>", "invalid_xml"],
    ["CDATA beside the fields", "<Webhook><![CDATA[x]]><Type>SMS</Type></Webhook>", "invalid_xml"],
    ["two roots", "<Webhook><Type>SMS</Type></Webhook><Webhook/>", "invalid_xml"],
    ["no root", "just text", "invalid_xml"],
    ["an unclosed root", "<Webhook><Type>SMS</Type>", "invalid_xml"],
    ["a mismatched tag", "<Webhook><Type>SMS</Tipe></Webhook>", "invalid_xml"],
    ["unclosed CDATA", wrap("<M><![CDATA[x</M>"), "invalid_xml"],
    ["an unclosed comment", wrap("<!-- x"), "invalid_xml"],
    ["a declaration after whitespace", ' <?xml version="1.0"?><Webhook/>', "invalid_xml"],
    ["no Type", "<Webhook><Status>SUCCESS</Status></Webhook>", "missing_type"],
    ["an unknown Type", "<Webhook><Type>constructor</Type></Webhook>", "unknown_type"],
  ])("refuse %s", (_name, xml, reason) => {
    expect(reasonOf(xml)).toBe(reason);
  });

  test("the XML parser refuses declarations when called directly too", () => {
    expect(() => xmlParser('<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>')).toThrow(WebhookParseError);
  });
});
