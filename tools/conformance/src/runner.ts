// Running the cases, and the line every runner prints.
import { AssertionError, assert, show } from "./assert.ts";
import { cases } from "./cases/index.ts";
import type { ConformanceCase, Ctx, NativeHooks, SdkModule, XmlModule } from "./context.ts";

/** The outcome of one case. */
export interface CaseResult {
  readonly name: string;
  readonly ok: boolean;
  readonly ms: number;
  readonly error?: string;
}

/** Longest a case may take before it counts as failed. */
export const CASE_TIMEOUT_MS = 20_000;

function describe(error: unknown): string {
  const text =
    error instanceof Error ? `${error.name}: ${error.message}` : `thrown: ${show(error)}`;
  return text.replace(/\s+/g, " ").trim();
}

/** Runs one case within {@link CASE_TIMEOUT_MS}; never throws. */
export async function runCase(testCase: ConformanceCase, ctx: Ctx): Promise<CaseResult> {
  const started = Date.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`did not finish within ${CASE_TIMEOUT_MS} ms`)),
      CASE_TIMEOUT_MS,
    );
  });
  try {
    await Promise.race([testCase.run(ctx), deadline]);
    return { name: testCase.name, ok: true, ms: Date.now() - started };
  } catch (error) {
    return { name: testCase.name, ok: false, ms: Date.now() - started, error: describe(error) };
  } finally {
    clearTimeout(timer);
  }
}

/** Runs every case, one after another. */
export async function runCases(ctx: Ctx): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  for (const testCase of cases) results.push(await runCase(testCase, ctx));
  return results;
}

/**
 * The machine-readable summary: `conformance: <runtime> <passed>/<total>`, then one
 * `conformance failed: <case>: <error>` line per failure.
 */
export function summary(runtime: string, results: readonly CaseResult[]): string {
  const passed = results.filter((r) => r.ok).length;
  return [
    `conformance: ${runtime} ${passed}/${results.length}`,
    ...results.filter((r) => !r.ok).map((r) => `conformance failed: ${r.name}: ${r.error}`),
  ].join("\n");
}

/** For test-framework runners: runs a case, records it, and throws if it failed. */
export function createRecorder(runtime: string): {
  run(testCase: ConformanceCase, ctx: Ctx): Promise<void>;
  summary(): string;
} {
  const results: CaseResult[] = [];
  return {
    async run(testCase, ctx) {
      const result = await runCase(testCase, ctx);
      results.push(result);
      if (!result.ok) throw new AssertionError(result.error);
    },
    summary: () => summary(runtime, results),
  };
}

/** The context from environment variables or Worker bindings: SANDBOX_URL, SANDBOX_TOKEN, STALL_URL. */
export function contextFrom(
  env: Readonly<Record<string, unknown>>,
  runtime: string,
  sdk: SdkModule,
  xml: XmlModule | undefined,
  native?: NativeHooks,
): Ctx {
  const text = (name: string): string | undefined => {
    const value = env[name];
    return typeof value === "string" && value !== "" ? value : undefined;
  };
  const baseUrl = text("SANDBOX_URL");
  const token = text("SANDBOX_TOKEN");
  if (!baseUrl || !token) {
    throw new Error("conformance: set SANDBOX_URL and SANDBOX_TOKEN (a running sandbox)");
  }
  return {
    sdk,
    xml,
    baseUrl,
    token,
    stallUrl: text("STALL_URL"),
    refusedUrl: text("REFUSED_URL"),
    runtime,
    native,
    assert,
  };
}
