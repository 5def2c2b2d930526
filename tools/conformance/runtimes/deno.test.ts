// Deno: deno test -A --no-check runtimes/deno.test.ts (deno.json: node_modules resolution, no
// lockfile; tsc type-checks the suite).
import * as sdk from "@bestsms/deno";
import * as xml from "@bestsms/webhooks/xml";
import { cases, contextFrom, createRecorder, type NativeHooks } from "../src/suite.ts";

const native: NativeHooks = {
  packageName: "@bestsms/deno",
  clientFromEnv: (env) => sdk.clientFromEnv({ env }),
  serveWebhooks(options) {
    const server = sdk.serveWebhooks({
      ...options,
      port: 0,
      hostname: "127.0.0.1",
      path: "/webhooks",
      onListen: () => {},
    });
    const url = `http://127.0.0.1:${server.addr.port}/webhooks`;
    return Promise.resolve({
      post: (init) => fetch(url, { method: "POST", ...init }),
      close: () => server.shutdown(),
    });
  },
};

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
