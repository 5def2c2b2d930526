import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    environment: "node",
    // Each generation spawns the formatter; give the first, cold one room.
    testTimeout: 20_000,
  },
});
