import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    environment: "node",
    include: ["test/**/*.test.ts"],
    // deno.test.ts and deno-kv.test.ts are Deno's (deno-runtime.test.ts runs it in Deno).
    exclude: ["test/deno.test.ts", "test/deno-kv.test.ts"],
    testTimeout: 30_000,
  },
});
