/**
 * XML webhooks: pass `xmlParser` as the `xml` option of `createWebhookHandler` (or
 * `parseWebhook`). A separate entry point, so JSON-only receivers carry no XML parser.
 */
export { xmlParser } from "@bestsms/webhooks/xml";
