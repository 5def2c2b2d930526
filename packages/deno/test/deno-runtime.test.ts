// Boots the real Deno on the built package and on the sources JSR would publish. Offline: the
// `@bestsms/*` imports resolve from node_modules (deno.json: "nodeModulesDir": "manual").
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
// Node's types, which this package does not list itself, come with vitest's.
import type {} from "vitest/node";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const deno = fileURLToPath(new URL("../node_modules/.bin/deno", import.meta.url));

function runDeno(args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(
      deno,
      args,
      {
        cwd: packageDir,
        env: { ...process.env, DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1" },
        timeout: 60_000,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, output: `${stdout}${stderr}` });
      },
    );
  });
}

describe("in Deno", () => {
  it.each([
    {
      title: "passes test/deno.test.ts",
      args: ["--allow-net", "--allow-env", "test/deno.test.ts"],
      passed: 3,
    },
    {
      title: "passes the dedupe store contract on Deno KV (test/deno-kv.test.ts)",
      args: ["--unstable-kv", "--allow-read", "--allow-write", "test/deno-kv.test.ts"],
      passed: 9,
    },
  ])("$title", async ({ args, passed }) => {
    const { code, output } = await runDeno(["test", ...args]);
    expect(output).toMatch(new RegExp(`ok \\| ${passed} passed \\| 0 failed`));
    expect(code).toBe(0);
  });

  it("publishes to JSR (dry run) with no slow types", async () => {
    const { code, output } = await runDeno(["publish", "--dry-run", "--allow-dirty"]);
    expect(output).toContain("Success Dry run complete");
    // Slow types, missing licence and the like are reported as `error[…]` or `warning[…]`.
    expect(output).toContain("Checking for slow types in the public API");
    expect(output).not.toMatch(/^(warning|error)\[/m);
    expect(output).not.toMatch(/package\.json|tsconfig|test\//);
    expect(code).toBe(0);
  });
});
