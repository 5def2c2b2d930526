import { utf8 } from "./utf8.js";

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
 * {@link equalBytes}; no hashing (encoding a token of some dozen bytes costs less than keeping it).
 */
export function timingSafeEqual(presented: string, expected: string): boolean {
  return equalBytes(utf8.encode(presented), utf8.encode(expected));
}
