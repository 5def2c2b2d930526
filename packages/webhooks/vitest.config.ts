import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    environment: "node",
    include: ["test/**/*.test.ts"],
    // The canary run (tools/faults) loads its recorder into this suite.
    setupFiles: process.env.BESTSMS_CANARY_SETUP ? [process.env.BESTSMS_CANARY_SETUP] : [],
    // One file at a time: the hostile-input suite asserts per-request timings, which other
    // files running alongside would only make noisy. The whole run stays within a few seconds.
    fileParallelism: false,
  },
});
