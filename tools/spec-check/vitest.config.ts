import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    environment: "node",
    include: ["test/**/*.test.ts"],
    // Each Prism request gives up after 10 s; starting Prism (beforeAll) after 60 s.
    testTimeout: 20_000,
    hookTimeout: 70_000,
    teardownTimeout: 10_000,
  },
});
