import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { budgets, measure, type SizeMeasurement, sizeTable } from "../src/size-budgets.js";

const here = dirname(dirname(fileURLToPath(import.meta.url)));
const readme = join(here, "..", "..", "README.md");
const measured = new Map<string, SizeMeasurement>();

beforeAll(async () => {
  for (const entry of budgets) measured.set(entry.name, await measure(entry, here));
});

afterAll(() => {
  const rows = budgets.flatMap((entry) => measured.get(entry.name) ?? []);
  const table = sizeTable(rows);
  writeFileSync(
    join(here, "size-budgets.md"),
    `# Size budgets\n\nBuilt packages bundled with esbuild (minified, ESM, platform neutral), gzip -9.\nWritten by \`test/size-budgets.test.ts\`.\n\n${table}`,
  );
  console.log(`\n${table}`);
});

function gzipOf(name: string): number {
  const row = measured.get(name);
  if (row === undefined) throw new Error(`${name} was not measured`);
  return row.gzip;
}

describe("size budgets (built output, gzip)", () => {
  for (const entry of budgets) {
    it(`${entry.name} ≤ ${entry.budget} B`, () => {
      expect(gzipOf(entry.name)).toBeLessThanOrEqual(entry.budget);
    });
  }

  it("the README lists every budget row with its budget", () => {
    const text = readFileSync(readme, "utf8");
    const section = text.slice(text.indexOf("## Releases and budgets"));
    expect(section.startsWith("## Releases and budgets")).toBe(true);
    // Cells, trimmed: the table may be re-aligned by a Markdown formatter.
    const rows = section
      .split("\n")
      .filter((line) => line.startsWith("|"))
      .map((line) => line.split("|").map((cell) => cell.trim()));
    for (const entry of budgets) {
      const row = rows.find((cells) => cells[1] === entry.name);
      expect(row, `README row for ${entry.name}`).toBeDefined();
      expect(row?.[4]).toBe(`${entry.budget.toLocaleString("en-US")} B`);
    }
  });
});
