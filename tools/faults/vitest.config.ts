import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    environment: "node",
    include: ["test/**/*.test.ts"],
    // One file at a time: each starts servers, and the load test measures memory.
    fileParallelism: false,
    sequence: { concurrent: false },
    // The load test reads heap growth after a full GC when it can.
    execArgv: ["--expose-gc"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    teardownTimeout: 10_000,
  },
});
