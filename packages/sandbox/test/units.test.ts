// The pure helpers: local times, XML, merge fields.
import { describe, expect, it } from "vitest";
import { failingNumberRule } from "../src/failing-numbers.js";
import { fillMergeFields } from "../src/merge-fields.js";
import { localText, parseLocal, rfc3339, utcText } from "../src/time.js";
import { toXml, type WebhookPayload, xmlEscape } from "../src/webhooks.js";

describe("local time (UTC+10 by default)", () => {
  const at = Date.UTC(2025, 7, 9, 23, 0, 4);

  it("formats the spec's shapes", () => {
    expect(localText(at, 600)).toBe("2025-08-10 09:00:04");
    expect(utcText(at)).toBe("2025-08-09 23:00:04");
    expect(rfc3339(at)).toBe("2025-08-09T23:00:04Z");
  });

  it("parses YYYY-MM-DD HH:mm[:ss] with a space or T", () => {
    expect(parseLocal("2025-08-10 09:00:04", 600)).toBe(at);
    expect(parseLocal("2025-08-10T09:00", 600)).toBe(at - 4_000);
    expect(parseLocal("2025-08-10 09:00", -300)).toBe(Date.UTC(2025, 7, 10, 14, 0));
  });

  it("refuses days and times that do not exist", () => {
    for (const text of ["2025-02-29 10:00", "2025-13-01 10:00", "2025-08-10 24:00", "2025-08-10"]) {
      expect(parseLocal(text, 600)).toBeUndefined();
    }
    expect(parseLocal("2024-02-29 10:00", 0)).toBe(Date.UTC(2024, 1, 29, 10, 0));
  });
});

describe("XML", () => {
  it("escapes markup and drops characters XML cannot hold", () => {
    expect(xmlEscape(`a&b<c>"d"'e'\u0001\u0009`)).toBe(
      "a&amp;b&lt;c&gt;&quot;d&quot;&apos;e&apos;\t",
    );
    // A CR is a character reference, which XML parsers do not turn into LF as they do a raw CR.
    expect(xmlEscape("a\r\nb\rc\nd")).toBe("a&#13;\nb&#13;c\nd");
    // Emoji and accents stay; a lone surrogate and U+FFFF go.
    expect(xmlEscape("Thanks 👍 é\uD800\uFFFF")).toBe("Thanks 👍 é");
  });

  it("writes one child element per field under <Webhook>", () => {
    const payload = { Version: "2.04", Type: "SMS", Message: "x < y" } as unknown as WebhookPayload;
    expect(toXml(payload)).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<Webhook>\n  <Version>2.04</Version>\n  <Type>SMS</Type>\n  <Message>x &lt; y</Message>\n</Webhook>\n',
    );
  });
});

describe("merge fields", () => {
  const values = {
    Attention: "Dr A",
    Company: "Co",
    FirstName: "Ann",
    LastName: "Lee",
    Custom: ["c1", "", "", "", "", "", "", "", "c9"],
  };

  it("fills the known fields, with either spelling of the names", () => {
    expect(
      fillMergeFields(
        "[[First Name]]/[[FirstName]] [[Last Name]]/[[LastName]] [[Attention]] [[Company]] [[Custom1]] [[Custom2]] [[Custom9]] [[Reply]]",
        values,
        "https://r/1",
      ),
    ).toBe("Ann/Ann Lee/Lee Dr A Co c1  c9 https://r/1");
  });

  it("leaves other brackets as written", () => {
    expect(fillMergeFields("[[Custom10]] [[ Company ]] [[first name]] [Company]", values, "")).toBe(
      "[[Custom10]] [[ Company ]] [[first name]] [Company]",
    );
  });
});

describe("the failing-number table", () => {
  it("matches on the ending only", () => {
    expect(failingNumberRule("+61421009900")?.result).toBe("Bad Number");
    expect(failingNumberRule("+61421990001")).toBeUndefined();
    expect(failingNumberRule("+61421000001")).toBeUndefined();
  });
});
