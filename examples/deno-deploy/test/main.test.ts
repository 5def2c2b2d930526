// Runs src/main.ts with `deno serve` against a sandbox in this process: an inbound SMS posted by
// the sandbox must be answered through the client, and the reply's status report logged.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as examples from "../../../tools/test-kit/src/examples.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
// The binary the `deno` package installed, run directly so its pid is the server's.
const deno = join(dirname(createRequire(import.meta.url).resolve("deno/package.json")), "deno");

let example: examples.RunningExample;

beforeAll(async () => {
  example = await examples.startExample((port) => ({
    command: deno,
    args: [
      "serve",
      "--host",
      "127.0.0.1",
      "--port",
      String(port),
      "--allow-net",
      "--allow-env",
      "src/main.ts",
    ],
    cwd: root,
    env: { HOME: process.env.HOME ?? root, NO_COLOR: "1", DENO_NO_UPDATE_CHECK: "1" },
    name: "deno serve",
  }));
});

afterAll(async () => {
  await example?.stop();
});

describe("deno serve src/main.ts", () => {
  it("answers an inbound SMS through the client and logs the reply's status report", async () => {
    await examples.expectInboundAnswered(example);
  });

  it("refuses a webhook without the token and answers 404 off /webhooks", async () => {
    const url = new URL(example.sandbox.deliveries[0]?.url ?? "");
    await examples.expectUnsignedRefused(url, "+61421000002");
    expect((await fetch(new URL("/", url))).status).toBe(404);
  });
});
