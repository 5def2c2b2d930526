import { XMLParser, XMLValidator } from "fast-xml-parser";
import { WebhookParseError } from "../webhook-parse-error.js";
import { DROPPED_KEYS } from "./fields.js";
import { guardXml } from "./xml-guard.js";

// Not a valid XML name, so no element can be called this; stands for a dropped name.
const DROPPED = "#dropped";
const CDATA = "#cdata";
const TEXT = "#text";
const ATTRIBUTES = ":@";

let parser: XMLParser | undefined;

function getParser(): XMLParser {
  parser ??= new XMLParser({
    preserveOrder: true, // keeps text and CDATA apart and in order, and shows repeated fields
    ignoreAttributes: true,
    processEntities: false, // the five predefined entities are decoded below, nothing else
    htmlEntities: false,
    parseTagValue: false,
    trimValues: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    cdataPropName: CDATA,
    // Each field's content is taken raw and read below: much faster on long text, and nesting
    // inside a field is then plain to see.
    stopNodes: ["*.*"],
    maxNestedTags: 3, // unreachable past the stop nodes; a bound all the same
    transformTagName: (name) => (DROPPED_KEYS.has(name) ? DROPPED : name),
    // Names are copied into a fresh object later, so they need no renaming here.
    onDangerousProperty: (name) => name,
  });
  return parser;
}

/**
 * The fields of an XML webhook: a root element whose children each hold text only. The root's
 * name is not checked (the service does not publish it); attributes, comments and processing
 * instructions are ignored; CDATA is taken literally.
 */
export function xmlFields(xml: string): Array<readonly [string, string]> {
  guardXml(xml);
  if (XMLValidator.validate(xml) !== true) throw new WebhookParseError("invalid_xml");
  let document: unknown;
  try {
    document = getParser().parse(xml);
  } catch (error) {
    const deep = error instanceof Error && /nested/i.test(error.message);
    throw new WebhookParseError(deep ? "xml_too_deep" : "invalid_xml");
  }
  const roots = nodes(document).filter(([name, content]) => !skippable(name, content));
  const root = roots[0];
  if (roots.length !== 1 || root === undefined || isTextNode(root[0])) {
    throw new WebhookParseError("invalid_xml");
  }
  const fields: Array<readonly [string, string]> = [];
  for (const [name, content] of nodes(root[1])) {
    if (skippable(name, content)) continue;
    if (isTextNode(name)) throw new WebhookParseError("invalid_xml"); // text beside the fields
    const value = fieldValue(content);
    if (name !== DROPPED) fields.push([name, value]);
  }
  return fields;
}

/** The text of a field, from its raw content: text, CDATA, comments; an element is too deep. */
function fieldValue(content: unknown): string {
  const raw = nodes(content)
    .map(([, text]) => String(text))
    .join("");
  let value = "";
  let at = 0;
  for (;;) {
    const markup = raw.indexOf("<", at);
    value += decodeText(raw.slice(at, markup === -1 ? undefined : markup));
    if (markup === -1) return value;
    const [open, close] = raw.startsWith("<![CDATA[", markup)
      ? ["<![CDATA[", "]]>"]
      : raw.startsWith("<!--", markup)
        ? ["<!--", "-->"]
        : raw.startsWith("<?", markup)
          ? ["<?", "?>"]
          : [];
    if (!open || !close) throw new WebhookParseError("xml_too_deep");
    const end = raw.indexOf(close, markup + open.length);
    if (end === -1) throw new WebhookParseError("invalid_xml");
    if (open === "<![CDATA[") value += raw.slice(markup + open.length, end);
    at = end + close.length;
  }
}

/** `[name, content]` of each node in a preserve-order list. */
function nodes(list: unknown): Array<[string, unknown]> {
  if (!Array.isArray(list)) throw new WebhookParseError("invalid_xml");
  return list.map((node: unknown) => {
    if (typeof node !== "object" || node === null) throw new WebhookParseError("invalid_xml");
    const name = Object.keys(node).find((key) => key !== ATTRIBUTES);
    if (name === undefined) throw new WebhookParseError("invalid_xml");
    return [name, (node as Record<string, unknown>)[name]];
  });
}

function isTextNode(name: string): boolean {
  return name === TEXT || name === CDATA;
}

/** Whitespace between elements, and processing instructions the parser still lists. */
function skippable(name: string, content: unknown): boolean {
  return (name === TEXT && String(content).trim() === "") || name.startsWith("?");
}

const REFERENCE = /&(?:#x([0-9a-fA-F]{1,6})|#([0-9]{1,7})|(lt|gt|amp|quot|apos));|&/g;

/** Decodes the five predefined entities and character references; any other `&` is malformed. */
function decodeText(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(
    REFERENCE,
    (_match, hex: string | undefined, decimal: string | undefined, name: string | undefined) => {
      if (name !== undefined) return predefined(name);
      const code = hex !== undefined ? Number.parseInt(hex, 16) : Number(decimal ?? Number.NaN);
      if (!isXmlChar(code)) throw new WebhookParseError("invalid_xml");
      return String.fromCodePoint(code);
    },
  );
}

function predefined(name: string): string {
  switch (name) {
    case "lt":
      return "<";
    case "gt":
      return ">";
    case "amp":
      return "&";
    case "quot":
      return '"';
    default:
      return "'";
  }
}

/** Whether XML 1.0 allows the code point `code` in a document (its production `Char`). */
export function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}
