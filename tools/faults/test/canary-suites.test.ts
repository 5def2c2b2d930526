// The canary-token run over whole suites: the client's and the webhook package's own test suites
// run again with a recognisable token; the run fails if the token shows in any log line, any
// error's message or stack (recorded by src/canary-setup.ts), or anything the run printed.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..", "..");
const setup = join(here, "..", "src", "canary-setup.ts");
const CANARY = "canary-SUITE-7c1e5a90d2b4";

/** Runs a package's suite (or some of its files) with a token; returns the run and the leaks. */
function run(
  pkg: string,
  token: string,
  files: string[] = [],
): { status: number | null; output: string; leaks: string[] } {
  const dir = mkdtempSync(join(tmpdir(), "canary-"));
  const report = join(dir, "leaks.txt");
  writeFileSync(report, "");
  try {
    const result = spawnSync(
      process.execPath,
      [join(root, "packages", pkg, "node_modules/vitest/vitest.mjs"), "run", ...files],
      {
        cwd: join(root, "packages", pkg),
        encoding: "utf8",
        timeout: 180_000,
        env: {
          ...process.env,
          BESTSMS_CANARY_TOKEN: token,
          BESTSMS_CANARY_REPORT: report,
          BESTSMS_CANARY_SETUP: setup,
          CI: "true",
        },
      },
    );
    const leaks = readFileSync(report, "utf8").trim().split("\n").filter(Boolean);
    return { status: result.status, output: `${result.stdout}\n${result.stderr}`, leaks };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("the canary recorder", () => {
  it("does find a phrase the client's errors carry (so a clean run means something)", () => {
    // Not a token: a phrase of the client's own error for a missing token.
    const { leaks } = run("client", "authToken is required", ["test/errors.test.ts"]);
    expect(leaks.length).toBeGreaterThan(0);
    expect(leaks[0]).toMatch(/new BestSMSError: its message or stack carried the token/);
  }, 200_000);
});

describe.each(["client", "webhooks"])("the %s test suite with a canary token", (pkg) => {
  it("passes, and the token shows in no log line, error or output", () => {
    const { status, output, leaks } = run(pkg, CANARY);
    expect(status, output.replaceAll(CANARY, "<canary>").slice(-4000)).toBe(0);
    expect(output.includes(CANARY), "the run's output carried the token").toBe(false);
    expect(leaks).toEqual([]);
  }, 200_000);
});
