// A Worker for workerd (bundled by test/durable-object.test.ts): runs one case of the dedupe
// store contract per request, on createDurableObjectDedupeStore over the DEDUPE binding.
import { dedupeStoreContract } from "../../../webhooks/test/helpers/dedupe-store-contract.js";
import {
  createDurableObjectDedupeStore,
  type DurableObjectNamespaceLike,
} from "../../src/durable-object-dedupe-store.js";

export { WebhookDedupeObject } from "../../src/durable-object-dedupe-store.js";

interface Env {
  DEDUPE: DurableObjectNamespaceLike;
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const index = Number(new URL(request.url).pathname.split("/").pop());
    const contractCase = dedupeStoreContract[index];
    if (!contractCase) return new Response("no such case", { status: 404 });
    const engine = {
      store: () => createDurableObjectDedupeStore(env.DEDUPE, { shards: 4 }),
      // The objects expire claims on their own clock: real time is waited out.
      shortTtlMs: 1_000,
      advance: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
    };
    try {
      await contractCase.run(engine);
      return new Response("ok");
    } catch (error) {
      return new Response(String(error), { status: 500 });
    }
  },
};
