/**
 * The control API under `/_sandbox/` (same token as the API): simulate replies and inbound SMS,
 * move the clock, look at messages, webhook deliveries and the last requests, reset.
 * Described in `spec/sandbox-control.openapi.yaml`. Web-standard code only (runs in workerd).
 */
import type { Hono } from "hono";
import { answerOf, jsonAnswer } from "./answers.js";
import type {
  ControlDelivery,
  ControlMessage,
  ControlReceived,
  ControlRequest,
} from "./control-types.js";
import type { SandboxMessage, SandboxReceivedMessage, SandboxState } from "./engine.js";
import { rfc3339 } from "./time.js";
import type { WebhookDelivery } from "./webhooks.js";

/** Where the control API is served. */
export const CONTROL_BASE_PATH = "/_sandbox";

/** How many requests `GET /_sandbox/requests` keeps. */
export const REQUEST_LOG_SIZE = 100;

/** A request as recorded: cheap to take, shown (times formatted, token hidden) when listed. */
export interface RecordedRequest {
  readonly at: number;
  readonly method: string;
  /** The request's URL as received. */
  readonly url: string;
  readonly status: number;
  readonly durationMs: number;
  readonly response: Response;
}

/** A recorded request as the control API shows it, the token replaced by `[token]`. */
export function showRequest(
  request: RecordedRequest,
  hide: (text: string) => string,
): ControlRequest {
  const url = new URL(request.url);
  let answer: unknown = answerOf(request.response);
  if (answer === undefined) answer = "";
  const result =
    typeof answer === "object" && answer !== null && "Result" in answer
      ? String((answer as { Result: unknown }).Result)
      : "";
  return {
    At: iso(request.at),
    Method: request.method,
    Path: hide(`${url.pathname}${url.search}`),
    Status: request.status,
    Result: result,
    DurationMs: Math.round(request.durationMs * 10) / 10,
    Response: answer,
  };
}

/** The last requests the sandbox answered, oldest first. */
export class RequestLog {
  readonly #entries: RecordedRequest[] = [];

  add(entry: RecordedRequest): void {
    this.#entries.push(entry);
    if (this.#entries.length > REQUEST_LOG_SIZE) this.#entries.shift();
  }

  list(hide: (text: string) => string): readonly ControlRequest[] {
    return this.#entries.map((entry) => showRequest(entry, hide));
  }

  clear(): void {
    this.#entries.length = 0;
  }
}

/** What the control routes act on. */
export interface ControlTarget {
  readonly state: SandboxState;
  readonly deliveries: readonly WebhookDelivery[];
  readonly requests: RequestLog;
  /** Replaces the token in a text with `[token]`. */
  hide(text: string): string;
  now(): number;
  latestMessage(messageId: string): SandboxMessage | undefined;
  simulateReply(input: {
    MessageID: string;
    From?: string;
    MessageText: string;
  }): Promise<SandboxReceivedMessage>;
  simulateInbound(input: { From: string; MessageText: string }): Promise<SandboxReceivedMessage>;
  advance(ms: number): Promise<void>;
  reset(): void;
}

const iso = (ms: number): string => rfc3339(ms);

function answer(status: number, body: unknown): Response {
  return jsonAnswer(
    status,
    body,
    new Headers({ "Content-Type": "application/json; charset=utf-8" }),
  );
}

const refuse = (status: number, messages: string[], result = "Failed"): Response =>
  answer(status, { Result: result, ErrorMessage: messages });

/** The JSON object body of a control request, or the messages saying why there is none. */
async function readObject(request: Request): Promise<Record<string, unknown> | string[]> {
  const text = await request.text();
  if (text.trim() === "") return {};
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === "object" && value !== null && !Array.isArray(value)) {
      return value as Record<string, unknown>;
    }
    return ["The body must be a JSON object"];
  } catch {
    return ["The body is not valid JSON"];
  }
}

/** Messages naming each field that is missing or not a non-empty string. */
function requireText(
  body: Record<string, unknown>,
  required: readonly string[],
  optional: readonly string[] = [],
): string[] {
  const issues: string[] = [];
  for (const name of required) {
    const value = body[name];
    if (typeof value !== "string" || value === "") issues.push(`${name}: required, a text`);
  }
  for (const name of optional) {
    const value = body[name];
    if (value !== undefined && typeof value !== "string") issues.push(`${name}: must be a text`);
  }
  return issues;
}

export function showReceived(received: SandboxReceivedMessage): ControlReceived {
  return {
    ReceivedID: received.ReceivedID,
    Type: received.Type,
    MessageID: received.MessageID,
    From: received.From,
    To: received.To,
    ContactID: received.ContactID,
    MessageText: received.MessageText,
    ReceivedAt: iso(received.receivedAt),
  };
}

function showMessage(message: SandboxMessage): ControlMessage {
  return {
    MessageID: message.MessageID,
    JobNum: message.JobNum,
    Status: message.Status,
    Reference: message.Reference,
    Test: message.test,
    CreatedAt: iso(message.createdAt),
    Recipients: message.recipients.map((r) => ({
      DestSeq: r.DestSeq,
      Destination: r.Destination,
      ContactID: r.ContactID,
      Status: r.Status,
      Result: r.Result,
    })),
  };
}

/** A delivery without its body or payload: both carry the token (`APIKey`). */
export function showDelivery(delivery: WebhookDelivery): ControlDelivery {
  return {
    ID: delivery.id,
    URL: delivery.url,
    Format: delivery.format,
    Type: delivery.payload.Type,
    MessageID: delivery.payload.MessageID,
    Destination: delivery.payload.Destination,
    State: delivery.status,
    CreatedAt: iso(delivery.createdAt),
    ...(delivery.nextAttemptAt === undefined ? {} : { NextAttemptAt: iso(delivery.nextAttemptAt) }),
    Attempts: delivery.attempts.map((attempt) => ({
      At: iso(attempt.at),
      ...(attempt.status === undefined ? {} : { Status: attempt.status }),
      ...(attempt.error === undefined ? {} : { Error: attempt.error }),
    })),
  };
}

/** Registers the control routes on the sandbox app (after its token check). */
export function mountControl(app: Hono, target: ControlTarget): void {
  const base = CONTROL_BASE_PATH;

  app.post(`${base}/replies`, async (c) => {
    const body = await readObject(c.req.raw);
    if (Array.isArray(body)) return refuse(400, body);
    const issues = requireText(body, ["MessageID", "MessageText"], ["From"]);
    if (issues.length > 0) return refuse(400, issues);
    const MessageID = body.MessageID as string;
    if (target.latestMessage(MessageID) === undefined) {
      return refuse(404, [`Record not found: message ${MessageID}`], "RecordNotFound");
    }
    try {
      const received = await target.simulateReply({
        MessageID,
        MessageText: body.MessageText as string,
        ...(typeof body.From === "string" ? { From: body.From } : {}),
      });
      return answer(200, { Result: "Success", Received: showReceived(received) });
    } catch (error) {
      return refuse(400, [error instanceof Error ? error.message : String(error)]);
    }
  });

  app.post(`${base}/inbound`, async (c) => {
    const body = await readObject(c.req.raw);
    if (Array.isArray(body)) return refuse(400, body);
    const issues = requireText(body, ["From", "MessageText"], ["To"]);
    if (issues.length > 0) return refuse(400, issues);
    const received = await target.simulateInbound({
      From: body.From as string,
      MessageText: body.MessageText as string,
      ...(typeof body.To === "string" ? { To: body.To } : {}),
    });
    return answer(200, { Result: "Success", Received: showReceived(received) });
  });

  app.post(`${base}/clock/advance`, async (c) => {
    const body = await readObject(c.req.raw);
    if (Array.isArray(body)) return refuse(400, body);
    const ms = body.ms;
    if (typeof ms !== "number" || !Number.isInteger(ms) || ms < 0) {
      return refuse(400, ["ms: required, a whole number of at least 0"]);
    }
    await target.advance(ms);
    return answer(200, { Result: "Success", Now: iso(target.now()) });
  });

  app.get(`${base}/messages`, () =>
    answer(200, { Result: "Success", Messages: target.state.messages.map(showMessage) }),
  );

  app.get(`${base}/deliveries`, () =>
    answer(200, { Result: "Success", Deliveries: target.deliveries.map(showDelivery) }),
  );

  // Answers are recorded as made; the token is hidden when they are shown.
  app.get(
    `${base}/requests`,
    () =>
      new Response(
        target.hide(
          JSON.stringify({ Result: "Success", Requests: target.requests.list(target.hide) }),
        ),
        { headers: { "Content-Type": "application/json; charset=utf-8" } },
      ),
  );

  app.post(`${base}/reset`, () => {
    target.reset();
    return answer(200, { Result: "Success" });
  });
}
