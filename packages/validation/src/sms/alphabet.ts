// GSM 03.38 / 3GPP TS 23.038 default alphabet. Only membership matters here, so the tables are
// plain strings rather than code-point maps; ESC (0x1B) is left out because it is never text.

/** The basic table: every character that takes one septet. */
export const GSM_BASIC: string =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
  "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

/** The extension table: each is sent as ESC + a code, so it takes two septets. */
export const GSM_EXTENDED: string = "\f^{}\\[~]|€";

/** Septets one code point takes in GSM-7: 1, 2, or 0 when it is not in the alphabet. */
export function gsmSeptets(char: string): 0 | 1 | 2 {
  // A single code point is at most two code units and neither table holds surrogates, so
  // `includes` cannot match part of a longer character.
  if (char.length === 0) return 0;
  if (GSM_BASIC.includes(char)) return 1;
  return GSM_EXTENDED.includes(char) ? 2 : 0;
}
