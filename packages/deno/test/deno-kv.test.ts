// Runs in Deno, on the built package: `deno test --unstable-kv -A test/deno-kv.test.ts`
// (deno-runtime.test.ts runs it under vitest). The store contract is the one every store keeps.
import { dedupeStoreContract } from "../../webhooks/test/helpers/dedupe-store-contract.js";
// @ts-types="../dist/index.d.ts"
import { createDenoKvDedupeStore, type DenoKv } from "../dist/index.js";

// The Deno APIs these tests use, typed here so that Node's tsc can check this file too.
interface DenoTestApi {
  test(name: string, fn: () => Promise<void>): void;
  openKv(path?: string): Promise<DenoKv & { close(): void }>;
  makeTempFile(options: { suffix: string }): Promise<string>;
}
const deno = (globalThis as unknown as { Deno: DenoTestApi }).Deno;

// Several instances each open the same database file, as separate processes would. The clock
// is the test's: a claim's expiry is checked against it, so no real time is waited out.
let time = 1_700_000_000_000;
const path = await deno.makeTempFile({ suffix: ".kv" });
const opened: { close(): void }[] = [];
const engine = {
  async store() {
    const kv = await deno.openKv(path);
    opened.push(kv);
    return createDenoKvDedupeStore(kv, { now: () => time });
  },
  shortTtlMs: 1_000,
  advance: async (ms: number) => {
    time += ms;
  },
};

for (const { name, run } of dedupeStoreContract) {
  deno.test(`createDenoKvDedupeStore: ${name}`, () => run(engine));
}

deno.test(
  "createDenoKvDedupeStore: writes [prefix, key] with the expiry time and expireIn",
  async () => {
    const kv = await deno.openKv(path);
    opened.push(kv);
    const store = createDenoKvDedupeStore(kv, { prefix: ["mine"], now: () => 1_000 });
    if ((await store.claim("e1", 60_000)) !== true) throw new Error("claim failed");
    const entry = await kv.get(["mine", "e1"]);
    if (entry.value !== 61_000) throw new Error(`stored ${String(entry.value)}, not 61000`);
    await store.release("e1");
    if ((await kv.get(["mine", "e1"])).versionstamp !== null) throw new Error("not released");
    for (const db of opened) db.close();
  },
);
