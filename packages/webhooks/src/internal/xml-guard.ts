import { WebhookParseError } from "../webhook-parse-error.js";

/**
 * Tags allowed in one webhook: the payload is about 25 elements, and the cap bounds the XML
 * parser's work on hostile bodies.
 */
export const MAX_XML_MARKUP = 1024;
/** Characters allowed in one tag: fields carry no attributes, and the cap bounds the same work. */
export const MAX_XML_TAG = 1024;

/**
 * Refuses any DOCTYPE or ENTITY declaration, so no entity is ever defined, let alone expanded.
 * It looks everywhere, CDATA included: simpler to trust, and no real payload carries one.
 */
export function refuseDoctype(text: string): void {
  if (/<!(?:doctype|entity)/i.test(text)) throw new WebhookParseError("xml_doctype");
}

/**
 * Refuses declarations, unclosed CDATA and bodies with too much markup, in one scan before the
 * XML parser runs. CDATA content is skipped: its `<` is text. Each tag is measured to its first
 * `>`, at most MAX_XML_TAG away, so the scan is linear.
 */
export function guardXml(text: string): void {
  refuseDoctype(text);
  let markup = 0;
  let at = text.indexOf("<");
  while (at !== -1) {
    if (text.startsWith("<![CDATA[", at)) {
      const end = text.indexOf("]]>", at + 9);
      if (end === -1) throw new WebhookParseError("invalid_xml");
      at = text.indexOf("<", end + 3);
      continue;
    }
    const end = text.indexOf(">", at);
    if (end === -1) throw new WebhookParseError("invalid_xml");
    if (++markup > MAX_XML_MARKUP || end - at > MAX_XML_TAG) {
      throw new WebhookParseError("xml_too_complex");
    }
    at = text.indexOf("<", at + 1);
  }
}
