// What is published, not the source: every public package is packed with pnpm (which rewrites
// `workspace:` and `catalog:` ranges), linted with publint --strict, checked with attw's
// esm-only profile, then installed from the tarballs into a fresh project where a small script
// per runtime sends an SMS to the sandbox — itself started from its own tarball's bin.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import { Miniflare } from "miniflare";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { root } from "../src/build.js";
import { type ProcessResult, runProcess } from "../src/process.js";
import { type PublishedPackage, publishedPackages } from "../src/published.js";

/** Read when the file is collected, so there is one test per package found. */
const published: PublishedPackage[] = publishedPackages();

/**
 * Findings that are real and not fixed yet: the test is `it.fails` for these, so the file
 * documents the current state and turns red once the package is fixed. Keyed by
 * `<check> <package>`.
 */
const KNOWN_FINDINGS: Readonly<Record<string, string>> = {};

const bin = (name: string): string => join(root, "node_modules", ".bin", name);

let work = "";
const tarballs = new Map<string, string>();
const packFailures = new Map<string, string>();
const findings: string[] = [];

function output(result: ProcessResult): string {
  return result.output.trim();
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "bestsms-tarballs-"));
  await mkdir(join(work, "tarballs"));
  // pnpm packs one package at a time here: it is quick, and two cores are all there is.
  for (const pkg of published) {
    if (!existsSync(join(pkg.dir, "dist"))) {
      packFailures.set(pkg.name, `${pkg.name} is not built (no dist): run its build first`);
      continue;
    }
    const result = await runProcess(
      "pnpm",
      ["--dir", pkg.dir, "pack", "--pack-destination", join(work, "tarballs")],
      { cwd: root, timeoutMs: 60_000 },
    );
    const tarball = output(result)
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line.endsWith(".tgz"))
      .pop();
    if (result.code !== 0 || tarball === undefined || !existsSync(tarball)) {
      packFailures.set(pkg.name, `pnpm pack failed (exit ${result.code}):\n${output(result)}`);
    } else {
      tarballs.set(pkg.name, tarball);
    }
  }
}, 180_000);

afterAll(async () => {
  if (findings.length > 0) console.log(`tarball checks:\n${findings.join("\n")}`);
  if (work !== "") await rm(work, { recursive: true, force: true });
});

function tarballOf(name: string): string {
  const tarball = tarballs.get(name);
  if (tarball === undefined) throw new Error(packFailures.get(name) ?? `${name} was not packed`);
  return tarball;
}

/** `it`, or `it.fails` for a finding listed in {@link KNOWN_FINDINGS}. */
function check(key: string, test: () => Promise<void>): void {
  const known = KNOWN_FINDINGS[key];
  if (known === undefined) it(key, test);
  else it.fails(`${key} (known: ${known})`, test);
}

describe("publint --strict", () => {
  for (const pkg of published) {
    check(`publint ${pkg.name}`, async () => {
      const result = await runProcess(bin("publint"), ["run", tarballOf(pkg.name), "--strict"], {
        cwd: work,
        timeoutMs: 60_000,
      });
      const text = output(result)
        .split("\n")
        .filter((line) => !/^(Running publint|Unpacking tarball|Linting)/.test(line))
        .join("\n");
      findings.push(
        `  publint ${pkg.name}: ${result.code === 0 ? text : `exit ${result.code}: ${text}`}`,
      );
      // --strict turns warnings into errors: exit 0 means neither. Suggestions are only shown.
      expect(result.code, text).toBe(0);
      expect(text, "publint errors or warnings").not.toMatch(/^(Errors|Warnings):/m);
    });
  }
});

/** attw's esm-only profile: CommonJS resolution (node10, node16-cjs) is not asked for. */
const ESM_ONLY_IGNORED = new Set(["node10", "node16-cjs"]);

interface AttwProblem {
  kind: string;
  entrypoint?: string;
  resolutionKind?: string;
}

describe("attw --profile esm-only", () => {
  for (const pkg of published) {
    check(`attw ${pkg.name}`, async () => {
      const result = await runProcess(
        bin("attw"),
        [tarballOf(pkg.name), "--profile", "esm-only", "--format", "json"],
        { cwd: work, timeoutMs: 90_000 },
      );
      let problems: AttwProblem[];
      try {
        const json = JSON.parse(result.output) as { problems?: Record<string, AttwProblem[]> };
        problems = Object.values(json.problems ?? {})
          .flat()
          .filter((p) => p.resolutionKind === undefined || !ESM_ONLY_IGNORED.has(p.resolutionKind));
      } catch {
        throw new Error(`attw printed no JSON (exit ${result.code}):\n${output(result)}`);
      }
      const described = problems.map(
        (p) => `${p.kind} at ${p.entrypoint ?? "?"} (${p.resolutionKind ?? "any resolution"})`,
      );
      findings.push(
        `  attw ${pkg.name}: ${described.length === 0 ? "no problems" : described.join("; ")}`,
      );
      expect(described).toEqual([]);
      expect(result.code, output(result)).toBe(0);
    });
  }
});

describe("installed from the tarballs into a fresh project", () => {
  let project = "";
  let sandbox: { url: string; token: string; process: ChildProcess } | undefined;
  let setupError: Error | undefined;

  beforeAll(async () => {
    try {
      project = join(work, "project");
      await mkdir(project);
      // Every package that packed; a smoke test of one that did not fails on its own.
      const dependencies = Object.fromEntries(
        [...tarballs].map(([name, tarball]) => [name, `file:${tarball}`]),
      );
      await writeFile(
        join(project, "package.json"),
        `${JSON.stringify({ name: "bestsms-smoke", private: true, type: "module", dependencies }, null, 2)}\n`,
      );
      // The tarballs depend on each other (npm matches them to the file: ones) and on
      // openapi-fetch, hono and fast-xml-parser from the registry.
      const install = await runProcess(
        "npm",
        ["install", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error"],
        { cwd: project, timeoutMs: 150_000 },
      );
      if (install.code !== 0) throw new Error(`npm install failed:\n${output(install)}`);
      for (const [file, text] of Object.entries(SMOKE)) await writeFile(join(project, file), text);
      sandbox = await startInstalledSandbox(project);
    } catch (error) {
      setupError = error instanceof Error ? error : new Error(String(error));
    }
  }, 240_000);

  afterAll(() => {
    sandbox?.process.kill("SIGTERM");
  });

  async function smoke(
    pkg: string,
    command: string,
    args: string[],
    runtime: string,
  ): Promise<void> {
    tarballOf(pkg);
    if (setupError) throw setupError;
    if (!sandbox) throw new Error("the sandbox did not start");
    const result = await runProcess(command, args, {
      cwd: project,
      timeoutMs: 60_000,
      env: { BESTSMS_AUTH_TOKEN: sandbox.token, BESTSMS_BASE_URL: sandbox.url },
    });
    expect(result.code, output(result)).toBe(0);
    expect(output(result)).toMatch(new RegExp(`^smoke: ${runtime}\\S* sent \\S+$`, "m"));
  }

  it("Node: @bestsms/node", () =>
    smoke("@bestsms/node", process.execPath, ["smoke-node.mjs"], "node"));
  it("Deno: @bestsms/deno", () =>
    smoke(
      "@bestsms/deno",
      bin("deno"),
      ["run", "-A", "--node-modules-dir=manual", "smoke-deno.ts"],
      "deno",
    ));
  // Installed from npm (not linked into the workspace), Deno type-checks the package too.
  it("Deno: @bestsms/deno type-checks", async () => {
    tarballOf("@bestsms/deno");
    if (setupError) throw setupError;
    const result = await runProcess(
      bin("deno"),
      ["check", "--node-modules-dir=manual", "smoke-deno.ts"],
      { cwd: project, timeoutMs: 60_000 },
    );
    expect(result.code, output(result)).toBe(0);
  });
  it("Bun: @bestsms/bun", () => smoke("@bestsms/bun", bin("bun"), ["run", "smoke-bun.ts"], "bun"));
  it("workerd: @bestsms/edge, bundled from node_modules", async () => {
    tarballOf("@bestsms/edge");
    if (setupError) throw setupError;
    if (!sandbox) throw new Error("the sandbox did not start");
    const bundle = await build({
      absWorkingDir: project,
      entryPoints: ["smoke-worker.mjs"],
      bundle: true,
      write: false,
      format: "esm",
      platform: "browser",
      conditions: ["workerd", "worker", "browser"],
      logLevel: "silent",
    });
    const script = bundle.outputFiles[0]?.text ?? "";
    const miniflare = new Miniflare({
      modules: true,
      script,
      compatibilityDate: "2025-01-01",
      bindings: { BESTSMS_AUTH_TOKEN: sandbox.token, BESTSMS_BASE_URL: sandbox.url },
    });
    try {
      const response = await miniflare.dispatchFetch("http://smoke.test/");
      const text = await response.text();
      expect(response.status, text).toBe(200);
      expect(text).toMatch(/^smoke: workerd sent \S+$/);
    } finally {
      await miniflare.dispose();
    }
  });
});

/** The smoke scripts: clientFromEnv (BESTSMS_AUTH_TOKEN, BESTSMS_BASE_URL), one SMS, one line. */
const SMOKE: Readonly<Record<string, string>> = {
  "smoke-node.mjs": `import { clientFromEnv } from "@bestsms/node";
const sent = await clientFromEnv().messaging.sms.sendMessage({ MessageText: "Smoke", Recipients: "+61421000001" });
if (sent.Result !== "Success") throw new Error(JSON.stringify(sent));
console.log(\`smoke: node/\${process.versions.node} sent \${sent.MessageID}\`);
`,
  "smoke-deno.ts": `import { clientFromEnv } from "@bestsms/deno";
const sent = await clientFromEnv().messaging.sms.sendMessage({ MessageText: "Smoke", Recipients: "+61421000001" });
if (sent.Result !== "Success") throw new Error(JSON.stringify(sent));
console.log(\`smoke: deno/\${Deno.version.deno} sent \${sent.MessageID}\`);
`,
  "smoke-worker.mjs": `import { clientFromEnv } from "@bestsms/edge";
export default {
  async fetch(request, env) {
    const sent = await clientFromEnv(env).messaging.sms.sendMessage({ MessageText: "Smoke", Recipients: "+61421000001" });
    if (sent.Result !== "Success") return new Response(JSON.stringify(sent), { status: 500 });
    return new Response(\`smoke: workerd sent \${sent.MessageID}\`);
  },
};
`,
  "smoke-bun.ts": `import { clientFromEnv } from "@bestsms/bun";
const sent = await clientFromEnv().messaging.sms.sendMessage({ MessageText: "Smoke", Recipients: "+61421000001" });
if (sent.Result !== "Success") throw new Error(JSON.stringify(sent));
console.log(\`smoke: bun/\${Bun.version} sent \${sent.MessageID}\`);
`,
};

/** Starts `bestsms-sandbox` from the installed tarball and reads its URL and token. */
function startInstalledSandbox(
  project: string,
): Promise<{ url: string; token: string; process: ChildProcess }> {
  // The bin as npm linked it: its shebang, its mode bits.
  const cli = join(project, "node_modules", ".bin", "bestsms-sandbox");
  const child = spawn(cli, ["--port", "0", "--delivery-delay-ms", "200"], {
    cwd: project,
    stdio: ["ignore", "pipe", "pipe"],
  });
  return new Promise((resolvePromise, reject) => {
    let text = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`bestsms-sandbox did not start:\n${text}`));
    }, 20_000);
    const read = (chunk: Buffer): void => {
      text += chunk.toString("utf8");
      const url = /listening on (http:\/\/\S+)/.exec(text)?.[1];
      const token = /Auth token: (\S+)/.exec(text)?.[1];
      if (url && token) {
        clearTimeout(timer);
        resolvePromise({ url, token, process: child });
      }
    };
    child.stdout?.on("data", read);
    child.stderr?.on("data", read);
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`bestsms-sandbox exited (${code}):\n${text}`));
    });
  });
}
