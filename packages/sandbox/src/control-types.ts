/**
 * The shapes of the control API (`/_sandbox/…`), described in `spec/sandbox-control.openapi.yaml`.
 * Hand-written: the API's generator covers `spec/bestsms.openapi.yaml` only (see spec/DECISIONS.md,
 * "The sandbox's control API"). Times are RFC 3339 UTC strings of the sandbox's clock.
 */

/** Every control answer carries `Result`; a refusal also carries `ErrorMessage`. */
export interface ControlFailure {
  /** `Failed` or `RecordNotFound`. */
  readonly Result: "Failed" | "RecordNotFound";
  /** One message per problem. */
  readonly ErrorMessage: readonly string[];
}

/** A received SMS as the control API shows it. */
export interface ControlReceived {
  /** The sandbox's identifier of the received SMS. */
  readonly ReceivedID: string;
  /** `SMSReply` or `SMSInbound`. */
  readonly Type: "SMSReply" | "SMSInbound";
  /** The message it belongs to, or "" for an inbound SMS. */
  readonly MessageID: string;
  /** The number it came from. */
  readonly From: string;
  /** The number it was sent to, or "". */
  readonly To: string;
  /** The contact with that number, or "". */
  readonly ContactID: string;
  /** The text received. */
  readonly MessageText: string;
  /** When it was received. */
  readonly ReceivedAt: string;
}

/** Answer of `POST /_sandbox/replies` and `POST /_sandbox/inbound`. */
export interface ControlReceivedResponse {
  /** `Success`, or why not. */
  readonly Result: "Success";
  /** The SMS received. */
  readonly Received: ControlReceived;
}

/** Answer of `POST /_sandbox/clock/advance`. */
export interface ControlClockResponse {
  /** `Success`, or why not. */
  readonly Result: "Success";
  /** The sandbox's time after the move. */
  readonly Now: string;
}

/** One recipient of a message, as the control API shows it. */
export interface ControlRecipient {
  /** Its position among the message's recipients, from 1. */
  readonly DestSeq: number;
  /** The number sent to. */
  readonly Destination: string;
  /** The contact with that number, or "". */
  readonly ContactID: string;
  /** Its status. */
  readonly Status: string;
  /** Its result, e.g. `Sent OK` or `Bad Number`. */
  readonly Result: string;
}

/** One message, as the control API shows it. */
export interface ControlMessage {
  /** The message it belongs to, or "" for an inbound SMS. */
  readonly MessageID: string;
  /** The job number the sandbox made. */
  readonly JobNum: string;
  /** Its status. */
  readonly Status: string;
  /** The send's Reference, or "". */
  readonly Reference: string;
  /** Whether it was sent in test mode. */
  readonly Test: boolean;
  /** When the sandbox took it. */
  readonly CreatedAt: string;
  /** Its recipients, in DestSeq order. */
  readonly Recipients: readonly ControlRecipient[];
}

/** Answer of `GET /_sandbox/messages`, oldest first. */
export interface ControlMessagesResponse {
  /** `Success`, or why not. */
  readonly Result: "Success";
  /** Every message, oldest first. */
  readonly Messages: readonly ControlMessage[];
}

/** One attempt to post a webhook. */
export interface ControlAttempt {
  /** When it happened. */
  readonly At: string;
  /** The receiver's HTTP status, when it answered. */
  readonly Status?: number;
  /** Why the attempt got no answer. */
  readonly Error?: string;
}

/** One webhook (never its body, which carries the token as `APIKey`). */
export interface ControlDelivery {
  /** The sandbox's identifier of the delivery. */
  readonly ID: string;
  /** Where it is posted. */
  readonly URL: string;
  /** JSON or XML. */
  readonly Format: "JSON" | "XML";
  /** `SMS`, `SMSReply` or `SMSInbound`. */
  readonly Type: string;
  /** The message it belongs to, or "" for an inbound SMS. */
  readonly MessageID: string;
  /** The number sent to. */
  readonly Destination: string;
  /** State */
  readonly State: "pending" | "delivered" | "dropped";
  /** When the sandbox took it. */
  readonly CreatedAt: string;
  /** When the next attempt is due, while `pending`. */
  readonly NextAttemptAt?: string;
  /** Every attempt so far, oldest first. */
  readonly Attempts: readonly ControlAttempt[];
}

/** Answer of `GET /_sandbox/deliveries`, oldest first. */
export interface ControlDeliveriesResponse {
  /** `Success`, or why not. */
  readonly Result: "Success";
  /** Every webhook, oldest first. */
  readonly Deliveries: readonly ControlDelivery[];
}

/** One request the sandbox answered (the token never appears). */
export interface ControlRequest {
  /** When it happened. */
  readonly At: string;
  /** The HTTP method. */
  readonly Method: string;
  /** Path and query, the token replaced by `[token]`. */
  readonly Path: string;
  /** The HTTP status answered. */
  readonly Status: number;
  /** The answer's `Result`, or "" when it has none. */
  readonly Result: string;
  /** How long the sandbox took to answer, in milliseconds (wall time). */
  readonly DurationMs: number;
  /** The answer's JSON body. */
  readonly Response: unknown;
}

/** Answer of `GET /_sandbox/requests`, oldest first (the last 100). */
export interface ControlRequestsResponse {
  /** `Success`, or why not. */
  readonly Result: "Success";
  /** The last requests, oldest first. */
  readonly Requests: readonly ControlRequest[];
}

/** Answer of `POST /_sandbox/reset`. */
export interface ControlResetResponse {
  /** `Success`, or why not. */
  readonly Result: "Success";
}
