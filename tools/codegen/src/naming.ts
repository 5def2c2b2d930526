// Names the generated code uses, derived from the spec's names. Every output takes its names
// from here, so a type, function or validator is called the same wherever it is referred to.

/** `addressbook.groupContact.list` → `AddressbookGroupContactList` */
export function typeBaseName(id: string): string {
  return id
    .split(".")
    .map((part) => upperFirst(part))
    .join("");
}

/** `addressbook.groupContact.list` → `addressbookGroupContactList` */
export function camelName(id: string): string {
  return lowerFirst(typeBaseName(id));
}

/** `statusUpdate` → `StatusUpdate` */
export function upperFirst(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** `SendMessageRequest` → `sendMessageRequest` */
export function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A property name as an object key: bare when it is an identifier, quoted otherwise. */
export function propertyKey(name: string): string {
  return IDENTIFIER.test(name) ? name : JSON.stringify(name);
}

/**
 * The union of every operationId. The client's operation table and the sandbox's routes each
 * declare it (the sandbox does not depend on the client), from this one text.
 */
export function operationIdUnion(ids: readonly string[]): string {
  return `/** Every operationId of the API. */\nexport type OperationId =\n${ids.map((id) => `  | ${JSON.stringify(id)}`).join("\n")};`;
}

/** The type of a webhook payload with no component schema: `statusUpdate` → `StatusUpdateWebhook` */
export function webhookTypeName(name: string): string {
  return `${upperFirst(name)}Webhook`;
}
