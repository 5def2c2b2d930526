// The conformance suite in every runtime: Node 20 (this machine's), 22 and 24 (from the
// registry, through npx), Deno, Bun, workerd (miniflare) and the edge-runtime VM, all against
// one sandbox on 127.0.0.1, each importing the built packages.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildAll } from "../src/build.js";
import { type RunOutcome, runners } from "../src/runners.js";
import { type Servers, startServers } from "../src/servers.js";
import { cases } from "../src/suite.js";

/** Runs at most `size` tasks at a time, in the order given. */
function pool(size: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (active >= size) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await task();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}

function report(name: string, outcome: RunOutcome): string {
  const tail = outcome.output.length > 6_000 ? `…${outcome.output.slice(-6_000)}` : outcome.output;
  return [
    `${name}: ${outcome.passed}/${outcome.total} cases passed (exit ${outcome.code}${outcome.timedOut ? ", timed out" : ""}, ${outcome.ms} ms)`,
    ...outcome.failures.map((failure) => `  failed: ${failure}`),
    "--- output ---",
    tail,
  ].join("\n");
}

function problems(outcome: RunOutcome): string[] {
  const found: string[] = [];
  if (outcome.timedOut) found.push("timed out");
  if (outcome.runtime === undefined) found.push("printed no `conformance:` summary");
  if (outcome.total !== cases.length) found.push(`ran ${outcome.total} of ${cases.length} cases`);
  if (outcome.passed !== outcome.total) found.push(`${outcome.total - outcome.passed} failed`);
  if (outcome.code !== 0) found.push(`exit code ${outcome.code}`);
  return found;
}

let servers: Servers | undefined;
const outcomes = new Map<string, Promise<RunOutcome>>();
const finished: [string, RunOutcome][] = [];

beforeAll(async () => {
  await buildAll();
  servers = await startServers();
  const env = servers.env;
  // Three at a time on two cores: the runs mostly wait on the sandbox and on timers.
  const limit = pool(3);
  for (const runner of runners) {
    const outcome = limit(() => runner.run(env)).catch(
      (error: unknown): RunOutcome => ({
        runtime: undefined,
        passed: 0,
        total: 0,
        failures: [],
        output: error instanceof Error ? (error.stack ?? error.message) : String(error),
        code: null,
        timedOut: false,
        ms: 0,
      }),
    );
    outcomes.set(
      runner.name,
      outcome.then((done) => {
        finished.push([runner.name, done]);
        return done;
      }),
    );
  }
}, 60_000);

afterAll(async () => {
  await Promise.allSettled(outcomes.values());
  await servers?.close();
  const lines = finished.map(
    ([name, o]) =>
      `  ${name.padEnd(13)} ${(o.runtime ?? "?").padEnd(14)} ${o.passed}/${o.total}  ${o.ms} ms`,
  );
  console.log(`conformance matrix:\n${lines.join("\n")}`);
});

describe(`the conformance suite (${cases.length} cases)`, () => {
  for (const runner of runners) {
    // Each run is bounded by its runner; this only has to outlast the queue before it.
    it(runner.name, { timeout: 300_000 }, async () => {
      const outcome = await outcomes.get(runner.name);
      if (!outcome) throw new Error(`${runner.name} was not started`);
      expect(problems(outcome), report(runner.name, outcome)).toEqual([]);
    });
  }
});
