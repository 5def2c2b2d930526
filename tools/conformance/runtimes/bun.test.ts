// Bun: bun test ./runtimes/bun.test.ts
import { afterAll, test } from "bun:test";
import * as sdk from "@bestsms/bun";
import * as xml from "@bestsms/webhooks/xml";
import {
  CASE_TIMEOUT_MS,
  cases,
  contextFrom,
  createRecorder,
  servingHooks,
  WEBHOOK_LISTEN,
} from "../src/suite.ts";

const native = servingHooks("@bestsms/bun", sdk.clientFromEnv, (options) => {
  const server = sdk.serveWebhooks({ ...options, ...WEBHOOK_LISTEN });
  return { url: new URL(WEBHOOK_LISTEN.path, server.url), close: () => server.stop(true) };
});

const runtime = `bun/${Bun.version}`;
const ctx = contextFrom(Bun.env, runtime, sdk, xml, native);
const recorder = createRecorder(runtime);

for (const testCase of cases) {
  test(testCase.name, () => recorder.run(testCase, ctx), CASE_TIMEOUT_MS + 5_000);
}

afterAll(() => {
  console.log(recorder.summary());
});
