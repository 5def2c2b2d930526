import { isGsm7 } from "./segments.js";

/** One replacement made by {@link toGsm7}. */
export interface Gsm7Change {
  /** Code point index in the input where the replaced text starts. */
  index: number;
  /** The input replaced: a character with its combining marks, or a whole emoji sequence. */
  from: string;
  /** What it became; empty when an invisible character was dropped. */
  to: string;
}

/** The result of {@link toGsm7}. */
export interface Gsm7Result {
  /** The text in GSM-7; the input itself when it already was. */
  text: string;
  /** The replacements, in input order; empty when nothing changed. */
  changed: Gsm7Change[];
}

// [characters, replacement] pairs, tried before the generic rules so typography keeps its
// meaning ("…" is "..." rather than "?"). Kept as short strings for bundle size.
const REPLACEMENTS: ReadonlyArray<readonly [string, string]> = [
  ["‘’‚‛′´`", "'"],
  ["“”„‟″«»", '"'],
  ["‐‑‒–—―−", "-"],
  ["…", "..."],
  ["•", "*"],
  ["©", "(C)"],
  ["®", "(R)"],
  ["™", "TM"],
  ["⁄∕", "/"],
  ["×", "x"],
  ["÷", "/"],
  // 0x09 was lowercase ç in the original GSM 03.38 table; handsets now draw it as Ç. Sending Ç
  // keeps the cedilla, which is what GSM encoders produce for ç anyway.
  ["ç", "Ç"],
  // Micro sign: "µg" reads better as "ug" than as the Greek capital M.
  ["µ", "u"],
  ["œ", "oe"],
  ["Œ", "OE"],
  ["ı", "i"],
  ["ł", "l"],
  ["Ł", "L"],
  ["đð", "d"],
  ["ĐÐ", "D"],
  ["ħ", "h"],
  ["Ħ", "H"],
  ["þ", "th"],
  ["Þ", "TH"],
  ["\u2028\u2029", "\n"],
  // Invisible formatting characters: soft hyphen, zero-width space/joiners, word joiner, BOM.
  ["\u00ad\u200b\u200c\u200d\u2060\ufeff", ""],
];

// Greek capitals that look like Latin ones are left out of GSM-7, which expects the Latin letter.
const GREEK = "ΑΒΕΖΗΙΚΜΝΟΡΤΥΧ";
const LATIN = "ABEZHIKMNOPTYX";

const UNIT = /[\u{1F1E6}-\u{1F1FF}]{2}|.(?:\p{M}|\u200d.|[\u{1F3FB}-\u{1F3FF}])*/gsu;

function replacement(char: string): string | undefined {
  for (const [from, to] of REPLACEMENTS) if (from.includes(char)) return to;
  return undefined;
}

function convert(unit: string): string {
  const composed = unit.normalize("NFC");
  if (isGsm7(composed)) return composed;
  const direct = replacement(composed);
  if (direct !== undefined) return direct;
  if (/^\s$/u.test(composed)) return " ";
  // Compatibility decomposition turns ligatures, full-width and accented letters into base
  // letters once the combining marks are gone (ĳ → ij, Ａ → A, á → a).
  const base = [...composed.normalize("NFKD").replace(/\p{M}/gu, "")]
    .map((char) => replacement(char) ?? char)
    .join("");
  // A lone combining mark has nothing left to show.
  if (base === "") return "";
  if (isGsm7(base)) return base;
  if (/^[\u0370-\u03ff]+$/u.test(base)) {
    let upper = "";
    for (const char of base.toUpperCase()) {
      const at = GREEK.indexOf(char);
      upper += at < 0 ? char : LATIN.charAt(at);
    }
    if (isGsm7(upper)) return upper;
  }
  return "?";
}

/**
 * Rewrites text into the GSM-7 alphabet, as the API's `ForceGSMChars` option does, so it is
 * sent as GSM-7 rather than UCS-2 (see `smsSegments`).
 *
 * Typographic characters become ASCII (© → (C), ™ → TM, “ ” → ", – — → -, … → ..., • → *),
 * Unicode spaces become a space, accented letters lose accents the alphabet lacks (á → a, while
 * é stays), ç becomes Ç (the GSM table has only the capital), œ → oe, Greek becomes GSM capitals
 * (Δ stays, α → A, λ → Λ), invisible characters are dropped and anything else becomes "?".
 * The result always passes `isGsm7`. When nothing changes, `text` is the input string itself.
 *
 * @example
 * toGsm7("“Café” – ©2025");
 * // { text: '"Café" - (C)2025', changed: [{ index: 0, from: "“", to: '"' }, ...] }
 */
export function toGsm7(text: string): Gsm7Result {
  if (isGsm7(text)) return { text, changed: [] };
  const changed: Gsm7Change[] = [];
  let out = "";
  let index = 0;
  // Each unit is one code point with the combining marks that follow it, so a decomposed
  // "e\u0301" composes to é instead of losing its accent; flags, skin tones and emoji joined
  // with ZWJ stay in one unit so each emoji becomes a single "?".
  for (const [unit] of text.matchAll(UNIT)) {
    const to = convert(unit);
    if (to !== unit) changed.push({ index, from: unit, to });
    out += to;
    index += [...unit].length;
  }
  return { text: out, changed };
}
