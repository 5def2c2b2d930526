// Webhook receiving cost: parseWebhook + verifyWebhook on a status report, JSON and XML, against
// a bare JSON.parse and a bare fast-xml-parser parse of the same body, in the same run; and what
// a hostile body costs the handler against a valid request (a figure here, not a test bound).
import { createWebhookHandler, parseWebhook, verifyWebhook } from "@bestsms/webhooks";
import { xmlParser } from "@bestsms/webhooks/xml";
import { XMLParser } from "fast-xml-parser";
import { statusPayload, toXml } from "../packages/webhooks/test/helpers/requests.js";
import { grouped, median, report } from "./results.js";

const token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJleGFtcGxlIn0.adQssw5c";
// The webhooks tests' status report, with the fields it leaves out added.
const fields = statusPayload({
  APIKey: token,
  Sender: "sender@example.com",
  SubAccount: "SubAccount01",
  Department: "Department01",
  SentTimeLocal: "2018-10-16 13:43:00",
  "SentTimeUTC-ISO8601": "2018-10-16T02:43:00Z",
  URL: "https://www.example.com/webhook",
});
const json = JSON.stringify(fields);
const xml = toXml(fields);
const headers = new Headers({ authorization: `Basic ${token}` });
const bareXml = new XMLParser({ processEntities: false });
const noop = (): void => {};
const handler = createWebhookHandler({ token, xml: xmlParser, onStatus: noop, onReceived: noop });
const post = (body: string, contentType: string): Promise<Response> =>
  handler(
    new Request("https://receiver.example/bestsms", {
      method: "POST",
      headers: { "content-type": contentType, authorization: `Basic ${token}` },
      body,
    }),
  );
const deepJson = `${"[".repeat(100_000)}${"]".repeat(100_000)}`;
const deepXml = `${"<a>".repeat(30_000)}${"</a>".repeat(30_000)}`;

const contenders: Record<string, () => unknown> = {
  "bare JSON.parse": () => JSON.parse(json),
  "parseWebhook JSON": () => parseWebhook(json, { contentType: "application/json" }),
  "parseWebhook JSON + verify": async () => {
    const parsed = parseWebhook(json, { contentType: "application/json" });
    return verifyWebhook({ headers, payload: parsed.payload }, { token });
  },
  "bare fast-xml-parser": () => bareXml.parse(xml),
  "parseWebhook XML": () => parseWebhook(xml, { contentType: "application/xml", xml: xmlParser }),
  "parseWebhook XML + verify": async () => {
    const parsed = parseWebhook(xml, { contentType: "application/xml", xml: xmlParser });
    return verifyWebhook({ headers, payload: parsed.payload }, { token });
  },
  "handler valid JSON": () => post(json, "application/json"),
  "handler JSON 100,000 deep": () => post(deepJson, "application/json"),
  "handler XML 30,000 deep": () => post(deepXml, "application/xml"),
};

async function opsPerSecond(fn: () => unknown, ms: number): Promise<number> {
  let n = 0;
  const end = performance.now() + ms;
  while (performance.now() < end) {
    for (let i = 0; i < 100; i++) {
      const result = fn();
      if (result instanceof Promise) await result;
    }
    n += 100;
  }
  return (n * 1000) / ms;
}

for (const fn of Object.values(contenders)) await opsPerSecond(fn, 200);
const samples: Record<string, number[]> = {};
for (let round = 0; round < 5; round++) {
  const names = Object.keys(contenders);
  if (round % 2 === 1) names.reverse();
  for (const name of names) {
    samples[name] ??= [];
    samples[name].push(await opsPerSecond(contenders[name] as () => unknown, 400));
  }
}
const m = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]));
console.log("webhooks: one status report, median of 5 rounds of 400 ms");
for (const [name, value] of Object.entries(m))
  console.log(`  ${name.padEnd(28)} ${Math.round(value)} ops/s`);
const ratio = (a: string, b: string): string => ((m[a] ?? 0) / (m[b] ?? 1)).toFixed(2);
console.log(
  `  JSON parse alone: ${ratio("parseWebhook JSON", "bare JSON.parse")}x of bare JSON.parse`,
);
console.log(
  `  JSON parse + verify: ${ratio("parseWebhook JSON + verify", "bare JSON.parse")}x (constant-time compare of the token's bytes)`,
);
console.log(
  `  XML parse alone: ${ratio("parseWebhook XML", "bare fast-xml-parser")}x of a bare fast-xml-parser parse`,
);
console.log(`  XML parse + verify: ${ratio("parseWebhook XML + verify", "bare fast-xml-parser")}x`);
for (const hostile of ["handler JSON 100,000 deep", "handler XML 30,000 deep"])
  console.log(`  ${hostile}: ${ratio(hostile, "handler valid JSON")}x of a valid request`);
const row = (benchmark: string, name: string, base: string, baseLabel: string): void =>
  report({
    benchmark,
    figure: `${grouped(m[name] ?? 0)} ops/s`,
    baseline: `${baseLabel} ${grouped(m[base] ?? 0)}`,
    ratio: `${ratio(name, base)}×`,
    goal: "—",
  });
row(
  "`webhooks`: parse a JSON status report",
  "parseWebhook JSON",
  "bare JSON.parse",
  "bare `JSON.parse`",
);
row(
  "`webhooks`: parse + verify (constant-time token compare)",
  "parseWebhook JSON + verify",
  "bare JSON.parse",
  "bare `JSON.parse`",
);
row(
  "`webhooks`: parse an XML status report",
  "parseWebhook XML",
  "bare fast-xml-parser",
  "bare fast-xml-parser",
);
row(
  "`webhooks`: handler, JSON nested 100,000 deep (400)",
  "handler JSON 100,000 deep",
  "handler valid JSON",
  "handler, valid request",
);
row(
  "`webhooks`: handler, XML nested 30,000 deep (400)",
  "handler XML 30,000 deep",
  "handler valid JSON",
  "handler, valid request",
);
