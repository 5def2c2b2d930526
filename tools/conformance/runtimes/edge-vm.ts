// The edge-runtime VM (@edge-runtime/vm, as Vercel's Edge Runtime): bundled by src/build.ts into
// a script that defines `runConformance(env)`, which runs every case.
import * as xml from "@bestsms/webhooks/xml";
import { type CaseResult, contextFrom, runCases } from "../src/suite.js";
import { edgeNative, edgeSdk } from "./edge-native.js";

async function runConformance(env: Record<string, unknown>): Promise<CaseResult[]> {
  return runCases(contextFrom(env, "edge-runtime", edgeSdk, xml, edgeNative));
}

Object.assign(globalThis, { runConformance });
