// Boots the real Bun on the built package.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const bun = fileURLToPath(new URL("../node_modules/.bin/bun", import.meta.url));

it("passes test/bun.test.ts in Bun", async () => {
  const { code, output } = await new Promise<{ code: number; output: string }>((resolve) => {
    execFile(
      bun,
      ["test", "./test/bun.test.ts"],
      { cwd: packageDir, env: { ...process.env, NO_COLOR: "1" }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const exit = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code: exit, output: `${stdout}${stderr}` });
      },
    );
  });
  expect(output).toMatch(/\b3 pass\b/);
  expect(output).toMatch(/\b0 fail\b/);
  expect(code).toBe(0);
});
