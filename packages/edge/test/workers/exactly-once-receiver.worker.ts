// One receiver isolate of the exactly-once run (exactly-once-do.test.ts): webhookWorker with
// its dedupe store on the Durable Objects of another Worker, awaiting its callback before the
// answer. Each completed callback is reported to a loopback recorder. WEDGE_AFTER makes its
// callbacks stop making progress after that many; `POST /__stop` stops it as a receiver going
// down: callbacks not yet done throw (so their claims are released) and requests get 503.
import {
  createDurableObjectDedupeStore,
  type DurableObjectNamespaceLike,
} from "../../src/durable-object-dedupe-store.js";
import { type ExecutionContextLike, webhookWorker } from "../../src/webhook-worker.js";

interface Env {
  BESTSMS_WEBHOOK_TOKEN: string;
  DEDUPE: DurableObjectNamespaceLike;
  RECORDER_URL: string;
  WEDGE_AFTER?: string;
}

let stopping = false;
let completed = 0;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const handle = async (payload: { MessageID?: string | undefined }, env: Env) => {
  await sleep(Math.random() * 4);
  const wedgeAfter = Number(env.WEDGE_AFTER ?? Number.POSITIVE_INFINITY);
  // Wedged: wait for the stop (polling: a promise may not be settled from another request).
  while (completed >= wedgeAfter && !stopping) await sleep(5);
  if (stopping) throw new Error("stopped before the work was done");
  completed++;
  const recorded = await fetch(env.RECORDER_URL, {
    method: "POST",
    body: JSON.stringify({ handled: payload.MessageID }),
  });
  await recorded.arrayBuffer();
};

const webhooks = webhookWorker<Env>({
  respondFirst: false,
  dedupe: (env) => ({ store: createDurableObjectDedupeStore(env.DEDUPE, { shards: 8 }) }),
  onStatus: ({ payload }, { env }) => handle(payload, env),
  onReceived: ({ payload }, { env }) => handle(payload, env),
  onError: () => {},
});

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContextLike): Promise<Response> {
    if (new URL(request.url).pathname === "/__stop") {
      stopping = true;
      return new Response("stopping");
    }
    if (stopping) return new Response("stopped", { status: 503 });
    return webhooks.fetch(request, env, ctx);
  },
};
