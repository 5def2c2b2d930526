/// <reference types="node" />
// The package never generates code at run time: its bundle validates under
// `node --disallow-code-generation-from-strings` and inside workerd, where eval is refused.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { Miniflare } from "miniflare";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleForWorker } from "../../../tools/test-kit/src/worker-bundle.js";
import * as validation from "../src/index.js";

const entry = fileURLToPath(new URL("../src/index.ts", import.meta.url));

/**
 * The checks, as JavaScript source run in each runtime against the bundle's exports (`v`). The
 * first one proves the runtime really refuses to compile strings.
 */
const CHECKS = `
function runChecks(v) {
  let codeGenerationBlocked = false;
  try {
    new Function("return 1")();
  } catch (error) {
    codeGenerationBlocked = error instanceof EvalError;
  }
  const good = {
    MessageData: {
      MessageID: "renewal-2025-08-jess",
      Reference: "Membership renewal",
      Message: "Hi [[FirstName]], your renewal is due.",
      Destinations: [
        { Recipient: "+61421000001", FirstName: "Jess" },
        { ContactID: "6000000b-f002-4007-b00a-c00000000002" },
        { GroupID: "4000000b-f002-4007-b00a-c00000000001" },
      ],
      SendTime: "2025-08-10 09:00",
      SMSEmailReply: "person@example.com",
      Mode: "Test",
      WebhookCallbackURL: "https://www.example.com/webhook",
      WebhookCallbackFormat: "JSON",
    },
  };
  const bad = {
    MessageData: {
      MessageID: "a".repeat(41),
      Message: "Hi",
      Destinations: [{ Recipient: "0421000001" }, { ContactID: "C1", GroupID: "G1" }],
      Mode: "test",
      WebhookCallbackURL: "http://www.example.com/webhook",
    },
  };
  const hook = { Type: "SMS", MessageID: "js82hn8n", Status: "SUCCESS", Price: "0.20" };
  const goodResult = v.sendMessageRequest.validate(good);
  const badResult = v.sendMessageRequest["~standard"].validate(bad);
  let thrown = null;
  try {
    v.assertSendMessageRequest(bad);
  } catch (error) {
    thrown = { name: error.name, isSchemaError: error instanceof v.SchemaValidationError };
  }
  return {
    codeGenerationBlocked,
    goodIs: v.isSendMessageRequest(good),
    goodValueIsInput: goodResult.value === good,
    badIs: v.sendMessageRequest.is(bad),
    badIssues: badResult.issues.map((issue) => [issue.path.join("/"), issue.rule, issue.message]),
    thrown,
    hookValid: v.statusWebhook.validate(hook).issues === undefined,
    hookAsReceived: v.receivedWebhook.validate(hook).issues.map((issue) => issue.message),
    segments: v.smsSegments("Hi [[FirstName]] €5").segments,
  };
}
`;

const EXPECTED = {
  codeGenerationBlocked: true,
  goodIs: true,
  goodValueIsInput: true,
  badIs: false,
  badIssues: [
    ["MessageData/MessageID", "maxLength", "MessageData.MessageID: at most 40 characters, got 41"],
    [
      "MessageData/Destinations/0/Recipient",
      "pattern",
      'MessageData.Destinations[0].Recipient: must match ^\\+[1-9][0-9]{6,14}$, got "0421000001"',
    ],
    [
      "MessageData/Destinations/1/GroupID",
      "additionalProperties",
      "MessageData.Destinations[1].GroupID: not a known field",
    ],
    ["MessageData/Mode", "enum", 'MessageData.Mode: must be one of "Test", got "test"'],
    [
      "MessageData/WebhookCallbackURL",
      "pattern",
      'MessageData.WebhookCallbackURL: must match ^https://, got "http://www.example.com/webhook"',
    ],
    [
      "MessageData/WebhookCallbackFormat",
      "dependentRequired",
      "MessageData.WebhookCallbackFormat: required when WebhookCallbackURL is given",
    ],
  ],
  thrown: { name: "SchemaValidationError", isSchemaError: true },
  hookValid: true,
  hookAsReceived: ['Type: must be one of "SMSReply", "SMSInbound", got "SMS"'],
  segments: 1,
};

let dir = "";
let bundle = "";

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "bestsms-validation-"));
  const result = await bundleForWorker(entry);
  // Nothing in the package imports a Node built-in.
  expect(result.nodeImports).toEqual([]);
  bundle = result.code;
  writeFileSync(join(dir, "bundle.mjs"), bundle);
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("the bundle of src/index.ts", () => {
  it("is self-contained and generates no code", () => {
    expect(bundle.length).toBeGreaterThan(10_000);
    expect(bundle).not.toMatch(/\bimport\s*\(|\bfrom\s*["']|\brequire\(/);
    expect(bundle).not.toContain("new Function");
    expect(bundle).not.toContain("eval(");
    expect(bundle).not.toMatch(/\bFunction\(/);
  });

  it("the checks pass in this process too (the expectations are right)", () => {
    const run = new Function("v", `${CHECKS}\nreturn runChecks(v);`) as (
      v: typeof validation,
    ) => Record<string, unknown>;
    // This process allows code generation, so only that entry differs.
    expect({ ...run(validation), codeGenerationBlocked: true }).toEqual(EXPECTED);
  });
});

describe("node --disallow-code-generation-from-strings", () => {
  it("validates with the bundle", async () => {
    const script = join(dir, "node-check.mjs");
    writeFileSync(
      script,
      `import * as v from "./bundle.mjs";\n${CHECKS}\nconsole.log(JSON.stringify(runChecks(v)));\n`,
    );
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ["--disallow-code-generation-from-strings", script],
      { cwd: dir },
    );
    expect(JSON.parse(stdout)).toEqual(EXPECTED);
  });
});

describe("workerd (miniflare)", () => {
  it("validates with the bundle inside a Worker", async () => {
    const worker = `import * as v from "./bundle.mjs";
${CHECKS}
export default {
  async fetch() {
    return Response.json(runChecks(v));
  },
};
`;
    const mf = new Miniflare({
      modules: [
        { type: "ESModule", path: join(dir, "worker.mjs"), contents: worker },
        { type: "ESModule", path: join(dir, "bundle.mjs"), contents: bundle },
      ],
      modulesRoot: dir,
      compatibilityDate: "2025-01-01",
    });
    try {
      const response = await mf.dispatchFetch("http://localhost/");
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual(EXPECTED);
    } finally {
      await mf.dispose();
    }
  });
});
