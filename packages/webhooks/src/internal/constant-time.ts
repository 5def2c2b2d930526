import { sha256 } from "./sha256.js";

/**
 * Whether two strings are equal, in time that depends on neither their contents nor their
 * lengths: both are hashed to 32 bytes, then every byte pair is compared without an early exit.
 */
export async function timingSafeEqual(a: string, b: string): Promise<boolean> {
  const [left, right] = await Promise.all([sha256(a), sha256(b)]);
  let difference = 0;
  for (let i = 0; i < 32; i++) difference |= (left[i] ?? 0) ^ (right[i] ?? 0);
  return difference === 0;
}
