// Run by dedupe-stores.ts in Deno: claims on a Deno KV file, printed as one JSON line.
import { createDenoKvDedupeStore } from "../packages/deno/dist/deno-kv-dedupe-store.js";
import { timeClaims } from "./dedupe-claims.shared.js";

interface DenoBenchApi {
  args: string[];
  openKv(path: string): Promise<Parameters<typeof createDenoKvDedupeStore>[0] & { close(): void }>;
}
const deno = (globalThis as unknown as { Deno: DenoBenchApi }).Deno;
const [path = "", n = "5000", concurrency = "50"] = deno.args;
const kv = await deno.openKv(path);
const store = createDenoKvDedupeStore(kv);
const figures = await timeClaims(
  async (key) => store.claim(key, 25 * 3_600_000),
  Number(n),
  Number(concurrency),
);
console.log(JSON.stringify(figures));
kv.close();
