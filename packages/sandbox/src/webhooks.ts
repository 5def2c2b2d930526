import type { components } from "@bestsms/validation";
import { type Clock, rfc3339 } from "./time.js";

/** The format webhooks are posted in. */
export type WebhookFormat = "JSON" | "XML";

/** Every webhook retries every five minutes… */
export const WEBHOOK_RETRY_INTERVAL_MS: number = 5 * 60_000;
/** …for up to 24 hours after the first attempt, then it is dropped. */
export const WEBHOOK_RETRY_WINDOW_MS: number = 24 * 3_600_000;

type StatusSchema = components["schemas"]["StatusWebhook"];
type ReceivedSchema = components["schemas"]["ReceivedWebhook"];

/**
 * The fields the spec names in a webhook schema: its index signature (fields the spec does not
 * name are kept) left out.
 */
type NamedFields<T> = keyof {
  [K in keyof T as string extends K ? never : number extends K ? never : K]: T[K];
};

/** Every field either webhook schema of the spec names. */
type SpecWebhookField = NamedFields<StatusSchema> | NamedFields<ReceivedSchema>;

/** `K`, which must name fields of the spec's webhooks: any other name fails to compile. */
type SpecFields<K extends SpecWebhookField> = K;

/**
 * The document's field set, which the spec accepts besides the deployed service's: `AuthToken`
 * (for `APIKey`), `SentTime` (for `SentTimeLocal` and `SentTimeUTC-*`) and `RESPONSEMODE`. The
 * sandbox sends what the deployed service sends, so its payloads leave these out.
 */
type DocumentOnlyField = SpecFields<"AuthToken" | "SentTime" | "RESPONSEMODE">;

/**
 * The fields of a webhook in the order the deployed service sends them, every value a string.
 * `Type` is `SMS` for a status report, `SMSReply` or `SMSInbound` for a received SMS.
 *
 * The fields are those of the spec's `StatusWebhook` and `ReceivedWebhook` schemas (generated into
 * `@bestsms/validation`), less the document-only `AuthToken`, `SentTime` and `RESPONSEMODE`.
 */
export interface WebhookPayload
  extends Record<Exclude<SpecWebhookField, "Type" | DocumentOnlyField>, string> {
  /** `SMS` for a status report, `SMSReply` or `SMSInbound` for a received SMS. */
  Type: StatusSchema["Type"] | ReceivedSchema["Type"];
}

/** One attempt to post a webhook. */
export interface WebhookAttempt {
  /** Sandbox time of the attempt (ms since the epoch). */
  readonly at: number;
  /** The receiver's HTTP status, when it answered. */
  readonly status?: number;
  /** Why the attempt failed without an answer (network error, timeout). */
  readonly error?: string;
}

/** A webhook the sandbox posts, with every attempt so far. */
export interface WebhookDelivery {
  /** Sandbox-local identifier of the delivery. */
  readonly id: string;
  /** Where it is posted: the message's `WebhookCallbackURL`, else the sandbox's `webhookUrl`. */
  readonly url: string;
  /** `JSON` or `XML`: the message's `WebhookCallbackFormat`, else the sandbox's `webhookFormat`. */
  readonly format: WebhookFormat;
  /** The fields posted, in the order they are sent; `body` is their JSON or XML form. */
  readonly payload: WebhookPayload;
  /** The request body exactly as posted. */
  readonly body: string;
  /** Sandbox time it was queued. */
  readonly createdAt: number;
  /** `pending` until a 2xx answer (`delivered`) or until 24 hours of retries ran out (`dropped`). */
  status: "pending" | "delivered" | "dropped";
  /** Sandbox time of the next attempt while `pending`. */
  nextAttemptAt: number | undefined;
  /** Every attempt so far, oldest first (live). */
  readonly attempts: WebhookAttempt[];
}

const XML_ESCAPES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
  // A raw CR would reach the receiver as LF: XML parsers normalise line endings (CR LF and a lone
  // CR become LF), but keep a character reference as written.
  "\r": "&#13;",
};

/**
 * Whether XML 1.0 can hold the character: tab, newlines and everything from space on, except
 * lone surrogates and U+FFFE/U+FFFF.
 */
function xmlChar(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  if (code === 0x9 || code === 0xa || code === 0xd) return true;
  if (code < 0x20 || code === 0xfffe || code === 0xffff) return false;
  return code < 0xd800 || code > 0xdfff;
}

/**
 * Text made safe for XML content: escaped (CR as `&#13;`, so it survives line-end normalisation),
 * and characters XML 1.0 cannot hold dropped.
 */
export function xmlEscape(text: string): string {
  let out = "";
  for (const char of text) {
    if (xmlChar(char)) out += XML_ESCAPES[char] ?? char;
  }
  return out;
}

/** The XML form: a `<Webhook>` root with one child element per field, text content only. */
export function toXml(payload: WebhookPayload): string {
  const children = Object.entries(payload)
    .map(([name, value]) => `  <${name}>${xmlEscape(String(value))}</${name}>`)
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Webhook>\n${children}\n</Webhook>\n`;
}

/** Settings of a {@link WebhookQueue}. */
export interface WebhookQueueOptions {
  readonly clock: Clock;
  readonly fetch: typeof fetch;
  /** Sent as `Authorization: Basic <token>`. */
  readonly authToken: string;
  /** Sent as `X-Sender`. */
  readonly sender: string;
  /** Time limit of one attempt. */
  readonly timeoutMs: number;
  readonly newId: () => string;
  /** Called after each attempt is recorded. */
  readonly onAttempt?: (delivery: WebhookDelivery) => void;
}

/** Posts webhooks and retries failed ones every 5 minutes for up to 24 hours. */
export class WebhookQueue {
  readonly deliveries: WebhookDelivery[] = [];
  readonly #options: WebhookQueueOptions;
  readonly #inFlight = new Map<WebhookDelivery, Promise<void>>();

  constructor(options: WebhookQueueOptions) {
    this.#options = options;
  }

  /** Queues a webhook; its first attempt is due now. */
  enqueue(url: string, format: WebhookFormat, payload: WebhookPayload): WebhookDelivery {
    const now = this.#options.clock.now();
    const delivery: WebhookDelivery = {
      id: this.#options.newId(),
      url,
      format,
      payload,
      body: format === "XML" ? toXml(payload) : JSON.stringify(payload),
      createdAt: now,
      status: "pending",
      nextAttemptAt: now,
      attempts: [],
    };
    this.deliveries.push(delivery);
    return delivery;
  }

  /** The earliest sandbox time an attempt is due, if any delivery is pending and idle. */
  nextDue(): number | undefined {
    let next: number | undefined;
    for (const delivery of this.deliveries) {
      if (delivery.status !== "pending" || delivery.nextAttemptAt === undefined) continue;
      if (this.#inFlight.has(delivery)) continue;
      if (next === undefined || delivery.nextAttemptAt < next) next = delivery.nextAttemptAt;
    }
    return next;
  }

  /** Starts every attempt that is due and not already running; returns their promises. */
  startDue(): Promise<void>[] {
    const now = this.#options.clock.now();
    const started: Promise<void>[] = [];
    for (const delivery of this.deliveries) {
      if (delivery.status !== "pending" || this.#inFlight.has(delivery)) continue;
      if (delivery.nextAttemptAt === undefined || delivery.nextAttemptAt > now) continue;
      const attempt = this.#attempt(delivery).finally(() => this.#inFlight.delete(delivery));
      this.#inFlight.set(delivery, attempt);
      started.push(attempt);
    }
    return started;
  }

  /** Resolves when no attempt is running. */
  async settle(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.all(this.#inFlight.values());
  }

  /** Replaces every delivery with these (copied); pending ones are attempted when due. */
  restore(deliveries: readonly WebhookDelivery[]): void {
    this.deliveries.length = 0;
    this.deliveries.push(...structuredClone(deliveries));
  }

  /** Forgets every delivery (attempts still running finish unrecorded). */
  clear(): void {
    this.deliveries.length = 0;
  }

  async #attempt(delivery: WebhookDelivery): Promise<void> {
    const { clock, authToken, sender, timeoutMs } = this.#options;
    const at = clock.now();
    let status: number | undefined;
    let error: string | undefined;
    try {
      const response = await this.#options.fetch(delivery.url, {
        method: "POST",
        headers: {
          "Content-Type":
            delivery.format === "XML"
              ? "application/xml; charset=utf-8"
              : "application/json; charset=utf-8",
          "X-Timestamp": rfc3339(at),
          "X-Sender": sender,
          Authorization: `Basic ${authToken}`,
        },
        body: delivery.body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      status = response.status;
      // Read the answer to the end so the connection can be reused.
      await response.arrayBuffer().catch(() => undefined);
    } catch (reason) {
      error = reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason);
    }
    delivery.attempts.push(
      status === undefined ? { at, error: error ?? "no answer" } : { at, status },
    );
    if (status !== undefined && status >= 200 && status < 300) {
      delivery.status = "delivered";
      delivery.nextAttemptAt = undefined;
    } else {
      const next = at + WEBHOOK_RETRY_INTERVAL_MS;
      if (next <= delivery.createdAt + WEBHOOK_RETRY_WINDOW_MS) {
        delivery.nextAttemptAt = next;
      } else {
        delivery.status = "dropped";
        delivery.nextAttemptAt = undefined;
      }
    }
    this.#options.onAttempt?.(delivery);
  }
}
