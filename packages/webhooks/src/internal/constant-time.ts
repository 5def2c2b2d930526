const encoder = new TextEncoder();
/** The last expected token and its bytes: a handler checks every request against the same one. */
let lastExpected: { text: string; bytes: Uint8Array } | undefined;

/**
 * Whether two byte arrays are equal. Arrays of different lengths are unequal at once, with no
 * byte read, so the time taken never shows how far a guess agrees; equal-length ones are read to
 * the end, every byte pair XORed into one accumulator, with no early exit.
 */
export function equalBytes(left: ArrayLike<number>, right: ArrayLike<number>): boolean {
  if (left.length !== right.length) return false;
  let difference = 0;
  for (let i = 0; i < left.length; i++) difference |= (left[i] ?? 0) ^ (right[i] ?? 0);
  return difference === 0;
}

/**
 * Whether the presented token has the same UTF-8 bytes as the expected one, compared with
 * {@link equalBytes}; no hashing. The expected token's bytes are kept between calls (it is
 * compared with the kept one only to tell whether it changed, never with what was presented).
 */
export function timingSafeEqual(presented: string, expected: string): boolean {
  if (lastExpected?.text !== expected) {
    lastExpected = { text: expected, bytes: encoder.encode(expected) };
  }
  return equalBytes(encoder.encode(presented), lastExpected.bytes);
}
