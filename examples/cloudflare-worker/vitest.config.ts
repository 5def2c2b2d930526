import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    environment: "node",
    include: ["test/**/*.test.ts"],
    // The dry-run build takes one to two seconds, starting workerd about one.
    testTimeout: 15_000,
    hookTimeout: 15_000,
  },
});
