import { utf8 } from "./utf8.js";

/** The SHA-256 of a string's UTF-8 bytes, through the web-standard `crypto.subtle`. */
export async function sha256(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", utf8.encode(text)));
}
