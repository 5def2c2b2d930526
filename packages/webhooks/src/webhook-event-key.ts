import { ownString } from "./internal/fields.js";
import { sha256 } from "./internal/sha256.js";

/**
 * The fields that tell one event from another: a retry repeats them all, while a new status,
 * a new received message or a later report changes at least one. `APIKey`, `Version` and `URL`
 * are left out, so a rotated token or a service upgrade does not make a repeat look new.
 */
const KEY_FIELDS: readonly string[] = (
  "Type MessageID ReceivedID Destination JobNumber Status Result SentTimeUTC-RFC3339 " +
  "SentTimeUTC-ISO8601 SentTime SentTimeLocal Message"
).split(" ");

/**
 * A stable key for one webhook event: the SHA-256 (base64) of the fields listed above, so a
 * store holds no message text or numbers. The handler's `dedupe` uses it; use it for your own store.
 *
 * @example
 * const key = await webhookEventKey(webhook.payload); // "n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg="
 */
export async function webhookEventKey(payload: {
  readonly [field: string]: unknown;
}): Promise<string> {
  const values = KEY_FIELDS.map((name) => ownString(payload, name) ?? "");
  return btoa(String.fromCharCode(...(await sha256(JSON.stringify(values)))));
}
