// Deno: deno test -A --no-check runtimes/deno.test.ts (deno.json: node_modules resolution, no
// lockfile; tsc type-checks the suite).
import * as sdk from "@bestsms/deno";
import * as xml from "@bestsms/webhooks/xml";
import { cases, contextFrom, createRecorder, servingHooks, WEBHOOK_LISTEN } from "../src/suite.ts";

const native = servingHooks("@bestsms/deno", sdk.clientFromEnv, (options) => {
  const server = sdk.serveWebhooks({ ...options, ...WEBHOOK_LISTEN, onListen: () => {} });
  const { hostname, path } = WEBHOOK_LISTEN;
  return { url: `http://${hostname}:${server.addr.port}${path}`, close: () => server.shutdown() };
});

const runtime = `deno/${Deno.version.deno}`;
const ctx = contextFrom(Deno.env.toObject(), runtime, sdk, xml, native);
const recorder = createRecorder(runtime);

for (const testCase of cases) {
  Deno.test(testCase.name, () => recorder.run(testCase, ctx));
}

// Registered last, so it runs last: Deno has no afterAll.
Deno.test("conformance summary", () => {
  console.log(recorder.summary());
});
