// Per-request overhead of the client over a bare fetch, beside plain openapi-fetch, with a
// stubbed fetch (no network): what each layer adds on top of `fetch` + `response.json()`; then
// both again with one middleware registered (a request counter and a response-status read, in
// each library's own middleware shape).

import type { paths } from "@bestsms/client";
import { BestSMS } from "@bestsms/client";
import createClient from "openapi-fetch";
import { median, report } from "./results.js";

const body = JSON.stringify({ Result: "Success", MessageID: "ID123456", ErrorMessage: [] });
const headers = { "content-type": "application/json" };
const stubFetch = async (_input: RequestInfo | URL, _init?: RequestInit): Promise<Response> =>
  new Response(body, { status: 200, headers });
const baseUrl = "https://api.bestsms.au/api/v2.04";

const input = {
  MessageID: "ID123456",
  Reference: "Test",
  MessageText: "Test SMS",
  Recipients: ["+61421111111", "+61422222222"],
};
const wireBody = {
  MessageData: {
    MessageID: "ID123456",
    Reference: "Test",
    Message: "Test SMS",
    Destinations: [{ Recipient: "+61421111111" }, { Recipient: "+61422222222" }],
  },
};

const ours = new BestSMS({ authToken: "token", baseUrl, fetch: stubFetch });
const raw = createClient<paths>({
  baseUrl,
  fetch: stubFetch as (request: Request) => Promise<Response>,
  headers: { Authorization: "Basic token" },
});

let seen = 0;
const oursWithMiddleware = new BestSMS({ authToken: "token", baseUrl, fetch: stubFetch });
oursWithMiddleware.use({
  onRequest: () => {
    seen++;
  },
  onResponse: ({ response }) => {
    seen += response.status;
  },
});
const rawWithMiddleware = createClient<paths>({
  baseUrl,
  fetch: stubFetch as (request: Request) => Promise<Response>,
  headers: { Authorization: "Basic token" },
});
rawWithMiddleware.use({
  onRequest: () => {
    seen++;
  },
  onResponse: ({ response }) => {
    seen += response.status;
  },
});

const contenders: Record<string, () => Promise<unknown>> = {
  "bare fetch": async () => {
    const response = await stubFetch(`${baseUrl}/send/sms`, {
      method: "POST",
      headers: { Authorization: "Basic token", "Content-Type": "application/json" },
      body: JSON.stringify(wireBody),
    });
    return response.json();
  },
  "openapi-fetch": () => raw.POST("/send/sms", { body: wireBody }),
  "@bestsms/client": () => ours.messaging.sms.sendMessage(input),
  "openapi-fetch + middleware": () => rawWithMiddleware.POST("/send/sms", { body: wireBody }),
  "@bestsms/client + middleware": () => oursWithMiddleware.messaging.sms.sendMessage(input),
};

async function timeOne(fn: () => Promise<unknown>, iterations: number): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < iterations; i++) await fn();
  return ((performance.now() - started) * 1000) / iterations; // µs per call
}

// Each round times every contender (in alternating order) and takes each one's overhead over
// bare fetch in that same round; the figures are the medians of those per-round overheads, so a
// slow round (another process, a GC) moves every contender of it alike and cancels out.
const iterations = 3_000;
const rounds = 15;
for (const fn of Object.values(contenders)) await timeOne(fn, 2_000); // warm up
const overheads: Record<string, number[]> = {};
const bareSamples: number[] = [];
for (let round = 0; round < rounds; round++) {
  const names = Object.keys(contenders);
  if (round % 2 === 1) names.reverse();
  const times: Record<string, number> = {};
  for (const name of names) {
    times[name] = await timeOne(contenders[name] as () => Promise<unknown>, iterations);
  }
  const bareTime = times["bare fetch"] as number;
  bareSamples.push(bareTime);
  for (const name of names) {
    overheads[name] ??= [];
    overheads[name].push((times[name] as number) - bareTime);
  }
}
const bare = median(bareSamples);
const oaf = median(overheads["openapi-fetch"] ?? []);
const mine = median(overheads["@bestsms/client"] ?? []);
const oafMw = median(overheads["openapi-fetch + middleware"] ?? []);
const mineMw = median(overheads["@bestsms/client + middleware"] ?? []);
console.log(
  `client: send one SMS with a stubbed fetch, median of ${rounds} rounds x ${iterations} (overheads paired by round)`,
);
console.log(`  bare fetch + json      ${bare.toFixed(2)} µs/call (baseline)`);
console.log(`  openapi-fetch          +${oaf.toFixed(2)} µs over bare`);
console.log(
  `  @bestsms/client        +${mine.toFixed(2)} µs over bare (validation, names, retries, timeout)`,
);
console.log(
  `  ratio client/openapi-fetch overhead: ${(mine / oaf).toFixed(2)}x; budget: openapi-fetch + 2 µs`,
);
console.log(
  `  with one middleware: openapi-fetch +${oafMw.toFixed(2)} µs, @bestsms/client +${mineMw.toFixed(2)} µs`,
);
if (seen === 0) throw new Error("client: the middleware never ran");
report({
  benchmark: "`client`: one send, stubbed fetch",
  figure: `+${mine.toFixed(2)} µs over bare fetch`,
  baseline: `openapi-fetch +${oaf.toFixed(2)} µs`,
  ratio: `${(mine / oaf).toFixed(2)}× of openapi-fetch's overhead`,
  goal: "≤ openapi-fetch + 2 µs",
});
report({
  benchmark: "`client`: one send, stubbed fetch, one middleware registered",
  figure: `+${mineMw.toFixed(2)} µs over bare fetch`,
  baseline: `openapi-fetch with the same middleware +${oafMw.toFixed(2)} µs`,
  ratio: `${(mineMw / oafMw).toFixed(2)}× of openapi-fetch's overhead`,
  goal: "≤ openapi-fetch + 2 µs",
});
// The goal, paired too: the client against openapi-fetch in the same round.
const gap = (a: string, b: string): number =>
  median((overheads[a] ?? []).map((v, i) => v - ((overheads[b] ?? [])[i] as number)));
const gapPlain = gap("@bestsms/client", "openapi-fetch");
const gapMiddleware = gap("@bestsms/client + middleware", "openapi-fetch + middleware");
console.log(
  `  paired, client minus openapi-fetch: ${gapPlain.toFixed(2)} µs, with middleware ${gapMiddleware.toFixed(2)} µs (goal ≤ 2)`,
);
if (gapPlain > 2 || gapMiddleware > 2) {
  console.error("client: overhead over budget");
  process.exitCode = 1;
}
