import { describe, it } from "vitest";
import { createMemoryDedupeStore } from "../src/dedupe-store.js";
import { dedupeStoreContract } from "./helpers/dedupe-store-contract.js";

describe("createMemoryDedupeStore keeps the store contract", () => {
  // One process: every "instance" is the same store, on a clock the test moves.
  let time = 1_700_000_000_000;
  const store = createMemoryDedupeStore({ now: () => time });
  const engine = {
    store: () => store,
    shortTtlMs: 1_000,
    advance: async (ms: number) => {
      time += ms;
    },
  };
  for (const { name, run } of dedupeStoreContract) it(name, () => run(engine));
});
