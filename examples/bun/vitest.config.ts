import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    environment: "node",
    include: ["test/**/*.test.ts"],
    // Bun starts in a fraction of a second; the sandbox delivers within a few hundred ms.
    testTimeout: 15_000,
    hookTimeout: 15_000,
  },
});
