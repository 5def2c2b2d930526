/// <reference types="node" />
// What an app pays in bundle size, minified and gzipped: one validator (budgeted), the whole
// package and one SMS tool (printed).
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

const entry = fileURLToPath(new URL("../src/index.ts", import.meta.url));

/** Minified ESM bundle of `contents` (resolved from this directory), and its gzip size. */
async function measure(contents: string): Promise<{ text: string; raw: number; gzip: number }> {
  const result = await build({
    stdin: { contents, resolveDir: dirname(entry), sourcefile: "entry.ts", loader: "ts" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    write: false,
    logLevel: "silent",
  });
  const text = result.outputFiles[0]?.text ?? "";
  return {
    text,
    raw: Buffer.byteLength(text),
    gzip: gzipSync(text, { level: 9 }).length,
  };
}

const report = (what: string, size: { raw: number; gzip: number }): void => {
  console.log(`size: ${what}: ${size.gzip} bytes gzip (${size.raw} bytes minified)`);
};

const BUDGET = 4096;

describe("bundle size (esbuild, minified, ESM, gzip -9)", () => {
  it(`sendMessageRequest alone is at most ${BUDGET} bytes gzip`, async () => {
    const size = await measure(
      `import { sendMessageRequest } from "./index.ts";
       export const check = (body: unknown) => sendMessageRequest.validate(body);`,
    );
    report("sendMessageRequest alone", size);
    // Tree-shaking worked: other validators and the SMS tools are not in it.
    expect(size.text).not.toContain("SMSReply");
    expect(size.text).not.toContain("GroupCode");
    expect(size.text).not.toContain("0011");
    expect(size.text).toContain("SendMessageRequest");
    expect(size.gzip).toBeLessThanOrEqual(BUDGET);
  });

  it("the whole package (printed, no budget yet)", async () => {
    const size = await measure(`export * from "./index.ts";`);
    report("whole package", size);
    expect(size.gzip).toBeGreaterThan(0);
  });

  it("smsSegments alone (printed, no budget yet)", async () => {
    const size = await measure(
      `import { smsSegments } from "./index.ts";
       export const count = (text: string) => smsSegments(text);`,
    );
    report("smsSegments alone", size);
    expect(size.text).not.toContain("SendMessageRequest");
    expect(size.gzip).toBeGreaterThan(0);
  });
});
