import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

describe("pnpm demo", () => {
  it("runs end to end against the sandbox and exits 0", () => {
    const result = spawnSync(process.execPath, ["--import", "tsx", "src/demo.ts"], {
      cwd: root,
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("final status Completed: 4 delivered, 1 failed");
    expect(result.stdout).toContain("+61421009900   Failed   Bad Number");
    expect(result.stdout).toMatch(/webhooks received: 5 status reports, 1 received SMS/);
    expect(result.stdout).toContain('+61421000002 answered "YES please"');
    expect(result.stdout).toContain('to "Test SMS Message for John Doe at Example Corp.');
  }, 30_000);
});
