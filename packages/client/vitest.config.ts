import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    environment: "node",
    include: ["test/**/*.test.ts"],
    // Nothing here waits on real time: the client runs on a fake clock against a loopback server.
    testTimeout: 5_000,
    hookTimeout: 5_000,
  },
});
