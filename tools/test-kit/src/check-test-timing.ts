/**
 * No test asserts wall-clock time: a bound on how long something took fails on a busy machine
 * and passes on an idle one, whatever the code does. Tests bound what can be counted (calls,
 * bytes, attempts); durations are figures for `pnpm bench`.
 *
 * A value is timed when it comes from the real clock (`performance.now()`, `Date.now()`,
 * `process.hrtime`, `new Date()`) or is computed from a timed value. An assertion (`expect(…)`
 * and its matchers, `assert…(…)`, `….ok(…)`, `….equal(…)`) that takes a timed value is reported.
 * A deadline that throws when a wait runs too long (`if (Date.now() > deadline) throw …`) is not
 * an assertion and passes; so does an injected clock (`clock.elapsed()`, `sandbox.now()`).
 */

/** A time assertion found in a file. */
export interface TimeAssertion {
  file: string;
  /** 1-based. */
  line: number;
  /** The source line, trimmed. */
  text: string;
}

const CLOCK_READ =
  /\bperformance\s*\.\s*now\s*\(|\bDate\s*\.\s*now\s*\(|\bhrtime\b|\bnew\s+Date\s*\(\s*\)/;

/** Callees whose arguments are asserted on. */
const ASSERTION_CALL =
  /(?:\bexpect(?:\s*\.\s*soft)?|\bassert(?:\s*\.\s*\w+)?|\.\s*(?:ok|equal|strictEqual|deepEqual|notEqual|to[A-Z]\w*))\s*\(/g;

/**
 * The source with comments, strings, template literals and regular expressions blanked out
 * (newlines kept), so only code is searched and line numbers still match.
 */
export function codeOnly(source: string): string {
  const out = source.split("");
  const blank = (from: number, to: number): void => {
    for (let i = from; i < to; i++) if (out[i] !== "\n") out[i] = " ";
  };
  let i = 0;
  let previous = ""; // the last significant code character, to tell a regex from a division
  while (i < source.length) {
    const char = source[i] as string;
    const next = source[i + 1];
    if (char === "/" && next === "/") {
      const end = source.indexOf("\n", i);
      const stop = end === -1 ? source.length : end;
      blank(i, stop);
      i = stop;
    } else if (char === "/" && next === "*") {
      const end = source.indexOf("*/", i + 2);
      const stop = end === -1 ? source.length : end + 2;
      blank(i, stop);
      i = stop;
    } else if (char === '"' || char === "'" || char === "`") {
      let j = i + 1;
      while (j < source.length && source[j] !== char) j += source[j] === "\\" ? 2 : 1;
      blank(i + 1, j);
      i = j + 1;
      previous = char;
    } else if (char === "/" && (previous === "" || "(,=:[!&|?{};+-*%<>~^".includes(previous))) {
      let j = i + 1;
      let inClass = false;
      while (j < source.length && source[j] !== "\n") {
        const c = source[j];
        if (c === "\\") j++;
        else if (c === "[") inClass = true;
        else if (c === "]") inClass = false;
        else if (c === "/" && !inClass) break;
        j++;
      }
      blank(i + 1, j);
      i = j + 1;
      previous = "/";
    } else {
      if (!/\s/.test(char)) previous = char;
      i++;
    }
  }
  return out.join("");
}

/** 1 for an opening bracket, -1 for a closing one, 0 for any other character. */
function bracket(char: string | undefined): number {
  if (char === "(" || char === "[" || char === "{") return 1;
  if (char === ")" || char === "]" || char === "}") return -1;
  return 0;
}

/** The text from `open` (an opening parenthesis) to its matching close. */
function balanced(code: string, open: number): string {
  let depth = 0;
  for (let i = open; i < code.length; i++) {
    depth += bracket(code[i]);
    if (depth === 0) return code.slice(open + 1, i);
  }
  return code.slice(open + 1);
}

/** The right-hand side of an assignment starting at `from`: up to `;`, or a line end at depth 0. */
function rightHandSide(code: string, from: number): string {
  let depth = 0;
  for (let i = from; i < code.length; i++) {
    const char = code[i];
    const step = bracket(char);
    if (step < 0 && depth === 0) return code.slice(from, i);
    depth += step;
    if (step !== 0 || depth !== 0) continue;
    if (char === ";" || char === ",") return code.slice(from, i);
    if (char === "\n" && !/[-+*/%(,=?:&|]\s*$/.test(code.slice(from, i)))
      return code.slice(from, i);
  }
  return code.slice(from);
}

/** Names assigned, anywhere in the file, a value read from the clock or computed from one. */
function timedNames(code: string): Set<string> {
  const assignments: { name: string; value: string }[] = [];
  const assignment = /\b([A-Za-z_$][\w$]*)\s*(?::\s*[\w$<>[\]| ]+)?(?:[-+*/]?=)(?![=>])/g;
  for (const match of code.matchAll(assignment)) {
    const name = match[1] as string;
    assignments.push({ name, value: rightHandSide(code, match.index + match[0].length) });
  }
  const timed = new Set<string>();
  let grew = true;
  while (grew) {
    grew = false;
    for (const { name, value } of assignments) {
      if (!timed.has(name) && isTimed(value, timed)) {
        timed.add(name);
        grew = true;
      }
    }
  }
  return timed;
}

function isTimed(expression: string, timed: ReadonlySet<string>): boolean {
  if (CLOCK_READ.test(expression)) return true;
  // An identifier, not a property of something else (`h.clock.elapsed` is not `elapsed`).
  for (const match of expression.matchAll(/(?<![.\w$])[A-Za-z_$][\w$]*/g)) {
    if (timed.has(match[0])) return true;
  }
  return false;
}

/** Every assertion in `source` that takes a value from the real clock. */
export function findTimeAssertions(source: string, file = "<source>"): TimeAssertion[] {
  const code = codeOnly(source);
  const timed = timedNames(code);
  const lines = source.split("\n");
  const found = new Map<number, TimeAssertion>();
  for (const match of code.matchAll(ASSERTION_CALL)) {
    const open = match.index + match[0].length - 1;
    if (!isTimed(balanced(code, open), timed)) continue;
    const line = code.slice(0, match.index).split("\n").length;
    found.set(line, { file, line, text: (lines[line - 1] ?? "").trim() });
  }
  return [...found.values()];
}

/** Whether a path (relative, `/`-separated) is test code: a test file or under a test folder. */
export function isTestFile(path: string): boolean {
  if (!/\.[cm]?[jt]sx?$/.test(path) || path.includes("node_modules/")) return false;
  return (
    /\.test(?:-d)?\.[cm]?[jt]sx?$/.test(path) ||
    /(?:^|\/)(?:test|tests|__tests__)\//.test(path) ||
    // The conformance suite runs as tests inside every runtime.
    path.startsWith("tools/conformance/src/")
  );
}
