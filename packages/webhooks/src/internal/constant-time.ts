const encoder = new TextEncoder();
/** Where tokens are encoded: reused, so a check allocates nothing for tokens of usual length. */
const scratch = new Uint8Array(1024);

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
 * Whether two strings have the same UTF-8 bytes, compared with {@link equalBytes}. No hashing:
 * both are encoded side by side into one buffer (a UTF-16 code unit is at most 3 bytes), which
 * is zeroed again before returning, so no token stays in memory the module keeps.
 */
export function timingSafeEqual(a: string, b: string): boolean {
  const size = 3 * (a.length + b.length);
  const buffer = size <= scratch.length ? scratch : new Uint8Array(size);
  const left = buffer.subarray(0, encoder.encodeInto(a, buffer).written);
  const rest = buffer.subarray(left.length);
  const right = rest.subarray(0, encoder.encodeInto(b, rest).written);
  const equal = equalBytes(left, right);
  buffer.fill(0, 0, left.length + right.length);
  return equal;
}
