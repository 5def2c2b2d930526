import { build } from "esbuild";
import { expect, test } from "vitest";
import { MINIFIED_EDGE_BUILD } from "../../../tools/test-kit/src/worker-bundle.js";

const source = (file: string) => new URL(`../src/${file}`, import.meta.url).pathname;

/** Bundles a tiny Worker-style entry the way an edge bundler would, minified, for no runtime in particular. */
async function bundle(entry: string): Promise<{ code: string; inputs: string[] }> {
  const result = await build({
    ...MINIFIED_EDGE_BUILD,
    stdin: { contents: entry, loader: "ts", resolveDir: source(".") },
    metafile: true,
    outfile: "worker.js",
  });
  const [output] = result.outputFiles;
  if (!output) throw new Error("no output");
  const outputs = Object.values(result.metafile.outputs);
  return { code: output.text, inputs: outputs.flatMap((meta) => Object.keys(meta.inputs)) };
}

async function gzipSize(code: string): Promise<number> {
  const compressed = new Blob([code]).stream().pipeThrough(new CompressionStream("gzip"));
  return (await new Response(compressed).arrayBuffer()).byteLength;
}

const handlerEntry = (xml: boolean) => `
  import { createWebhookHandler } from ${JSON.stringify(source("index.ts"))};
  ${xml ? `import { xmlParser } from ${JSON.stringify(source("xml.ts"))};` : ""}
  export default {
    fetch: createWebhookHandler({
      token: "token",
      ${xml ? "xml: xmlParser," : ""}
      onStatus: (webhook) => console.log(webhook.payload.Status),
      onReceived: (webhook) => console.log(webhook.payload.Message),
    }),
  };
`;

test("a JSON-only handler is at most 3 kB gzipped and loads no XML parser", async () => {
  const { code, inputs } = await bundle(handlerEntry(false));
  // Web-standard APIs only: nothing that Workers, Deno or Bun would lack or refuse.
  expect(code).not.toMatch(/\b(?:Buffer|process|require|eval|setImmediate)\b|new Function/);
  const size = await gzipSize(code);
  console.info(`JSON-only handler: ${code.length} B minified, ${size} B gzip`);
  expect(inputs.some((input) => input.includes("fast-xml-parser"))).toBe(false);
  expect(size).toBeLessThanOrEqual(3000);
});

test("what XML support costs", async () => {
  const { code, inputs } = await bundle(handlerEntry(true));
  const size = await gzipSize(code);
  console.info(`XML-capable handler: ${code.length} B minified, ${size} B gzip`);
  expect(inputs.some((input) => input.includes("fast-xml-parser"))).toBe(true);
  expect(code).not.toMatch(/\b(?:process|require|eval)\b|new Function/);
});
