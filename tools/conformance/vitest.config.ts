import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Only the Node-side tests: runtimes/*.test.* belong to node:test, Deno and Bun.
    include: ["test/**/*.test.ts"],
    // One file at a time: each starts servers and real runtimes, and two cores are all there is.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
    teardownTimeout: 30_000,
  },
});
