// One webhook receiver process for the exactly-once run (exactly-once-redis.test.ts): the webhook
// handler on node:http with its dedupe store on a shared Redis. It prints `listening <port>`,
// then `handled <MessageID>` for each callback that completes. The run kills one receiver with
// SIGKILL, a crash: nothing is released on the way down. Its unfinished claims are leases
// (`leaseMs`, confirmed for the whole window only once a callback completes), so they end and
// the service's retries of those events are handled by another receiver.
//
// The crash is aimed at unfinished callbacks: on SIGUSR2 the receiver wedges (no callback
// completes from then on) and prints `wedged` once every completed callback is confirmed; only
// then is it killed. A crash in the one window no store can close (a callback completed, its
// confirm not yet written) would have that event handled again on retry: see
// docs/RELIABILITY.md.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { toNodeListener } from "@bestsms/node";
import { createWebhookHandler } from "@bestsms/webhooks";
import { createRedisDedupeStore } from "@bestsms/webhooks/redis";
import { createClient } from "redis";

const [redisUrl = "", token = "", leaseArg = "", hangAfterArg = ""] = process.argv.slice(2);
// After this many events, callbacks stop making progress (a wedged receiver) until it is
// killed: so a crash always finds claims whose callback never completed.
const hangAfter = hangAfterArg ? Number(hangAfterArg) : Number.POSITIVE_INFINITY;
let completed = 0;
const redis = createClient({ url: redisUrl });
await redis.connect();
const shared = createRedisDedupeStore(redis, { prefix: "exactly-once:" });
// Callbacks completed whose confirm is not written yet.
let unconfirmed = 0;
let wedged = false;
// Set once callbacks stop completing by themselves (after `hangAfter` events); the run kills
// this receiver only after that, so the crash always finds claims of unfinished callbacks.
let hung = false;
const printWedgedOnceRecorded = () => {
  if (wedged && unconfirmed === 0) process.stdout.write("wedged\n");
};
const store: typeof shared = {
  ...shared,
  async confirm(key, ttlMs) {
    try {
      await shared.confirm?.(key, ttlMs);
    } finally {
      unconfirmed--;
      printWedgedOnceRecorded();
    }
  },
};

const handle = async (payload: { MessageID?: string | undefined }) => {
  // Some work, so that callbacks are under way when the receiver is killed.
  await new Promise((resolve) => setTimeout(resolve, Math.random() * 4));
  if (completed >= hangAfter && !hung) {
    hung = true;
    process.stdout.write("hung\n");
  }
  if (wedged || hung) await new Promise<void>(() => {});
  completed++;
  unconfirmed++;
  process.stdout.write(`handled ${payload.MessageID}\n`);
};

const handler = createWebhookHandler({
  token,
  dedupe: { store, leaseMs: Number(leaseArg) },
  onStatus: ({ payload }) => handle(payload),
  onReceived: ({ payload }) => handle(payload),
  onError: () => {},
});

const server = createServer(toNodeListener(handler));
server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`listening ${(server.address() as AddressInfo).port}\n`);
});

process.on("SIGUSR2", () => {
  wedged = true;
  printWedgedOnceRecorded();
});

process.on("SIGTERM", () => {
  server.close();
  void redis.quit().finally(() => process.exit(0));
});
