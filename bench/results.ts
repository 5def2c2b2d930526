// One row of bench/RESULTS.md, reported by a benchmark on its own stdout line; `pnpm bench`
// (run.ts) collects the rows of a full run and writes the file, so it always holds the figures of
// the latest run.

/** A row of the results table. */
export interface ResultRow {
  /** What was measured (`validation`: send request with 1,000 destinations). */
  readonly benchmark: string;
  /** The figure (`5,784 ops/s`). */
  readonly figure: string;
  /** The baseline measured in the same run, with its figure. */
  readonly baseline: string;
  /** The figure against the baseline. */
  readonly ratio: string;
  /** The goal the benchmark checks, or "—". */
  readonly goal: string;
}

/** The marker of a result line in a benchmark's output. */
export const RESULT_PREFIX = "::bench-result ";

/** Reports one row: printed as a marked line that run.ts reads and does not echo. */
export function report(row: ResultRow): void {
  console.log(`${RESULT_PREFIX}${JSON.stringify(row)}`);
}

/** `12345.6` → `12,346` */
export function grouped(value: number, digits = 0): string {
  return value.toLocaleString("en-US", {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

/** The middle value (the upper of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
}
