import { xmlFields } from "./internal/xml-fields.js";
import type { WebhookXmlParser } from "./webhook-xml-parser.js";

/**
 * XML support for `parseWebhook` and `createWebhookHandler`, in its own entry so the
 * XML parser is only bundled by receivers that take XML. Refuses DOCTYPE and ENTITY
 * declarations, decodes only the five predefined entities and character references, and takes
 * a root element whose children each hold text.
 *
 * @example
 * import { createWebhookHandler } from "@bestsms/webhooks";
 * import { xmlParser } from "@bestsms/webhooks/xml";
 *
 * const handler = createWebhookHandler({ token, xml: xmlParser, onStatus, onReceived });
 */
export const xmlParser: WebhookXmlParser = xmlFields;
