import type { WebhookFormat } from "../parsed-webhook.js";

/**
 * The format a Content-Type announces: `undefined` when it names none we take (XML only counts
 * when an XML parser was given), `null` when the header is absent or blank (the body is then
 * sniffed).
 */
export function formatOf(
  contentType: string | null | undefined,
  xml: unknown,
): WebhookFormat | null | undefined {
  if (!contentType?.trim()) return null;
  const value = contentType.toLowerCase();
  // Bodies are always decoded as UTF-8, so another declared charset would be misread.
  if (/;\s*charset\s*=(?!\s*"?utf-?8"?\s*(;|$))/.test(value)) return undefined;
  const [, text, type] =
    /^\s*(?:application\/(?:[\w.-]+\+)?|(text\/))(json|xml)\s*(?:;|$)/.exec(value) ?? [];
  return type === "json" ? (text ? undefined : "json") : type && xml ? "xml" : undefined;
}

/** Sniffs an unlabelled body: markup is XML, anything else is tried as JSON. */
export function sniffFormat(text: string): WebhookFormat {
  return text.trimStart()[0] === "<" ? "xml" : "json";
}
