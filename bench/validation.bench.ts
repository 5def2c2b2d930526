// Validating a send request to 1,000 destinations: @bestsms/validation against ajv 8 compiled at
// run time from the same spec schema, and against a zod 4 schema written to the same rules, all
// measured in the same run. Goals: at least ajv's speed (1.0x) and 3x zod's.
import { FORMATS, strip } from "@bestsms/codegen/validators";
import { isObject, readDocument } from "@bestsms/spec-model";
import { Ajv } from "ajv";
import { z } from "zod";
import { grouped, median, report } from "./results.js";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const ROUND_MS = Number(process.env.BENCH_MS ?? 1000);
const WARMUP_MS = 300;
const RECIPIENTS = 1000;
/** Goals, and how far below one a run may land before it counts as missed (timer noise). */
const GOALS = { ajv: 1.0, zod: 3.0 };
const NOISE = 0.9;

let validation: typeof import("@bestsms/validation");
try {
  validation = await import("@bestsms/validation");
} catch (error) {
  console.error(
    "validation: @bestsms/validation is not built; run `pnpm --filter @bestsms/validation build` first",
  );
  throw error;
}
const { sendMessageRequest } = validation;

// ------------------------------------------------------------------------------------ the body

function sendBody(): { MessageData: Record<string, unknown> } {
  const destinations: Record<string, string>[] = [];
  for (let i = 0; i < RECIPIENTS; i++) {
    const n = String(i).padStart(4, "0");
    if (i % 10 === 8) destinations.push({ ContactID: `6000000b-f002-4007-b00a-c0000000${n}` });
    else if (i % 10 === 9) destinations.push({ GroupID: `4000000b-f002-4007-b00a-c0000000${n}` });
    else {
      destinations.push({
        Recipient: `+6142100${n}`,
        Attention: `Member ${n}`,
        Company: "Happy Fitness",
        FirstName: "Jess",
        LastName: `Member${n}`,
        Custom1: `M-${n}`,
      });
    }
  }
  return {
    MessageData: {
      MessageID: "renewal-2025-08",
      Reference: "Membership renewal",
      Message:
        "Hi [[FirstName]], your [[Company]] membership [[Custom1]] renewal is due next week. Reply YES to renew.",
      Destinations: destinations,
      SendTime: "2025-08-10 09:00",
      TimeZone: "AUS Eastern",
      FromNumber: "+61421000009",
      SMSEmailReply: "replies@example.com",
      CharacterConversion: true,
      Mode: "Test",
      WebhookCallbackURL: "https://www.example.com/webhook",
      WebhookCallbackFormat: "JSON",
    },
  };
}

const body = sendBody();

/** Broken copies: each breaks one rule, deep in the list where it can. */
function broken(): Array<[what: string, value: unknown]> {
  const withData = (what: string, fields: Record<string, unknown>): [string, unknown] => [
    what,
    { MessageData: { ...body.MessageData, ...fields } },
  ];
  const destinations = body.MessageData.Destinations as Record<string, string>[];
  const replaceAt = (what: string, index: number, destination: unknown): [string, unknown] =>
    withData(what, { Destinations: destinations.map((d, i) => (i === index ? destination : d)) });
  return [
    replaceAt("a national number at 500", 500, { Recipient: "0421000500" }),
    replaceAt("16 digits at 700", 700, { Recipient: "+1234567890123456" }),
    replaceAt("a contact and a group in one at 998", 998, { ContactID: "C1", GroupID: "G1" }),
    replaceAt("an unknown field at 999", 999, { GroupID: "G1", Note: "x" }),
    replaceAt("a merge value that is a number at 3", 3, { Recipient: "+61421000003", Custom2: 2 }),
    withData("no destinations", { Destinations: [] }),
    withData("MessageID of 41", { MessageID: "m".repeat(41) }),
    withData("MessageID with a space", { MessageID: "renewal 2025" }),
    withData("Reference of 81", { Reference: "r".repeat(81) }),
    withData("an http webhook URL", { WebhookCallbackURL: "http://www.example.com/webhook" }),
    withData("Mode test", { Mode: "test" }),
    withData("WebhookCallbackFormat json", { WebhookCallbackFormat: "json" }),
    withData("SMSEmailReply not an email", { SMSEmailReply: "replies" }),
    withData("SendTime day/month/year", { SendTime: "10/08/2025" }),
    withData("a misspelt field", { Refrence: "x" }),
    ["not wrapped in MessageData", body.MessageData],
  ];
}

// ------------------------------------------------------------------- ajv, compiled at run time

function compileAjv(): (data: unknown) => boolean {
  const components = readDocument().components;
  const schemas = isObject(components) && isObject(components.schemas) ? components.schemas : {};
  // The spec's schemas as the generator reads them (annotations stripped), compiled as written.
  const defs = Object.fromEntries(
    Object.entries(schemas).map(([name, schema]) => [name, strip(schema)]),
  );
  const ajv = new Ajv({ allErrors: true, strict: false });
  for (const [name, format] of Object.entries(FORMATS)) ajv.addFormat(name, format);
  ajv.addSchema({ $id: "bestsms", $defs: defs });
  const validate = ajv.getSchema("bestsms#/$defs/SendMessageRequest");
  if (!validate) throw new Error("ajv: SendMessageRequest not found");
  return (data) => validate(data) as boolean;
}

// ------------------------------------------------------------- zod, written to the same rules

function zodSchema() {
  const e164 = z.string().regex(/^\+[1-9][0-9]{6,14}$/);
  const entityId = z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_.-]+$/);
  const localDateTime = z
    .string()
    .regex(
      /^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])[ T]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$/,
    );
  // The same email and URI rules as the spec's formats, so the three agree on every input.
  const email = z.email({
    pattern: /^[^\s@"<>()[\]\\,;:]+@[^\s@"<>()[\]\\,;:]+\.[^\s@"<>()[\]\\,;:]+$/,
  });
  const text = z.string();
  const destination = z.union([
    z.strictObject({
      Recipient: e164,
      Attention: text.optional(),
      Company: text.optional(),
      FirstName: text.optional(),
      LastName: text.optional(),
      Custom1: text.optional(),
      Custom2: text.optional(),
      Custom3: text.optional(),
      Custom4: text.optional(),
      Custom5: text.optional(),
      Custom6: text.optional(),
      Custom7: text.optional(),
      Custom8: text.optional(),
      Custom9: text.optional(),
    }),
    z.strictObject({ ContactID: entityId }),
    z.strictObject({ GroupID: entityId }),
  ]);
  return z.strictObject({
    MessageData: z.strictObject({
      MessageID: z
        .string()
        .min(1)
        .max(40)
        .regex(/^[A-Za-z0-9_-]+$/)
        .optional(),
      Reference: z.string().max(80).optional(),
      Message: z.string().min(1),
      Destinations: z.array(destination).min(1),
      SendTime: localDateTime.optional(),
      TimeZone: text.optional(),
      SubAccount: text.optional(),
      Department: text.optional(),
      ChargeCode: text.optional(),
      FromNumber: e164.optional(),
      SMSEmailReply: email.optional(),
      CharacterConversion: z.boolean().optional(),
      Mode: z.enum(["Test"]).optional(),
      ReportTo: email.optional(),
      WebhookCallbackURL: z
        .string()
        .regex(/^[A-Za-z][A-Za-z0-9+.-]*:[^\s]*$/)
        .regex(/^https:\/\//)
        .optional(),
      WebhookCallbackFormat: z.enum(["JSON", "XML"]).optional(),
    }),
  });
}

// -------------------------------------------------------------------------------- measuring

const ajvValidate = compileAjv();
const zodSend = zodSchema();

const candidates: Array<{ name: string; run: (value: unknown) => boolean }> = [
  { name: "@bestsms/validation .is", run: (v) => sendMessageRequest.is(v) },
  {
    name: "@bestsms/validation .validate",
    run: (v) => sendMessageRequest.validate(v).issues === undefined,
  },
  { name: "ajv 8 (compiled at run time)", run: ajvValidate },
  { name: "zod 4 (safeParse)", run: (v) => zodSend.safeParse(v).success },
];

// They must agree before their speed means anything.
let disagreements = 0;
for (const [what, value] of [["the benchmark body", body] as [string, unknown], ...broken()]) {
  const answers = candidates.map((c) => c.run(value));
  const expected = what === "the benchmark body";
  if (answers.some((a) => a !== expected)) {
    disagreements++;
    console.error(`validation: they disagree on ${what}: ${JSON.stringify(answers)}`);
  }
}
if (disagreements > 0) {
  console.error("validation: the validators disagree; not measuring");
  process.exit(1);
}

function opsPerSecond(run: (value: unknown) => boolean, ms: number): number {
  let ops = 0;
  let valid = 0;
  const start = performance.now();
  const end = start + ms;
  let now = start;
  while (now < end) {
    for (let i = 0; i < 8; i++) if (run(body)) valid++;
    ops += 8;
    now = performance.now();
  }
  if (valid !== ops) throw new Error("a valid body failed validation while measuring");
  return ops / ((now - start) / 1000);
}

for (const c of candidates) opsPerSecond(c.run, WARMUP_MS);
const samples = new Map(candidates.map((c) => [c.name, [] as number[]]));
for (let round = 0; round < ROUNDS; round++) {
  const order = round % 2 === 0 ? candidates : [...candidates].reverse();
  for (const c of order) samples.get(c.name)?.push(opsPerSecond(c.run, ROUND_MS));
}
const ops = new Map([...samples].map(([name, values]) => [name, median(values)]));
const get = (name: string): number => ops.get(name) as number;

const [oursIs, oursValidate, ajv, zod] = candidates.map((c) => get(c.name)) as [
  number,
  number,
  number,
  number,
];
const pad = Math.max(...candidates.map((c) => c.name.length));
console.log(
  `validation: SendMessageRequest with ${RECIPIENTS} destinations (8 in 10 numbers with merge ` +
    `fields, 1 a ContactID, 1 a GroupID); median of ${ROUNDS} rounds of ${ROUND_MS} ms, order ` +
    `alternating; node ${process.version}`,
);
for (const c of candidates) {
  const all = (samples.get(c.name) ?? []).map((v) => v.toFixed(0)).join(", ");
  console.log(`  ${c.name.padEnd(pad)}  ${get(c.name).toFixed(0).padStart(7)} ops/s   (${all})`);
}
const check = (label: string, ratio: number, goal: number): boolean => {
  const floor = goal * NOISE;
  const ok = ratio >= floor;
  const verdict = ratio >= goal ? "met" : ok ? "within noise" : "MISSED";
  console.log(
    `  ${label.padEnd(pad)}  ${ratio.toFixed(2).padStart(7)}x      goal >= ${goal.toFixed(1)}x, ` +
      `fails below ${floor.toFixed(2)}x: ${verdict}`,
  );
  return ok;
};
const results = [
  check("ours (.is) / ajv", oursIs / ajv, GOALS.ajv),
  check("ours (.is) / zod", oursIs / zod, GOALS.zod),
];
console.log(
  `  ${"ours (.validate) / ajv".padEnd(pad)}  ${(oursValidate / ajv).toFixed(2).padStart(7)}x`,
);
console.log(
  `  ${"ours (.validate) / zod".padEnd(pad)}  ${(oursValidate / zod).toFixed(2).padStart(7)}x`,
);
report({
  benchmark: `\`validation\`: send request with ${grouped(RECIPIENTS)} destinations`,
  figure: `${grouped(oursIs)} ops/s`,
  baseline: `ajv at run time ${grouped(ajv)}; zod 4 ${grouped(zod)}`,
  ratio: `${(oursIs / ajv).toFixed(2)}× ajv, ${(oursIs / zod).toFixed(2)}× zod`,
  goal: `≥ ${GOALS.ajv.toFixed(1)}× ajv, ≥ ${GOALS.zod}× zod`,
});
console.log(
  `  (${NOISE}x of a goal is allowed for timer and JIT noise; all four agreed on the body and ` +
    `${broken().length} broken copies first)`,
);
if (results.includes(false)) {
  console.error("validation: a speed goal was missed");
  process.exitCode = 1;
}
