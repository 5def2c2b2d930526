// One runner per runtime: each runs the whole suite for real and reports what it printed.
// Node, Deno and Bun are separate processes running their test frameworks; workerd (through
// miniflare) and the edge-runtime VM are driven from this process.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { EdgeVM } from "@edge-runtime/vm";
import { Miniflare } from "miniflare";
import { outDir, root } from "./build.js";
import { runProcess } from "./process.js";
import { type CaseResult, summary } from "./suite.js";

/** What one runtime's run came to. */
export interface RunOutcome {
  /** The summary's runtime name (`node/22.23.3` …), or undefined when it printed none. */
  readonly runtime: string | undefined;
  readonly passed: number;
  readonly total: number;
  /** `<case>: <error>`, one per failed case. */
  readonly failures: readonly string[];
  /** Everything the run printed (or, in process, the summary it came to). */
  readonly output: string;
  /** The exit code (0 when in process and it finished). */
  readonly code: number | null;
  readonly timedOut: boolean;
  readonly ms: number;
}

export interface Runner {
  readonly name: string;
  /** Most a run may take; npx may first download a Node binary. */
  readonly timeoutMs: number;
  run(env: Readonly<Record<string, string>>): Promise<RunOutcome>;
}

const SUMMARY = /^(?:#\s*)?conformance: (\S+) (\d+)\/(\d+)\s*$/m;
const FAILURE = /^(?:#\s*)?conformance failed: (.*)$/gm;

/** Reads the summary lines a runner printed. */
export function parseOutput(
  output: string,
): Pick<RunOutcome, "runtime" | "passed" | "total" | "failures"> {
  const match = SUMMARY.exec(output);
  const failures = [...output.matchAll(FAILURE)].map((m) => m[1] ?? "");
  if (!match) return { runtime: undefined, passed: 0, total: 0, failures };
  return { runtime: match[1], passed: Number(match[2]), total: Number(match[3]), failures };
}

function processRunner(
  name: string,
  command: string,
  args: readonly string[],
  timeoutMs: number,
): Runner {
  return {
    name,
    timeoutMs,
    async run(env) {
      const result = await runProcess(command, args, { cwd: root, env, timeoutMs });
      return { ...parseOutput(result.output), ...result };
    },
  };
}

function inProcessOutcome(runtime: string, results: CaseResult[], started: number): RunOutcome {
  const output = summary(runtime, results);
  return { ...parseOutput(output), output, code: 0, timedOut: false, ms: since(started) };
}

function since(started: number): number {
  return Math.round(performance.now() - started);
}

async function withTimeout<T>(name: string, timeoutMs: number, work: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${name}: no result in ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([work, limit]);
  } finally {
    clearTimeout(timer);
  }
}

const bin = (name: string): string => join(root, "node_modules", ".bin", name);
const nodeTest = ["--test", "runtimes/node.test.mjs"];

/** A Node from the registry's `node` package, run through npx. */
const npxNode = (major: number): Runner =>
  processRunner(
    `node ${major}`,
    "npx",
    ["-y", "-p", `node@${major}`, "node", ...nodeTest],
    120_000,
  );

export const runners: readonly Runner[] = [
  processRunner("node 20", process.execPath, nodeTest, 60_000),
  npxNode(22),
  npxNode(24),
  // Type-checking is tsc's job (tools/conformance: tsc -p tsconfig.json); see the README.
  processRunner("deno", bin("deno"), ["test", "-A", "--no-check", "runtimes/deno.test.ts"], 60_000),
  processRunner("bun", bin("bun"), ["test", "./runtimes/bun.test.ts"], 60_000),
  {
    name: "workerd",
    timeoutMs: 60_000,
    async run(env) {
      const started = performance.now();
      const script = await readFile(join(outDir, "workerd.js"), "utf8");
      // No compatibility flags: the packages must not need nodejs_compat.
      const miniflare = new Miniflare({
        modules: true,
        script,
        compatibilityDate: "2025-01-01",
        compatibilityFlags: [],
        bindings: { ...env },
      });
      try {
        const response = await withTimeout(
          "workerd",
          55_000,
          miniflare.dispatchFetch("http://conformance.test/"),
        );
        const text = await response.text();
        if (response.status !== 200) {
          const output = `workerd answered ${response.status}: ${text}`;
          return { ...parseOutput(""), output, code: 1, timedOut: false, ms: since(started) };
        }
        const body = JSON.parse(text) as { runtime: string; results: CaseResult[] };
        return inProcessOutcome(body.runtime, body.results, started);
      } finally {
        await miniflare.dispose();
      }
    },
  },
  {
    name: "edge-runtime",
    timeoutMs: 60_000,
    async run(env) {
      const started = performance.now();
      const vm = new EdgeVM();
      vm.evaluate(await readFile(join(outDir, "edge-vm.js"), "utf8"));
      const results = await withTimeout(
        "edge-runtime",
        55_000,
        vm.evaluate<Promise<CaseResult[]>>(`runConformance(${JSON.stringify(env)})`),
      );
      // Results made in the VM's realm: copy them into this one.
      return inProcessOutcome("edge-runtime", JSON.parse(JSON.stringify(results)), started);
    },
  },
];
