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
import { afterAll, beforeAll, it } from "vitest";
// Node's types, which this package does not list itself, come with vitest's.
import type {} from "vitest/node";
import { runExactlyOnce } from "../../webhooks/test/helpers/exactly-once.js";
import { expectExactlyOnce } from "../../webhooks/test/helpers/exactly-once-expect.js";
import {
  type ReceiverProcess,
  receiverTarget,
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
  const report = await runExactlyOnce(receiverTarget(receivers, "stop"), { token: TOKEN });
  expectExactlyOnce("deno kv", report);
}, 90_000);
