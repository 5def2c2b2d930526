/**
 * Exactly once across three Deno receiver processes sharing one Deno KV file: 2,000 deliveries
 * at concurrency 50, 10 % repeats each sent to another receiver, one receiver wedged and
 * stopped mid-run and every delivery that got no 200 made again. Every event's callback
 * completes exactly once.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect, it } from "vitest";
// Node's types, which this package does not list itself, come with vitest's.
import type {} from "vitest/node";
import { percentile, runExactlyOnce } from "../../webhooks/test/helpers/exactly-once.js";
import {
  postJson,
  type ReceiverProcess,
  startReceiver,
} from "../../webhooks/test/helpers/receiver-process.js";

const TOKEN = "exactly-once-kv-token";
const packageDir = fileURLToPath(new URL("..", import.meta.url));
// The binary itself: the .bin shim runs it as a child of Node, which a SIGTERM would not reach.
const deno = fileURLToPath(new URL("../node_modules/deno/deno", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "bestsms-kv-"));
let receivers: ReceiverProcess[] = [];

beforeAll(async () => {
  const kvPath = join(dir, "dedupe.kv");
  receivers = await Promise.all(
    // The last one wedges after 100 events, and is stopped while so.
    ["", "", "100"].map((hangAfter) =>
      startReceiver(
        deno,
        [
          "run",
          "--unstable-kv",
          "--allow-net=127.0.0.1",
          `--allow-read=${dir}`,
          `--allow-write=${dir}`,
          "test/receivers/kv-receiver.ts",
          kvPath,
          TOKEN,
          hangAfter,
        ],
        { cwd: packageDir, env: { DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1" } },
      ),
    ),
  );
}, 60_000);

afterAll(async () => {
  await Promise.all(receivers.map((receiver) => receiver.stop()));
  rmSync(dir, { recursive: true, force: true });
});

it("three Deno receivers on one KV file handle every event exactly once, one stopped mid-run", async () => {
  const report = await runExactlyOnce(
    {
      receivers: receivers.length,
      deliver: (index, body) => postJson(receivers[index]?.port ?? 0, body),
      stop: (index) => receivers[index]?.stop() ?? Promise.resolve(),
      async handled() {
        await Promise.all(receivers.map((receiver) => receiver.stop()));
        return receivers.flatMap((r) => r.lines.map((line) => line.replace(/^handled /, "")));
      },
    },
    { token: TOKEN },
  );
  if (process.env.FAULTS_PRINT) {
    console.log(
      `deno kv: ${report.deliveries} deliveries in ${Math.round(report.elapsedMs)} ms ` +
        `(${Math.round((report.deliveries / report.elapsedMs) * 1000)}/s), ` +
        `p99 ${percentile(report.latenciesMs, 99).toFixed(1)} ms; answers ${JSON.stringify(report.answers)}, ` +
        `in flight at stop ${report.inFlightAtStop}, redelivered ${report.redelivered} ${JSON.stringify(report.redeliveryAnswers)}`,
    );
  }
  expect(report.deliveries).toBe(2_000);
  expect(report.handledTwice).toEqual([]);
  expect(report.lost).toEqual([]);
  expect(report.inFlightAtStop).toBeGreaterThan(0);
  expect(report.answers.failed).toBeGreaterThan(0);
  expect(report.answers.ok + report.answers.duplicate + report.answers.failed).toBe(2_000);
}, 90_000);
