// One webhook receiver process for the exactly-once run (exactly-once.test.ts): the webhook
// handler on node:http with its dedupe store on a shared Redis. It prints `listening <port>`,
// then `handled <MessageID>` for each callback that completes. On SIGTERM it stops as a
// receiver going down mid-run: callbacks not yet done are abandoned and their claims released,
// so the service's retries of those events are handled by another receiver.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { toNodeListener } from "@bestsms/node";
import { createWebhookHandler, type DedupeStore, webhookEventKey } from "@bestsms/webhooks";
import { createRedisDedupeStore } from "@bestsms/webhooks/redis";
import { createClient } from "redis";

const [redisUrl = "", token = "", hangAfterArg = ""] = process.argv.slice(2);
// After this many events, callbacks stop making progress (a wedged receiver) until the stop:
// so a stop always finds claims whose callback never completed.
const hangAfter = hangAfterArg ? Number(hangAfterArg) : Number.POSITIVE_INFINITY;
let completed = 0;
const wedged: (() => void)[] = [];
const redis = createClient({ url: redisUrl });
await redis.connect();
const shared = createRedisDedupeStore(redis, { prefix: "exactly-once:" });

// Claims whose callback has not completed: what a stop must give back.
const unfinished = new Set<string>();
// Claims sent to Redis and not yet answered: a stop waits for them, then releases the won ones.
const claiming = new Set<Promise<unknown>>();
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
  // Some work, so that callbacks are under way when the receiver is stopped.
  await new Promise((resolve) => setTimeout(resolve, Math.random() * 4));
  if (completed >= hangAfter) await new Promise<void>((resolve) => wedged.push(resolve));
  // From here on synchronous: a stop comes either before (abandoned) or after (handled).
  if (stopping) throw new Error("stopped before the work was done");
  unfinished.delete(key);
  completed++;
  process.stdout.write(`handled ${payload.MessageID}\n`);
};

const handler = createWebhookHandler({
  token,
  dedupe: { store },
  onStatus: ({ payload }) => handle(payload),
  onReceived: ({ payload }) => handle(payload),
  onError: () => {},
});

const server = createServer(toNodeListener(handler));
server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`listening ${(server.address() as AddressInfo).port}\n`);
});

process.on("SIGTERM", async () => {
  stopping = true;
  for (const wake of wedged.splice(0)) wake();
  await Promise.allSettled([...claiming]);
  await Promise.all([...unfinished].map((key) => shared.release(key)));
  process.exit(0);
});
