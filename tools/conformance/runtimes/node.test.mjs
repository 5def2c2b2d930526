// Node (20, 22, 24): node --test runtimes/node.test.mjs, after `tsx src/build.ts` (Node 20
// cannot run the suite's TypeScript, so it imports .out/suite.js).
import { createServer } from "node:http";
import { after, test } from "node:test";
import * as sdk from "@bestsms/node";
import * as xml from "@bestsms/webhooks/xml";
import { cases, contextFrom, createRecorder } from "../.out/suite.js";

/** @type {import("../src/suite.ts").NativeHooks} */
const native = {
  packageName: "@bestsms/node",
  clientFromEnv: (env) => sdk.clientFromEnv({ env }),
  async serveWebhooks(options) {
    const server = createServer(sdk.toNodeListener(sdk.createWebhookHandler(options)));
    await new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(undefined)));
    const url = `http://127.0.0.1:${server.address().port}/webhooks`;
    return {
      post: (init) => fetch(url, { method: "POST", ...init }),
      close: () =>
        new Promise((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        }),
    };
  },
};

const runtime = `node/${process.versions.node}`;
const ctx = contextFrom(process.env, runtime, sdk, xml, native);
const recorder = createRecorder(runtime);

for (const testCase of cases) test(testCase.name, () => recorder.run(testCase, ctx));

after(() => {
  console.log(recorder.summary());
});
