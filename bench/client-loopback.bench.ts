// Per-request overhead of the client over a bare fetch on loopback: the same send to the
// sandbox (in-process server on 127.0.0.1), one request at a time, alternating, in one run.
import { BestSMS } from "@bestsms/client";
import { startSandbox } from "@bestsms/sandbox";
import { median, report } from "./results.js";

const sandbox = await startSandbox({ authToken: "bench-token", deliveryDelayMs: 60_000 });
const client = new BestSMS({ authToken: sandbox.authToken, baseUrl: sandbox.url });
const input = { MessageText: "Hi", Recipients: ["+61421111111", "+61422222222"] };
let n = 0;
const contenders: Record<string, () => Promise<unknown>> = {
  "bare fetch": async () => {
    const response = await fetch(`${sandbox.url}/send/sms`, {
      method: "POST",
      headers: { authorization: "Basic bench-token", "content-type": "application/json" },
      body: JSON.stringify({
        MessageData: {
          MessageID: `bare-${n++}`,
          Message: "Hi",
          Destinations: [{ Recipient: "+61421111111" }, { Recipient: "+61422222222" }],
        },
      }),
    });
    return response.json();
  },
  "@bestsms/client": () => client.messaging.sms.sendMessage(input),
};

async function perCall(fn: () => Promise<unknown>, iterations: number): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < iterations; i++) await fn();
  return ((performance.now() - started) * 1000) / iterations;
}
try {
  for (const fn of Object.values(contenders)) await perCall(fn, 300);
  const samples: Record<string, number[]> = {};
  for (let round = 0; round < 6; round++) {
    const names = Object.keys(contenders);
    if (round % 2 === 1) names.reverse();
    for (const name of names) {
      samples[name] ??= [];
      samples[name].push(await perCall(contenders[name] as () => Promise<unknown>, 500));
    }
  }
  const bare = median(samples["bare fetch"] ?? []);
  const ours = median(samples["@bestsms/client"] ?? []);
  console.log("client on loopback: send to the sandbox, one at a time, median of 6 rounds x 500");
  console.log(`  bare fetch        ${bare.toFixed(0)} µs/call (baseline)`);
  console.log(
    `  @bestsms/client   ${ours.toFixed(0)} µs/call (+${(ours - bare).toFixed(0)} µs, ${(ours / bare).toFixed(2)}x)`,
  );
  report({
    benchmark: "`client-loopback`: one send to the sandbox on 127.0.0.1",
    figure: `${ours.toFixed(0)} µs/call`,
    baseline: `bare fetch ${bare.toFixed(0)} µs/call`,
    ratio: `${(ours / bare).toFixed(2)}× (+${(ours - bare).toFixed(0)} µs)`,
    goal: "—",
  });
} finally {
  await sandbox.close();
}
