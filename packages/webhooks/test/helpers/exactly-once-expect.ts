// What every exactly-once run (Redis, Deno KV, Durable Objects) must show, checked the same way
// for each; with FAULTS_PRINT set, the run's figures are printed first.
import { expect } from "vitest";
import { type ExactlyOnceReport, percentile } from "./exactly-once.js";

export function expectExactlyOnce(
  store: string,
  report: ExactlyOnceReport,
  options: {
    /** The stopped receiver was killed with callbacks under way: those must be handled on redelivery. */
    handledOnRedelivery?: boolean;
  } = {},
): void {
  if (process.env.FAULTS_PRINT) {
    console.log(
      `${store}: ${report.deliveries} deliveries in ${Math.round(report.elapsedMs)} ms ` +
        `(${Math.round((report.deliveries / report.elapsedMs) * 1000)}/s), ` +
        `p99 ${percentile(report.latenciesMs, 99).toFixed(1)} ms; answers ${JSON.stringify(report.answers)}, ` +
        `in flight at stop ${report.inFlightAtStop}, redelivered ${report.redelivered} ${JSON.stringify(report.redeliveryAnswers)}`,
    );
  }
  expect(report.deliveries).toBe(2_000);
  expect(report.handledTwice).toEqual([]);
  expect(report.lost).toEqual([]);
  expect(report.inFlightAtStop).toBeGreaterThan(0);
  expect(report.answers.failed).toBeGreaterThan(0);
  // Events whose callback died with the receiver were handled on redelivery, after the lease.
  if (options.handledOnRedelivery) expect(report.redeliveryAnswers.ok).toBeGreaterThan(0);
  expect(report.answers.ok + report.answers.duplicate + report.answers.failed).toBe(2_000);
}
