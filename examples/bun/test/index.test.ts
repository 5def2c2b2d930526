// Runs src/index.ts with Bun against a sandbox in this process: an inbound SMS posted by the
// sandbox must be answered through the client, and the reply's status report logged.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as examples from "../../../tools/test-kit/src/examples.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
// The binary the `bun` package installed, run directly so its pid is the server's.
const bun = join(
  dirname(createRequire(import.meta.url).resolve("bun/package.json")),
  "bin/bun.exe",
);

let example: examples.RunningExample;

beforeAll(async () => {
  example = await examples.startExample((port) => ({
    command: bun,
    args: ["src/index.ts"],
    cwd: root,
    env: { HOME: process.env.HOME ?? root, PORT: String(port) },
    name: "bun",
  }));
});

afterAll(async () => {
  await example?.stop();
});

describe("bun src/index.ts", () => {
  it("answers an inbound SMS through the client and logs the reply's status report", async () => {
    await examples.expectInboundAnswered(example);
    expect(example.output.text).toContain(`Listening on ${example.webhookUrl}`);
  });

  it("refuses a webhook without the token and answers 404 off /webhooks", async () => {
    await examples.expectUnsignedRefused(example.webhookUrl, "+61421000002");
    expect((await fetch(new URL("/", example.webhookUrl))).status).toBe(404);
  });
});
