// The conformance suite: one list of cases, run unchanged in Node, Deno, Bun, workerd and the
// edge-runtime VM against the sandbox. Web-standard code only: no node:*, no Deno/Bun globals,
// and no runtime import at all — each runtime's entry imports the built package it tests and
// passes it in, so the same files check @bestsms/node, @bestsms/deno, @bestsms/bun and
// @bestsms/edge.
//
// assert.ts is the assert library, context.ts what a case is given, fixtures.ts what the cases
// share, cases/ one file per group of cases, runner.ts how they run. Relative imports name the
// .ts file, as Deno (which runs these files as they are) needs.
export { type Assert, AssertionError, assert } from "./assert.ts";
export { cases } from "./cases/index.ts";
export type {
  ConformanceCase,
  Ctx,
  NativeHooks,
  SdkModule,
  ServedWebhooks,
  XmlModule,
} from "./context.ts";
export { servingHooks, WEBHOOK_LISTEN } from "./context.ts";
export {
  CASE_TIMEOUT_MS,
  type CaseResult,
  contextFrom,
  createRecorder,
  runCase,
  runCases,
  summary,
} from "./runner.ts";
