import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    environment: "node",
    include: ["test/**/*.test.ts"],
    // deno.test.ts is Deno's (deno-runtime.test.ts runs it in Deno).
    exclude: ["test/deno.test.ts"],
    testTimeout: 30_000,
  },
});
