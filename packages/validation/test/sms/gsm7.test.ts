import { describe, expect, it } from "vitest";
import { isGsm7, toGsm7 } from "../../src/sms/index.js";

const cases: Array<[from: string, to: string]> = [
  ["©", "(C)"],
  ["®", "(R)"],
  ["™", "TM"],
  ["‘", "'"],
  ["’", "'"],
  ["‚", "'"],
  ["‛", "'"],
  ["`", "'"],
  ["“", '"'],
  ["”", '"'],
  ["„", '"'],
  ["«", '"'],
  ["–", "-"],
  ["—", "-"],
  ["−", "-"],
  ["‐", "-"],
  ["…", "..."],
  ["•", "*"],
  ["\u00a0", " "],
  ["\u2002", " "],
  ["\u2003", " "],
  ["\u2009", " "],
  ["\u202f", " "],
  ["\u3000", " "],
  ["\t", " "],
  ["\u2028", "\n"],
  ["\u200b", ""],
  ["\u00ad", ""],
  ["\ufeff", ""],
  ["é", "é"],
  ["á", "a"],
  ["â", "a"],
  ["ã", "a"],
  ["À", "A"],
  ["Á", "A"],
  ["ê", "e"],
  ["È", "E"],
  ["í", "i"],
  ["ó", "o"],
  ["ú", "u"],
  ["ý", "y"],
  ["š", "s"],
  ["Ž", "Z"],
  ["ń", "n"],
  ["ç", "Ç"],
  ["Ç", "Ç"],
  ["c\u0327", "Ç"],
  ["e\u0301", "é"],
  ["q\u0301", "q"],
  ["œ", "oe"],
  ["Œ", "OE"],
  ["ĳ", "ij"],
  ["Ĳ", "IJ"],
  ["ﬁ", "fi"],
  ["ß", "ß"],
  ["æ", "æ"],
  ["Ø", "Ø"],
  ["ł", "l"],
  ["Đ", "D"],
  ["ı", "i"],
  ["þ", "th"],
  ["Ａ", "A"],
  ["½", "1/2"],
  ["²", "2"],
  ["µ", "u"],
  ["Δ", "Δ"],
  ["ΦΓΛΩΠΨΣΘΞ", "ΦΓΛΩΠΨΣΘΞ"],
  ["Α", "A"],
  ["Β", "B"],
  ["Ω", "Ω"],
  ["δ", "Δ"],
  ["σς", "ΣΣ"],
  ["ά", "A"],
  ["😀", "?"],
  ["👍🏽", "?"],
  ["👨‍👩‍👧", "?"],
  ["❤️", "?"],
  ["🇦🇺", "?"],
  ["ж", "?"],
  ["你好", "??"],
  ["\u0000", "?"],
  ["\ud83d", "?"],
];

describe("toGsm7", () => {
  it.each(cases)("%j → %j", (from, to) => {
    const result = toGsm7(from);
    expect(result.text).toBe(to);
    expect(isGsm7(result.text)).toBe(true);
  });

  it("reports each change by code point index", () => {
    expect(toGsm7("😀 “Café” – ©2025")).toEqual({
      text: '? "Café" - (C)2025',
      changed: [
        { index: 0, from: "😀", to: "?" },
        { index: 2, from: "“", to: '"' },
        { index: 7, from: "”", to: '"' },
        { index: 9, from: "–", to: "-" },
        { index: 11, from: "©", to: "(C)" },
      ],
    });
  });

  it("reports a whole emoji sequence and a decomposed letter as one change", () => {
    expect(toGsm7("e\u0301👨‍👩‍👧!").changed).toEqual([
      { index: 0, from: "e\u0301", to: "é" },
      { index: 2, from: "👨‍👩‍👧", to: "?" },
    ]);
  });

  it("returns the input string itself when nothing changes", () => {
    const text = "Plain GSM text: é, Ä, {braces} & €5.";
    const result = toGsm7(text);
    expect(result.text).toBe(text);
    expect(result.changed).toEqual([]);
    expect(toGsm7("")).toEqual({ text: "", changed: [] });
  });
});

// A small deterministic PRNG (mulberry32) so the generated strings are the same on every run.
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Ranges that hold the awkward cases: controls, Latin-1, Latin Extended, combining marks,
// Greek, Cyrillic, punctuation and spaces, CJK, surrogates, emoji and flags.
const RANGES: Array<[number, number]> = [
  [0x00, 0x7f],
  [0x80, 0x24f],
  [0x300, 0x36f],
  [0x370, 0x4ff],
  [0x2000, 0x206f],
  [0x2100, 0x215f],
  [0x3000, 0x303f],
  [0x4e00, 0x4e80],
  [0xd800, 0xdfff],
  [0xfb00, 0xfb06],
  [0xfe00, 0xfe0f],
  [0xff00, 0xff5e],
  [0x1f1e6, 0x1f1ff],
  [0x1f300, 0x1f64f],
  [0x1f3fb, 0x1f3ff],
];

// Rebuilds the output from the input and the reported changes, which checks their indexes.
function applyChanges(text: string, changed: ReturnType<typeof toGsm7>["changed"]): string {
  const chars = [...text];
  let out = "";
  let at = 0;
  for (const change of changed) {
    out += chars.slice(at, change.index).join("") + change.to;
    expect(chars.slice(change.index, change.index + [...change.from].length).join("")).toBe(
      change.from,
    );
    at = change.index + [...change.from].length;
  }
  return out + chars.slice(at).join("");
}

describe("toGsm7 on generated text", () => {
  it("always yields GSM-7 text, and leaves GSM-7 text alone", () => {
    const next = random(0x5eed);
    const gsm =
      "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./09:;<=>?¡AZÄÖÑÜ§¿azäöñüà^{}\\[~]|€\f";
    const pick = (n: number): number => Math.floor(next() * n);
    for (let i = 0; i < 2000; i++) {
      let text = "";
      const length = pick(12);
      for (let j = 0; j < length; j++) {
        const [low, high] = RANGES[pick(RANGES.length)] ?? [0x61, 0x61];
        text += String.fromCodePoint(low + pick(high - low + 1));
      }
      const result = toGsm7(text);
      expect(isGsm7(result.text), JSON.stringify(text)).toBe(true);
      if (isGsm7(text)) expect(result).toEqual({ text, changed: [] });
      expect(applyChanges(text, result.changed)).toBe(result.text);

      let plain = "";
      for (let j = pick(20); j > 0; j--) plain += gsm[pick(gsm.length)] ?? "";
      expect(toGsm7(plain).text).toBe(plain);
      expect(toGsm7(plain).changed).toHaveLength(0);
    }
  });
});
