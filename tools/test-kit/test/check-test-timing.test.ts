import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { codeOnly, findTimeAssertions, isTestFile } from "../src/check-test-timing.js";

const lines = (source: string): number[] => findTimeAssertions(source).map((found) => found.line);

describe("findTimeAssertions reports", () => {
  it.each([
    [
      "a measured duration under a bound",
      `const started = performance.now();
await work();
const elapsed = performance.now() - started;
expect(elapsed).toBeLessThan(50);`,
      [4],
    ],
    [
      "a value computed from a duration, on another line",
      `const started = performance.now();
const seconds = (performance.now() - started) / 1000;
let fastest = seconds;
fastest = Math.min(fastest, 3);
expect(
  fastest,
).toBeLessThan(10);`,
      [5],
    ],
    ["a clock read inside the assertion", "a.ok(Date.now() - started < 10_000, 'slow');", [1]],
    [
      "a duration as the expected value",
      "expect(LIMIT).toBeGreaterThan(took);\nconst took = Date.now() - t0;",
      [1],
    ],
    [
      "process.hrtime",
      "const t = process.hrtime.bigint();\nassert.ok(process.hrtime.bigint() - t < 5n);",
      [2],
    ],
    [
      "new Date()",
      "const before = new Date().getTime();\nexpect(Date.now() - before).toBeLessThanOrEqual(5);",
      [2],
    ],
  ])("%s", (_name, source, expected) => {
    expect(lines(source)).toEqual(expected);
  });
});

describe("findTimeAssertions passes", () => {
  it.each([
    [
      "an injected clock (retries.test.ts)",
      `const slept = h.clock.requested.filter((ms) => ms !== timeout);
expect(h.clock.elapsed()).toBe(23_500);
slept.forEach((ms) => expect(ms).toBeLessThan(base * 0.76));`,
    ],
    [
      "a deadline that throws when a wait hangs",
      `const deadline = Date.now() + timeoutMs;
while (!ready()) {
  if (Date.now() > deadline) throw new Error(\`timed out waiting for \${what}\`);
  await sleep(20);
}
expect(ready()).toBe(true);`,
    ],
    ["a sandbox clock", "expect(sandbox.now() - before).toBeGreaterThanOrEqual(HOUR);"],
    ["a duration only printed", 'const ms = performance.now() - t;\nconsole.log("took", ms);'],
    [
      "clock reads in strings, comments and regular expressions",
      `// expect(performance.now()).toBeLessThan(1)
expect("Date.now()").toBe(\`performance.now()\`);
expect(text).toMatch(/Date.now()/);`,
    ],
  ])("%s", (_name, source) => {
    expect(lines(source)).toEqual([]);
  });
});

describe("codeOnly", () => {
  it("blanks strings, comments and regular expressions, keeping lines and division", () => {
    const source = `a = "x'y" / 2; // c\nb = /["']/g; /* d\n */ c = (t - s) / 1000;`;
    const code = codeOnly(source);
    expect(code.split("\n")).toHaveLength(3);
    expect(code).toContain('a = "   " / 2;');
    expect(code).toContain("b = /    /g;");
    expect(code).toContain("c = (t - s) / 1000;");
    expect(code).not.toMatch(/[cd'x]\s*$/m);
  });
});

describe("isTestFile", () => {
  it.each([
    ["packages/webhooks/test/hostile.test.ts", true],
    ["packages/client/test/helpers/fake-clock.ts", true],
    ["packages/client/test/types.test-d.ts", true],
    ["tools/conformance/src/suite.ts", true],
    ["packages/client/src/core.ts", false],
    ["bench/webhooks.bench.ts", false],
    ["packages/client/test/__snapshots__/exports.test.ts.snap", false],
  ])("%s: %s", (path, expected) => {
    expect(isTestFile(path)).toBe(expected);
  });
});

describe("the command", () => {
  const cli = fileURLToPath(new URL("../src/check-test-timing-cli.ts", import.meta.url));

  it("fails on a test that asserts a duration, naming the file and line", () => {
    const dir = mkdtempSync(join(tmpdir(), "test-timing-"));
    try {
      execFileSync("git", ["init", "-q"], { cwd: dir });
      mkdirSync(join(dir, "test"));
      writeFileSync(
        join(dir, "test", "slow.test.ts"),
        "const t0 = performance.now();\nexpect(performance.now() - t0).toBeLessThan(50);\n",
      );
      writeFileSync(join(dir, "src.ts"), "expect(performance.now()).toBeLessThan(50);\n");
      const run = spawnSync(process.execPath, ["--import", "tsx", cli, dir], { encoding: "utf8" });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain("test/slow.test.ts:2: expect(performance.now() - t0)");
      expect(run.stderr).not.toContain("src.ts");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
