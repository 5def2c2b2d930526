import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    // The README's examples import the package by name: run them against the sources.
    alias: {
      "@bestsms/sandbox/app": fileURLToPath(new URL("./src/app.ts", import.meta.url)),
      "@bestsms/sandbox": fileURLToPath(new URL("./src/index.ts", import.meta.url)),
    },
  },
  test: {
    environment: "node",
    include: ["test/**/*.test.ts"],
    // The workerd and CLI tests start esbuild, workerd and node; nothing else waits on real time.
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
