import { gsmSeptets } from "./alphabet.js";

/** How a message is encoded on the air: 7-bit GSM default alphabet, or UTF-16 (UCS-2). */
export type SmsEncoding = "GSM-7" | "UCS-2";

/** The size of a message in SMS segments; see {@link smsSegments}. */
export interface SmsSegments {
  /** `GSM-7` when every character is in the GSM default alphabet or its extension table. */
  encoding: SmsEncoding;
  /** Unicode code points, so 👍 is 1 (but a flag or a joined emoji sequence is several). */
  characters: number;
  /** Segments the message is sent (and billed) as; 0 for empty text. */
  segments: number;
  /** The limit in force: 160 or 153 septets (GSM-7), 70 or 67 UTF-16 code units (UCS-2). */
  perSegment: number;
  /** Units (septets or code units) still free in the last segment. */
  remaining: number;
}

/**
 * Whether the whole text can be sent in the GSM-7 alphabet (basic or extension table).
 *
 * @example
 * isGsm7("Café {ok}"); // true
 * isGsm7("Thanks 👍"); // false
 */
export function isGsm7(text: string): boolean {
  for (const char of text) if (gsmSeptets(char) === 0) return false;
  return true;
}

/**
 * Counts the SMS segments a text takes, per 3GPP TS 23.038 and 23.040.
 *
 * GSM-7 fits 160 septets in one SMS, else 153 per segment (the rest holds the concatenation
 * header); extension characters (`^ { } \ [ ~ ] | €` and form feed) take 2 septets. Any other
 * character switches the whole text to UCS-2: 70 UTF-16 code units, else 67 per segment, with
 * emoji and other astral characters taking 2. A 2-unit character is never split across
 * segments; it moves whole to the next one.
 *
 * Empty text is 0 segments (with the full 160 remaining): there is nothing to send, and the
 * API rejects an empty `Message`.
 *
 * @example
 * smsSegments("Hi €5");
 * // { encoding: "GSM-7", characters: 5, segments: 1, perSegment: 160, remaining: 154 }
 * smsSegments("😀".repeat(36)).segments; // 2
 */
export function smsSegments(text: string): SmsSegments {
  const gsm = isGsm7(text);
  let characters = 0;
  let total = 0;
  for (const char of text) {
    characters++;
    total += gsm ? gsmSeptets(char) : char.length;
  }
  const single = gsm ? 160 : 70;
  const encoding: SmsEncoding = gsm ? "GSM-7" : "UCS-2";
  if (total <= single) {
    const segments = total === 0 ? 0 : 1;
    return { encoding, characters, segments, perSegment: single, remaining: single - total };
  }
  const perSegment = gsm ? 153 : 67;
  let segments = 1;
  let used = 0;
  for (const char of text) {
    const size = gsm ? gsmSeptets(char) : char.length;
    if (used + size > perSegment) {
      segments++;
      used = size;
    } else {
      used += size;
    }
  }
  return { encoding, characters, segments, perSegment, remaining: perSegment - used };
}
