/// <reference types="node" />
// Size budgets, measured on the BUILT package (dist/), bundled as a user's bundler would.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { beforeAll, describe, expect, it } from "vitest";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

async function gzipSize(source: string): Promise<number> {
  const result = await build({
    stdin: { contents: source, resolveDir: root, loader: "ts" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "neutral",
    mainFields: ["module", "main"],
    write: false,
    logLevel: "silent",
  });
  const text = result.outputFiles[0]?.text ?? "";
  return gzipSync(text, { level: 9 }).length;
}

describe("bundle size of the built package", () => {
  beforeAll(() => {
    if (!existsSync(join(root, "dist/index.js")))
      throw new Error("build the package first (pnpm build)");
  });

  it("a Worker that only sends an SMS is at most 6 kB gzip", async () => {
    const size = await gzipSize(`
      import { BestSMSCore, messagingSmsSendMessage } from "@bestsms/client";
      export default {
        async fetch(request, env) {
          const client = new BestSMSCore({ authToken: env.BESTSMS_AUTH_TOKEN });
          return Response.json(await messagingSmsSendMessage(client, { MessageText: "Hi", Recipients: "+61421111111" }));
        },
      };`);
    console.log(`send-only Worker: ${size} B gzip (budget 6000)`);
    expect(size).toBeLessThanOrEqual(6000);
  });

  it("reports what input validation and the full client cost", async () => {
    const validated = await gzipSize(`
      import { BestSMSCore, messagingSmsSendMessage } from "@bestsms/client";
      import { sendMessageRequest } from "@bestsms/validation";
      const client = new BestSMSCore({ authToken: "t", validators: { "messaging.sms.sendMessage": { body: sendMessageRequest } } });
      export const send = () => messagingSmsSendMessage(client, { MessageText: "Hi", Recipients: "+61421111111" });`);
    const full = await gzipSize(`
      import { BestSMS } from "@bestsms/client";
      export const client = new BestSMS({ authToken: "t" });`);
    console.log(`send-only Worker with the send validator: ${validated} B gzip`);
    console.log(`full client (every operation, every validator, openapi-fetch): ${full} B gzip`);
    expect(validated).toBeGreaterThan(0);
    expect(full).toBeGreaterThan(validated);
  });
});
