import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    environment: "node",
    include: ["test/**/*.test.ts"],
    // bun.test.ts is Bun's (bun-runtime.test.ts runs it in Bun).
    exclude: ["test/bun.test.ts"],
    testTimeout: 30_000,
  },
});
