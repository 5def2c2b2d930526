// One webhook receiver process for the exactly-once run (exactly-once-kv.test.ts), in Deno:
// serveWebhooks with its dedupe store on a Deno KV file shared by every receiver. Prints
// `listening <port>`, then `handled <MessageID>` for each callback that completes. With a third
// argument N it wedges after N events (callbacks stop making progress); on SIGTERM it stops as
// a receiver going down: callbacks not yet done are abandoned and their claims released.
import type { DedupeStore } from "@bestsms/webhooks";
// @ts-types="../../dist/index.d.ts"
import {
  createDenoKvDedupeStore,
  type DenoKv,
  serveWebhooks,
  webhookEventKey,
} from "../../dist/index.js";

// The Deno APIs used here, typed so that Node's tsc can check this file too.
interface DenoReceiverApi {
  args: string[];
  openKv(path: string): Promise<DenoKv>;
  addSignalListener(signal: "SIGTERM", handler: () => void): void;
  stdout: { writeSync(bytes: Uint8Array): number };
  exit(code: number): never;
}
const deno = (globalThis as unknown as { Deno: DenoReceiverApi }).Deno;
const encoder = new TextEncoder();
const print = (line: string) => {
  const bytes = encoder.encode(`${line}\n`);
  let written = 0;
  while (written < bytes.length) written += deno.stdout.writeSync(bytes.subarray(written));
};

const [kvPath = "", token = "", hangAfterArg = ""] = deno.args;
const hangAfter = hangAfterArg ? Number(hangAfterArg) : Number.POSITIVE_INFINITY;
const shared = createDenoKvDedupeStore(await deno.openKv(kvPath), {
  prefix: ["exactly-once"],
});

const unfinished = new Set<string>();
const claiming = new Set<Promise<unknown>>();
const wedged: (() => void)[] = [];
let completed = 0;
let stopping = false;
const store: DedupeStore = {
  async claim(key, ttlMs) {
    if (stopping) throw new Error("stopping");
    const claim = Promise.resolve(shared.claim(key, ttlMs)).then((won) => {
      if (won) unfinished.add(key);
      return won;
    });
    claiming.add(claim);
    try {
      return await claim;
    } finally {
      claiming.delete(claim);
    }
  },
  async release(key) {
    unfinished.delete(key);
    await shared.release(key);
  },
};

const handle = async (payload: { MessageID?: string | undefined }) => {
  const key = await webhookEventKey(payload);
  await new Promise((resolve) => setTimeout(resolve, Math.random() * 4));
  if (completed >= hangAfter) await new Promise<void>((resolve) => wedged.push(resolve));
  // From here on synchronous: a stop comes either before (abandoned) or after (handled).
  if (stopping) throw new Error("stopped before the work was done");
  unfinished.delete(key);
  completed++;
  print(`handled ${payload.MessageID}`);
};

serveWebhooks({
  port: 0,
  hostname: "127.0.0.1",
  onListen: ({ port }) => print(`listening ${port}`),
  token,
  dedupe: { store },
  onStatus: ({ payload }) => handle(payload),
  onReceived: ({ payload }) => handle(payload),
  onError: () => {},
});

deno.addSignalListener("SIGTERM", async () => {
  stopping = true;
  for (const wake of wedged.splice(0)) wake();
  await Promise.allSettled([...claiming]);
  await Promise.all([...unfinished].map((key) => shared.release(key)));
  deno.exit(0);
});
