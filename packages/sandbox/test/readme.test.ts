// The README's quick start runs as written (against the sources) and prints what it says.
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it, vi } from "vitest";

const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
const script = fileURLToPath(new URL(`./.quickstart-${process.pid}.tmp.mjs`, import.meta.url));

afterAll(() => {
  rmSync(script, { force: true });
});

describe("the README", () => {
  it("has a quick start that runs and prints what its comments say", async () => {
    const section = readme.slice(readme.indexOf("## Quick start"));
    const code = /```js\n([\s\S]*?)```/.exec(section)?.[1];
    if (code === undefined) throw new Error("no js block in the quick start");
    writeFileSync(script, code);
    const lines: unknown[][] = [];
    const log = vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
      lines.push(args);
    });
    try {
      await import(script);
    } finally {
      log.mockRestore();
    }
    expect(lines).toEqual([
      ["Pending"],
      ["Completed", 1, 1, 0.2],
      [["+61421000001 Success Sent OK", "+61421009900 Failed Bad Number"]],
      ["Hi Jess, your order is ready."],
    ]);
    // The comments in the block say the same.
    expect(code).toContain("// Pending");
    expect(code).toContain("// Completed 1 1 0.2");
    expect(code).toContain(
      "// [ '+61421000001 Success Sent OK', '+61421009900 Failed Bad Number' ]",
    );
    expect(code).toContain("// Hi Jess, your order is ready.");
  });

  it("lists the failing-number table the sandbox uses", async () => {
    const { FAILING_NUMBERS } = await import("../src/app.js");
    for (const rule of FAILING_NUMBERS) {
      const row = new RegExp(
        `\\| \`${rule.ending}\`\\s+\\|[^\\n]*${rule.result ? rule.result : '`""`'}`,
      );
      expect(readme).toMatch(row);
    }
  });
});
