import { build } from "esbuild";
import { expect, test, vi } from "vitest";
import readme from "../README.md?raw";
import { statusPayload, TOKEN } from "./helpers/requests.js";

// The quick start must run as written: it is bundled against the sources and served one webhook.
test("the README's quick start answers a webhook", async () => {
  const quickStart = /## Quick start\s+```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  if (!quickStart) throw new Error("no quick start in the README");
  expect(quickStart.trim().split("\n").length).toBeLessThanOrEqual(10);
  const entry = new URL("../src/index.ts", import.meta.url).pathname;
  const result = await build({
    stdin: {
      contents: quickStart.replace('"@bestsms/webhooks"', JSON.stringify(entry)),
      loader: "ts",
      resolveDir: new URL(".", import.meta.url).pathname,
    },
    bundle: true,
    format: "esm",
    platform: "neutral",
    write: false,
  });
  const code = result.outputFiles[0]?.text ?? "";
  const module = (await import(
    /* @vite-ignore */ `data:text/javascript,${encodeURIComponent(code)}`
  )) as {
    default: { fetch: (request: Request) => Promise<Response> };
  };
  const log = vi.spyOn(console, "log").mockImplementation(() => {});
  const request = new Request("https://receiver.example/", {
    method: "POST",
    headers: { "content-type": "application/json", authorization: "your-webhook-token" },
    body: JSON.stringify(statusPayload({ APIKey: TOKEN })),
  });
  const response = await module.default.fetch(request);
  expect(response.status).toBe(200);
  expect(log).toHaveBeenCalledWith("js82hn8n", "SUCCESS");
  log.mockRestore();
});
