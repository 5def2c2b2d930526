/**
 * Why {@link parseWebhook} refused a body. The handler answers 413 for `too_large`, 415 for
 * `unsupported_content_type` and 400 for the rest.
 */
export type WebhookParseErrorReason =
  | "invalid_body"
  | "unsupported_content_type"
  | "too_large"
  | "empty_body"
  | "invalid_utf8"
  | "invalid_json"
  | "invalid_xml"
  | "xml_doctype"
  | "xml_too_deep"
  | "xml_too_complex"
  | "invalid_root"
  | "invalid_field"
  | "missing_type"
  | "unknown_type";

/**
 * The only error {@link parseWebhook} throws. Its message names the reason and never quotes the
 * body, so it is safe to log.
 *
 * @example
 * try {
 *   parseWebhook(body, { contentType });
 * } catch (error) {
 *   if (error instanceof WebhookParseError) console.warn(error.reason);
 * }
 */
export class WebhookParseError extends Error {
  /** Always `"WebhookParseError"`, so logs and `error.name` checks tell it from other errors. */
  override name: string = "WebhookParseError";
  /** Which check the body failed. */
  readonly reason: WebhookParseErrorReason;

  constructor(reason: WebhookParseErrorReason) {
    super(`Webhook rejected: ${reason}`);
    this.reason = reason;
  }
}
