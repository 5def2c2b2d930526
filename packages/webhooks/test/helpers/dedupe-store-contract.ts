// The contract every DedupeStore keeps, written once and run in each store's own engine: the
// memory store and Redis in Node (test/dedupe-store-contract.test.ts, test/redis.test.ts), Deno
// KV in Deno (packages/deno), the Durable Object in workerd (packages/edge). No test framework
// here and nothing but web-standard APIs, so every runtime can import it as it stands.
import type { DedupeStore } from "../../src/dedupe-store.js";

/** What a runtime's entry gives the contract. */
export interface DedupeStoreEngine {
  /**
   * A store on the shared engine. Each call is a new instance (a new client, a new process's
   * view): claims made through one are seen by all.
   */
  store(): DedupeStore | Promise<DedupeStore>;
  /**
   * A TTL short enough to wait out in `advance`, long enough to outlive two calls even on a
   * starved machine (a lease must last from its claim to its confirm): 1 s where time is real.
   */
  shortTtlMs: number;
  /** Lets `ms` pass as the engine sees it: a fake clock moved, or real time waited out. */
  advance(ms: number): Promise<void>;
}

export interface DedupeStoreContractCase {
  name: string;
  run(engine: DedupeStoreEngine): Promise<void>;
}

const DAY_MS = 25 * 3_600_000;

function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(`dedupe store contract: ${message}`);
}

/** Keys unique to one case, so cases never see each other's claims on a shared engine. */
function keys(): (name: string) => string {
  const run = crypto.randomUUID();
  return (name) => `${run}:${name}`;
}

export const dedupeStoreContract: readonly DedupeStoreContractCase[] = [
  {
    name: "the first claim of a key wins, a repeat loses, other keys are free",
    async run(engine) {
      const key = keys();
      const store = await engine.store();
      check((await store.claim(key("a"), DAY_MS)) === true, "first claim of a is not true");
      check((await store.claim(key("a"), DAY_MS)) === false, "repeat claim of a is not false");
      check((await store.claim(key("b"), DAY_MS)) === true, "first claim of b is not true");
    },
  },
  {
    name: "a claim is seen by every instance on the same engine",
    async run(engine) {
      const key = keys();
      const [one, two] = [await engine.store(), await engine.store()];
      check((await one.claim(key("a"), DAY_MS)) === true, "first instance's claim is not true");
      check((await two.claim(key("a"), DAY_MS)) === false, "second instance claimed a taken key");
    },
  },
  {
    name: "a released key can be claimed again, by any instance; releasing a free key is a no-op",
    async run(engine) {
      const key = keys();
      const [one, two] = [await engine.store(), await engine.store()];
      check((await one.claim(key("a"), DAY_MS)) === true, "first claim is not true");
      await one.release(key("a"));
      check((await two.claim(key("a"), DAY_MS)) === true, "claim after release is not true");
      check((await one.claim(key("a"), DAY_MS)) === false, "repeat after re-claim is not false");
      await two.release(key("never-claimed"));
      check((await two.claim(key("never-claimed"), DAY_MS)) === true, "no-op release broke a key");
    },
  },
  {
    name: "a claim expires after its TTL and not before",
    async run(engine) {
      const key = keys();
      const store = await engine.store();
      check((await store.claim(key("short"), engine.shortTtlMs)) === true, "first claim failed");
      check((await store.claim(key("long"), DAY_MS)) === true, "long claim failed");
      // "Not before" is the long key's: a repeat of the short one right away would race its TTL
      // on a busy machine (a repeat within the TTL losing is the first case's, with a day).
      await engine.advance(engine.shortTtlMs * 2);
      check((await store.claim(key("short"), DAY_MS)) === true, "claim after expiry is not true");
      check((await store.claim(key("short"), DAY_MS)) === false, "repeat of the new claim won");
      check((await store.claim(key("long"), DAY_MS)) === false, "an unexpired claim expired");
    },
  },
  {
    name: "confirm keeps a leased claim for its new TTL; an unconfirmed lease ends (stores with confirm)",
    async run(engine) {
      const key = keys();
      const [one, two] = [await engine.store(), await engine.store()];
      if (!one.confirm) return; // the memory store: claims end with the process anyway
      check((await one.claim(key("done"), engine.shortTtlMs)) === true, "lease of done failed");
      check((await one.claim(key("died"), engine.shortTtlMs)) === true, "lease of died failed");
      await one.confirm(key("done"), DAY_MS);
      await engine.advance(engine.shortTtlMs * 2);
      check(
        (await two.claim(key("done"), DAY_MS)) === false,
        "a confirmed claim ended with its lease",
      );
      check((await two.claim(key("died"), DAY_MS)) === true, "an unconfirmed lease did not end");
      await two.confirm?.(key("never-claimed"), DAY_MS);
      check((await one.claim(key("never-claimed"), DAY_MS)) === true, "confirm made a claim");
    },
  },
  {
    name: "50 concurrent claims of one key from 5 instances: exactly one wins",
    async run(engine) {
      const key = keys();
      const stores = await Promise.all(Array.from({ length: 5 }, () => engine.store()));
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) => stores[i % stores.length]?.claim(key("hot"), DAY_MS)),
      );
      const wins = results.filter((won) => won === true).length;
      const losses = results.filter((won) => won === false).length;
      check(wins === 1 && losses === 49, `${wins} won and ${losses} lost, not 1 and 49`);
    },
  },
  {
    name: "200 concurrent claims of distinct keys all win, then their repeats all lose",
    async run(engine) {
      const key = keys();
      const stores = await Promise.all(Array.from({ length: 4 }, () => engine.store()));
      const claimAll = () =>
        Promise.all(
          Array.from({ length: 200 }, (_, i) =>
            stores[i % stores.length]?.claim(key(`k${i}`), DAY_MS),
          ),
        );
      const first = await claimAll();
      check(
        first.every((won) => won === true),
        "a distinct key lost",
      );
      const repeats = await claimAll();
      check(
        repeats.every((won) => won === false),
        "a repeat won",
      );
    },
  },
  {
    name: "concurrent claims racing a release: one winner before and one after",
    async run(engine) {
      const key = keys();
      const [one, two] = [await engine.store(), await engine.store()];
      check((await one.claim(key("a"), DAY_MS)) === true, "first claim failed");
      await one.release(key("a"));
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => (i % 2 ? one : two).claim(key("a"), DAY_MS)),
      );
      const wins = results.filter((won) => won === true).length;
      check(wins === 1, `${wins} claims won after the release, not 1`);
    },
  },
];
