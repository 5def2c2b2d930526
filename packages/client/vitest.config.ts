import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    environment: "node",
    include: ["test/**/*.test.ts"],
    // The canary run (tools/faults) loads its recorder into this suite.
    setupFiles: process.env.BESTSMS_CANARY_SETUP ? [process.env.BESTSMS_CANARY_SETUP] : [],
    // Nothing here waits on real time: the client runs on a fake clock against a loopback server.
    testTimeout: 5_000,
    hookTimeout: 5_000,
  },
});
