// `pnpm pack:install` (scripts/pack-install.mjs), the install the root README gives until the
// packages are on the registry: run for real into a fresh project with only a package.json, for
// `@bestsms/node` alone, then a small ESM program in that project uses what was installed. The
// packages' registry dependencies (openapi-fetch, fast-xml-parser) come from npm's cache when it
// has them (`--prefer-offline`), as in tarballs.test.ts. Nothing the program does leaves the
// machine.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { root } from "../src/build.js";
import { type ProcessResult, runProcess } from "../src/process.js";
import { publishedPackages } from "../src/published.js";

const repo = resolve(root, "../..");

interface Manifest {
  readonly name: string;
  readonly version: string;
  readonly dependencies?: Record<string, string>;
  readonly peerDependencies?: Record<string, string>;
}

const read = (path: string): Manifest => JSON.parse(readFileSync(path, "utf8")) as Manifest;

/** The workspace's version of each published package. */
const versions = new Map(publishedPackages().map((pkg) => [pkg.name, pkg.version]));

let project = "";
let install: ProcessResult | undefined;

beforeAll(async () => {
  project = await mkdtemp(join(tmpdir(), "bestsms-pack-install-"));
  await writeFile(
    join(project, "package.json"),
    `${JSON.stringify({ name: "my-app", private: true, type: "module" }, null, 2)}\n`,
  );
  // The packages are built already: turbo builds this package's dependencies before its tests.
  install = await runProcess(
    "pnpm",
    ["run", "pack:install", project, "@bestsms/node", "--no-build", "--prefer-offline"],
    { cwd: repo, timeoutMs: 170_000 },
  );
}, 180_000);

afterAll(async () => {
  if (project !== "") await rm(project, { recursive: true, force: true });
});

function installed(): string {
  if (install === undefined) throw new Error("pack:install did not run");
  expect(install.code, install.output).toBe(0);
  return join(project, "node_modules");
}

describe("pnpm pack:install <project> @bestsms/node", () => {
  it("installs @bestsms/node and the packages it depends on, and no other", () => {
    const modules = installed();
    expect(install?.output).toContain(`pack:install: installed @bestsms/node in ${project}`);
    expect(readdirSync(join(modules, "@bestsms")).sort()).toEqual([
      "client",
      "node",
      "validation",
      "webhooks",
    ]);
    const app = read(join(project, "package.json"));
    expect(Object.keys(app.dependencies ?? {})).toEqual(["@bestsms/node"]);
    expect(app.dependencies?.["@bestsms/node"]).toMatch(/^file:\.bestsms-tarballs\/.+\.tgz$/);
    // Resolved from the registry's packages, not from the workspace.
    expect(existsSync(join(modules, "openapi-fetch", "package.json"))).toBe(true);
  });

  it("the installed manifests carry the workspace's versions and no workspace: or catalog: range", () => {
    const modules = installed();
    for (const name of readdirSync(join(modules, "@bestsms"))) {
      const manifest = read(join(modules, "@bestsms", name, "package.json"));
      expect(manifest.version, manifest.name).toBe(versions.get(manifest.name));
      const ranges = { ...manifest.dependencies, ...manifest.peerDependencies };
      for (const [dependency, range] of Object.entries(ranges)) {
        expect(range, `${manifest.name} -> ${dependency}`).not.toMatch(/^(workspace|catalog):/);
        const own = versions.get(dependency);
        if (own !== undefined) expect(range, `${manifest.name} -> ${dependency}`).toBe(`^${own}`);
      }
    }
  });

  it("a program in the project imports @bestsms/node and uses it", async () => {
    installed();
    await writeFile(join(project, "main.mjs"), PROGRAM);
    const result = await runProcess(process.execPath, ["main.mjs"], {
      cwd: project,
      timeoutMs: 60_000,
      // Port 9 (discard) on loopback: nothing is listening, and nothing should be sent.
      env: { BESTSMS_AUTH_TOKEN: "token-from-env", BESTSMS_BASE_URL: "http://127.0.0.1:9" },
    });
    expect(result.code, result.output).toBe(0);
    expect(result.output.trim().split("\n")).toEqual([
      "e164 +61421000001",
      "client raw true",
      "validation Reference maxLength",
      "webhook 200 ok ID123 SUCCESS",
    ]);
  });
});

/** What a user would try first: the SMS tools, a client from the environment, a webhook. */
const PROGRAM = `import {
  BestSMS,
  ValidationError,
  clientFromEnv,
  createWebhookHandler,
  rawClient,
  toE164,
} from "@bestsms/node";

console.log("e164", toE164("0421 000 001", { defaultCountry: "AU" }));

const client = clientFromEnv({ maxRetries: 0 });
console.log("client raw", client instanceof BestSMS && typeof rawClient(client).POST === "function");

try {
  await client.messaging.sms.sendMessage({
    Reference: "x".repeat(81),
    MessageText: "Hi",
    Recipients: "+61421000001",
  });
  console.log("validation: sent");
} catch (error) {
  if (!(error instanceof ValidationError)) throw error;
  const issue = error.issues[0];
  console.log("validation", issue.path.join("."), issue.rule);
}

let seen = "";
const handler = createWebhookHandler({
  token: "webhook-token",
  onStatus: ({ payload }) => {
    seen = \`\${payload.MessageID} \${payload.Status}\`;
  },
  onReceived: () => {},
});
const response = await handler(
  new Request("http://localhost/webhooks", {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: "Basic webhook-token" },
    body: JSON.stringify({ Type: "SMS", MessageID: "ID123", Status: "SUCCESS", Result: "Sent OK" }),
  }),
);
console.log("webhook", response.status, await response.text(), seen);
`;
