// Builds the Worker as `pnpm build` does (`wrangler deploy --dry-run`, offline), checks the
// bundle, then runs that bundle in workerd (miniflare) against a sandbox in this process: an
// inbound SMS posted by the sandbox must be answered through the client.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import type { RunningSandbox } from "@bestsms/sandbox";
import { Miniflare } from "miniflare";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ExampleOutput,
  exampleEnv,
  expectInboundAnswered,
  expectUnsignedRefused,
  startExampleSandbox,
} from "../../../tools/test-kit/src/examples.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const wrangler = join(
  dirname(createRequire(import.meta.url).resolve("wrangler/package.json")),
  "bin/wrangler.js",
);

let outdir = "";
let build: ReturnType<typeof spawnSync>;
let bundle = "";

beforeAll(async () => {
  outdir = await mkdtemp(join(tmpdir(), "bestsms-worker-"));
  build = spawnSync(process.execPath, [wrangler, "deploy", "--dry-run", "--outdir", outdir], {
    cwd: root,
    encoding: "utf8",
    timeout: 12_000,
    env: { ...process.env, WRANGLER_HIDE_BANNER: "true", WRANGLER_SEND_METRICS: "false" },
  });
  const file = join(outdir, "index.js");
  bundle = existsSync(file) ? await readFile(file, "utf8") : "";
});

afterAll(async () => {
  if (outdir) await rm(outdir, { recursive: true, force: true });
});

describe("wrangler deploy --dry-run", () => {
  it("builds offline, with no Node built-in in the bundle", () => {
    expect(build.status, String(build.stderr)).toBe(0);
    expect(build.stdout).toContain("--dry-run: exiting now.");
    expect(bundle.length).toBeGreaterThan(1_000);
    expect(bundle).not.toMatch(/\bfrom\s*["']node:|\bimport\s*["']node:|\bimport\(\s*["']node:/);
    expect(bundle).not.toMatch(/\brequire\(\s*["']node:/);
  });
});

describe("the built Worker in workerd", () => {
  let sandbox: RunningSandbox | undefined;
  let mf: Miniflare | undefined;

  afterAll(async () => {
    await mf?.dispose();
    await sandbox?.close();
  });

  it("answers an inbound SMS through the client and logs the reply's status report", async () => {
    const compatibilityDate = /^compatibility_date\s*=\s*"([\d-]+)"/m.exec(
      await readFile(join(root, "wrangler.toml"), "utf8"),
    )?.[1];
    const started = await startExampleSandbox();
    sandbox = started.sandbox;
    const output = new ExampleOutput();
    mf = new Miniflare({
      scriptPath: join(outdir, "index.js"),
      modules: true,
      // Module names are relative to this root; the bundle lives outside the working directory.
      modulesRoot: outdir,
      compatibilityDate: compatibilityDate ?? "",
      host: "127.0.0.1",
      port: started.port,
      bindings: exampleEnv(sandbox),
      handleRuntimeStdio: (stdout: Readable, stderr: Readable) => {
        output.capture(stdout);
        output.capture(stderr);
      },
    });
    await mf.ready;

    // The Worker sends its reply before answering the webhook (respondFirst: false).
    await expectInboundAnswered({ sandbox, output });
    await expectUnsignedRefused(started.webhookUrl, "+61421000002");
  });
});
