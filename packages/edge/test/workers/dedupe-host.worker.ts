// The Worker that hosts the dedupe Durable Objects for the exactly-once run's receivers.
export { WebhookDedupeObject } from "../../src/durable-object-dedupe-store.js";

export default {
  fetch: (): Response => new Response("dedupe host"),
};
