/**
 * Reads an XML webhook into name/value pairs, one per child of the root element. Pass
 * `xmlParser` from `@bestsms/webhooks/xml`; it is a separate entry so JSON-only receivers never
 * load an XML parser. It throws {@link WebhookParseError} for bodies it refuses.
 */
export type WebhookXmlParser = (xml: string) => Array<readonly [name: string, value: string]>;
