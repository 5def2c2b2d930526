/**
 * The shapes of the control API (`/_sandbox/…`), described in `spec/sandbox-control.openapi.yaml`.
 * Hand-written: the API's generator covers `spec/bestsms.openapi.yaml` only (see spec/DECISIONS.md,
 * "The sandbox's control API"). Times are RFC 3339 UTC strings of the sandbox's clock.
 */

/** Every control answer carries `Result`; a refusal also carries `ErrorMessage`. */
export interface ControlFailure {
  readonly Result: "Failed" | "RecordNotFound";
  readonly ErrorMessage: readonly string[];
}

/** A received SMS as the control API shows it. */
export interface ControlReceived {
  readonly ReceivedID: string;
  readonly Type: "SMSReply" | "SMSInbound";
  readonly MessageID: string;
  readonly From: string;
  readonly To: string;
  readonly ContactID: string;
  readonly MessageText: string;
  readonly ReceivedAt: string;
}

/** Answer of `POST /_sandbox/replies` and `POST /_sandbox/inbound`. */
export interface ControlReceivedResponse {
  readonly Result: "Success";
  readonly Received: ControlReceived;
}

/** Answer of `POST /_sandbox/clock/advance`. */
export interface ControlClockResponse {
  readonly Result: "Success";
  /** The sandbox's time after the move. */
  readonly Now: string;
}

/** One recipient of a message, as the control API shows it. */
export interface ControlRecipient {
  readonly DestSeq: number;
  readonly Destination: string;
  readonly ContactID: string;
  readonly Status: string;
  readonly Result: string;
}

/** One message, as the control API shows it. */
export interface ControlMessage {
  readonly MessageID: string;
  readonly JobNum: string;
  readonly Status: string;
  readonly Reference: string;
  readonly Test: boolean;
  readonly CreatedAt: string;
  readonly Recipients: readonly ControlRecipient[];
}

/** Answer of `GET /_sandbox/messages`, oldest first. */
export interface ControlMessagesResponse {
  readonly Result: "Success";
  readonly Messages: readonly ControlMessage[];
}

/** One attempt to post a webhook. */
export interface ControlAttempt {
  readonly At: string;
  /** The receiver's HTTP status, when it answered. */
  readonly Status?: number;
  /** Why the attempt got no answer. */
  readonly Error?: string;
}

/** One webhook (never its body, which carries the token as `APIKey`). */
export interface ControlDelivery {
  readonly ID: string;
  readonly URL: string;
  readonly Format: "JSON" | "XML";
  /** `SMS`, `SMSReply` or `SMSInbound`. */
  readonly Type: string;
  readonly MessageID: string;
  readonly Destination: string;
  readonly State: "pending" | "delivered" | "dropped";
  readonly CreatedAt: string;
  /** When the next attempt is due, while `pending`. */
  readonly NextAttemptAt?: string;
  readonly Attempts: readonly ControlAttempt[];
}

/** Answer of `GET /_sandbox/deliveries`, oldest first. */
export interface ControlDeliveriesResponse {
  readonly Result: "Success";
  readonly Deliveries: readonly ControlDelivery[];
}

/** One request the sandbox answered (the token never appears). */
export interface ControlRequest {
  readonly At: string;
  readonly Method: string;
  /** Path and query, the token replaced by `[token]`. */
  readonly Path: string;
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
  readonly Result: "Success";
  readonly Requests: readonly ControlRequest[];
}

/** Answer of `POST /_sandbox/reset`. */
export interface ControlResetResponse {
  readonly Result: "Success";
}
