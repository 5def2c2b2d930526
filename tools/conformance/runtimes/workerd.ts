// workerd: bundled by src/build.ts into .out/workerd.js and run by miniflare. One request runs
// every case and answers with the results as JSON; the sandbox comes in through bindings.
import * as xml from "@bestsms/webhooks/xml";
import { contextFrom, runCases } from "../src/suite.js";
import { edgeNative, edgeSdk } from "./edge-native.js";

export default {
  async fetch(_request: Request, env: Record<string, unknown>): Promise<Response> {
    const ctx = contextFrom(env, "workerd", edgeSdk, xml, edgeNative);
    return Response.json({ runtime: ctx.runtime, results: await runCases(ctx) });
  },
};
