/**
 * Exactly once across three Node receiver processes sharing one Redis: 2,000 deliveries at
 * concurrency 50, 10 % repeats each sent to another receiver, one receiver killed mid-run
 * (wedged, then SIGKILL: it releases nothing) and every delivery that got no 200 made again once the killed
 * receiver's leases have ended. Every event's callback completes exactly once.
 */
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, it } from "vitest";
import { runExactlyOnce } from "../../../packages/webhooks/test/helpers/exactly-once.js";
import { expectExactlyOnce } from "../../../packages/webhooks/test/helpers/exactly-once-expect.js";
import {
  type ReceiverProcess,
  receiverTarget,
  startReceiver,
} from "../../../packages/webhooks/test/helpers/receiver-process.js";
import {
  type RedisServer,
  startRedisServer,
} from "../../../packages/webhooks/test/helpers/redis-server.js";

const TOKEN = "exactly-once-redis-token";
// The lease of an event being handled: the service's retries come 5 minutes apart, the run's
// after LEASE_MS and a margin. It must outlast a callback (a few ms) even on a machine so busy
// that a claim waits seconds for its confirm: a lease that ends first frees its event for a
// repeat.
const LEASE_MS = 4_000;
const receiverScript = fileURLToPath(new URL("./receivers/redis-receiver.ts", import.meta.url));

let redis: RedisServer;
let receivers: ReceiverProcess[] = [];

beforeAll(async () => {
  redis = await startRedisServer();
  receivers = await Promise.all(
    // The last one wedges after 100 events, and is killed while so.
    ["", "", "100"].map((hangAfter) =>
      startReceiver(process.execPath, [
        "--import",
        "tsx",
        receiverScript,
        redis.url,
        TOKEN,
        String(LEASE_MS),
        hangAfter,
      ]),
    ),
  );
}, 60_000);

afterAll(async () => {
  await Promise.all(receivers.map((receiver) => receiver.stop()));
  await redis?.stop();
});

it("three Node receivers on one Redis handle every event exactly once, one killed mid-run", async () => {
  const report = await runExactlyOnce(receiverTarget(receivers, "kill"), {
    token: TOKEN,
    redeliverAfterMs: LEASE_MS + 500,
  });
  expectExactlyOnce("redis", report, { handledOnRedelivery: true });
}, 60_000);
