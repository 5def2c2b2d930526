/**
 * The token the tests' handlers are configured with. The canary run (tools/faults) sets
 * BESTSMS_CANARY_TOKEN to rerun this suite with a token it then searches every log line and
 * error for.
 */
export const TOKEN: string =
  (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env
    ?.BESTSMS_CANARY_TOKEN ?? "s3cret-Token_0123456789abcdef";

/** A status report with the deployed service's fields, as an object. */
export function statusPayload(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    Version: "2.04",
    APIKey: TOKEN,
    Type: "SMS",
    Destination: "+61421000001",
    MessageID: "js82hn8n",
    JobNumber: "10C7B9A0",
    "SentTimeUTC-RFC3339": "2018-10-16T02:43:00Z",
    Status: "SUCCESS",
    Result: "Sent OK",
    Message: "",
    Price: "0.20",
    Detail: "SMSParts:2",
    ...overrides,
  };
}

/** The fields of a short status report, in {@link statusPayload}'s order. */
const SHORT_FIELDS = [
  "Version",
  "APIKey",
  "Type",
  "Destination",
  "MessageID",
  "Status",
  "Result",
  "Price",
];

/**
 * A status report of only the fields every report has, and its Price, for a receiver taking
 * `token`: the runtime packages' tests (edge, node) use it with their own token and MessageID.
 */
export function shortStatusPayload(
  token: string,
  messageId: string,
  overrides: Record<string, string> = {},
): Record<string, string> {
  const full = statusPayload({ APIKey: token, MessageID: messageId });
  const fields = SHORT_FIELDS.map((name) => [name, String(full[name])]);
  return { ...Object.fromEntries(fields), ...overrides };
}

/** The same payload as XML: a `<Webhook>` root with one child per field, text escaped. */
export function toXml(payload: Record<string, unknown>): string {
  const children = Object.entries(payload)
    .map(([name, value]) => `<${name}>${escapeXml(String(value))}</${name}>`)
    .join("");
  return `<?xml version="1.0" encoding="UTF-8"?><Webhook>${children}</Webhook>`;
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>]/g, (char) =>
    char === "&" ? "&amp;" : char === "<" ? "&lt;" : "&gt;",
  );
}

export interface RequestOptions {
  method?: string;
  /** `null` sends no Content-Type. Default `application/json`. */
  contentType?: string | null;
  headers?: Record<string, string>;
}

/** A webhook POST to the receiver. */
export function webhookRequest(body: BodyInit | null, options: RequestOptions = {}): Request {
  const headers = new Headers(options.headers);
  const contentType = options.contentType === undefined ? "application/json" : options.contentType;
  if (contentType !== null) headers.set("content-type", contentType);
  const method = options.method ?? "POST";
  // A string body would bring its own `text/plain` Content-Type; bytes bring none.
  const bytes =
    contentType === null && typeof body === "string" ? new TextEncoder().encode(body) : body;
  const init = {
    method,
    headers,
    body: method === "GET" || method === "HEAD" ? null : bytes,
    duplex: "half",
  };
  // `duplex` is required by Node for stream bodies and missing from the DOM typings.
  return new Request("https://receiver.example/bestsms", init as RequestInit);
}

/** A JSON webhook POST. */
export function jsonRequest(payload: unknown, options: RequestOptions = {}): Request {
  return webhookRequest(JSON.stringify(payload), options);
}

/**
 * A body that makes `chunkSize`-byte chunks forever, counting what was pulled, and fails the
 * test (by erroring) if pulled past `failAfter` bytes.
 */
export function endlessBody(
  chunkSize: number,
  failAfter: number,
): { stream: ReadableStream<Uint8Array>; pulled: () => number } {
  let pulled = 0;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (pulled >= failAfter) {
          controller.error(new Error(`pulled ${pulled} bytes, more than ${failAfter}`));
          return;
        }
        pulled += chunkSize;
        controller.enqueue(new Uint8Array(chunkSize).fill(0x20));
      },
    },
    { highWaterMark: 0 }, // pull only on demand, so the count is what the reader asked for
  );
  return { stream, pulled: () => pulled };
}

/** A promise with its resolve function, to hold a callback open. */
export function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => {};
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}
