import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    environment: "node",
    include: ["test/**/*.test.ts"],
    // One file at a time: the hostile-input suite asserts per-request timings, which other
    // files running alongside would only make noisy. The whole run stays within a few seconds.
    fileParallelism: false,
  },
});
