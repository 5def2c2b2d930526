/**
 * Numbers whose ending decides what becomes of a message to them, so tests can provoke every
 * outcome. Any other number is delivered (`Success`, `Sent OK`). Test mode (`Mode: "Test"`)
 * ignores this table: the document says a test message is "instantly called a SUCCESS".
 *
 * The endings avoid the spec's example numbers (`+61421000001`, `+61421000002` …), which are
 * meant to succeed.
 */
export interface FailingNumberRule {
  /** The last digits of the number. */
  readonly ending: string;
  /** `FAILED`: the recipient fails. `PENDING`: it never gets a final report. */
  readonly outcome: "FAILED" | "PENDING";
  /** The recipient's `Result` (and the webhook's) when it fails. */
  readonly result: string;
  /** A transient failure fails the first attempt only: a resubmit succeeds. */
  readonly transient: boolean;
  /** What it stands for. */
  readonly description: string;
}

/** The failing-number table; see the README. */
export const FAILING_NUMBERS: readonly FailingNumberRule[] = [
  {
    ending: "9900",
    outcome: "FAILED",
    result: "Bad Number",
    transient: false,
    description: "The number does not exist; a resubmit fails again.",
  },
  {
    ending: "9901",
    outcome: "FAILED",
    result: "Blocked",
    transient: false,
    description: "The recipient blocked the sender or opted out; a resubmit fails again.",
  },
  {
    ending: "9902",
    outcome: "FAILED",
    result: "Expired",
    transient: true,
    description: "The handset stayed unreachable until the message expired; a resubmit succeeds.",
  },
  {
    ending: "9903",
    outcome: "FAILED",
    result: "Network Error",
    transient: true,
    description: "The carrier's network failed; a resubmit succeeds.",
  },
  {
    ending: "9999",
    outcome: "PENDING",
    result: "",
    transient: false,
    description: "No final report ever arrives: the recipient stays Pending (for timeout tests).",
  },
];

/**
 * The rule for a number, if its ending is in {@link FAILING_NUMBERS}.
 *
 * @example
 * ```ts
 * failingNumberRule("+61421009900")?.result; // "Bad Number"
 * failingNumberRule("+61421000001"); // undefined: delivered
 * ```
 */
export function failingNumberRule(number: string): FailingNumberRule | undefined {
  return FAILING_NUMBERS.find((rule) => number.endsWith(rule.ending));
}
