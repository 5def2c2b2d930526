// Bundled by dedupe-stores.ts and run in workerd: claims through createDurableObjectDedupeStore
// from inside a Worker, timed there, answered as JSON. `?shards=` and `?n=` set the run.
import {
  createDurableObjectDedupeStore,
  type DurableObjectNamespaceLike,
} from "../packages/edge/src/durable-object-dedupe-store.js";
import { timeClaims } from "./dedupe-claims.shared.js";

export { WebhookDedupeObject } from "../packages/edge/src/durable-object-dedupe-store.js";

export default {
  async fetch(request: Request, env: { DEDUPE: DurableObjectNamespaceLike }): Promise<Response> {
    const url = new URL(request.url);
    const shards = Number(url.searchParams.get("shards") ?? "16");
    const n = Number(url.searchParams.get("n") ?? "3000");
    const store = createDurableObjectDedupeStore(env.DEDUPE, { shards, name: `bench-${shards}` });
    const figures = await timeClaims((key) => store.claim(key, 25 * 3_600_000), n, 50);
    return Response.json(figures);
  },
};
