import { describe, expect, it } from "vitest";
import { isGsm7, type SmsSegments, smsSegments } from "../../src/sms/index.js";

// The GSM 03.38 basic table in code order (0x00–0x7F), without ESC at 0x1B.
const BASIC =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
  "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const EXTENSION = ["^", "{", "}", "\\", "[", "~", "]", "|", "€", "\f"];

const a = (n: number): string => "a".repeat(n);
const zh = (n: number): string => "ж".repeat(n);
const emoji = (n: number): string => "😀".repeat(n);

type Row = [name: string, text: string, expected: SmsSegments];
const gsm = (characters: number, segments: number, perSegment: number, remaining: number) =>
  ({ encoding: "GSM-7", characters, segments, perSegment, remaining }) as const;
const ucs = (characters: number, segments: number, perSegment: number, remaining: number) =>
  ({ encoding: "UCS-2", characters, segments, perSegment, remaining }) as const;

const cases: Row[] = [
  ["empty text is 0 segments", "", gsm(0, 0, 160, 160)],
  ["1 GSM char", "a", gsm(1, 1, 160, 159)],
  ["160 GSM chars fill one SMS", a(160), gsm(160, 1, 160, 0)],
  ["161 GSM chars need 2 segments of 153", a(161), gsm(161, 2, 153, 145)],
  ["306 GSM chars fill 2 segments", a(306), gsm(306, 2, 153, 0)],
  ["307 GSM chars need 3", a(307), gsm(307, 3, 153, 152)],
  ["459 GSM chars fill 3 segments", a(459), gsm(459, 3, 153, 0)],
  ["460 GSM chars need 4", a(460), gsm(460, 4, 153, 152)],
  ["the whole basic table, one septet each", BASIC, gsm(127, 1, 160, 33)],
  ["the whole extension table, two septets each", EXTENSION.join(""), gsm(10, 1, 160, 140)],
  ...EXTENSION.map(
    (c): Row => [`extension ${JSON.stringify(c)} is 2 septets`, c, gsm(1, 1, 160, 158)],
  ),
  ["80 € are 160 septets", "€".repeat(80), gsm(80, 1, 160, 0)],
  ["81 € are 162 septets: 76 + 5 per segment", "€".repeat(81), gsm(81, 2, 153, 143)],
  ["159 chars + € is 161 septets", `${a(159)}€`, gsm(160, 2, 153, 145)],
  ["€ straddling 153 moves whole", `${a(152)}€${a(152)}`, gsm(305, 3, 153, 152)],
  ["€ ending exactly at 153 stays", `${a(151)}€${a(153)}`, gsm(305, 2, 153, 0)],
  ["Greek capitals are GSM", "ΔΦΓΛΩΠΨΣΘΞ", gsm(10, 1, 160, 150)],
  ["LF and CR are GSM", "a\nb\r\nc", gsm(6, 1, 160, 154)],
  ["Ç is GSM", "Ça va", gsm(5, 1, 160, 155)],
  ["70 UCS-2 chars fill one SMS", zh(70), ucs(70, 1, 70, 0)],
  ["71 UCS-2 chars need 2 segments of 67", zh(71), ucs(71, 2, 67, 63)],
  ["134 UCS-2 chars fill 2 segments", zh(134), ucs(134, 2, 67, 0)],
  ["135 UCS-2 chars need 3", zh(135), ucs(135, 3, 67, 66)],
  ["one emoji is 2 units", emoji(1), ucs(1, 1, 70, 68)],
  ["35 emoji are 70 units", emoji(35), ucs(35, 1, 70, 0)],
  ["36 emoji: 33 + 3 per segment", emoji(36), ucs(36, 2, 67, 61)],
  ["emoji straddling 67 moves whole", `${zh(66)}😀${zh(66)}`, ucs(133, 3, 67, 66)],
  ["emoji ending exactly at 67 stays", `${zh(65)}😀${zh(67)}`, ucs(133, 2, 67, 0)],
  ["CJK", "你好世界", ucs(4, 1, 70, 66)],
  ["one UCS-2 char switches the whole text", `${a(159)}ж`, ucs(160, 3, 67, 41)],
  ["extension chars are 1 unit in UCS-2", "ж€{", ucs(3, 1, 70, 67)],
  ["an emoji is 1 character", "Hi 👍", ucs(4, 1, 70, 65)],
  ["lowercase Greek is not GSM", "αβγ", ucs(3, 1, 70, 67)],
  ["lowercase ç is not GSM", "ça", ucs(2, 1, 70, 68)],
  ["tab is not GSM", "a\tb", ucs(3, 1, 70, 67)],
  ["backtick is not GSM", "`", ucs(1, 1, 70, 69)],
];

describe("smsSegments", () => {
  it.each(cases)("%s", (_name, text, expected) => {
    expect(smsSegments(text)).toEqual(expected);
  });

  it("agrees with isGsm7 on the encoding", () => {
    for (const [, text] of cases) {
      expect(smsSegments(text).encoding === "GSM-7").toBe(isGsm7(text));
    }
  });
});

describe("isGsm7", () => {
  it("accepts every basic and extension character", () => {
    expect([...BASIC]).toHaveLength(127);
    expect(isGsm7(BASIC + EXTENSION.join(""))).toBe(true);
    expect(isGsm7("")).toBe(true);
  });

  it("rejects characters outside the alphabet", () => {
    for (const text of ["😀", "ç", "á", "À", "\t", "\x1b", "©", "“", "ж", "\u00a0", "\ud83d"]) {
      expect(isGsm7(`ok ${text}`), JSON.stringify(text)).toBe(false);
    }
  });
});
