// Each package README's quick start runs as written, against the sandbox started the way the
// README says (its CLI, ports 8787 and 8788): the Node, Bun and Deno ones in their runtimes as
// files, the Worker in workerd, the client's and the validation's in Node. The packages come
// from their dist, resolved through this package's workspace links.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { defaultBaseUrl } from "@bestsms/client";
import { build } from "esbuild";
import { Miniflare } from "miniflare";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { root } from "../src/build.js";
import { machineLock } from "../src/machine-lock.js";
import { runProcess } from "../src/process.js";

const packages = join(root, "..", "..", "packages");
const work = join(root, ".readme");
const bin = (name: string): string => join(root, "node_modules", ".bin", name);

/** The fenced blocks of a README's "Quick start" section (or of the whole README), in order. */
function quickStart(name: string): { lang: string; code: string }[] {
  const text = readFileSync(join(packages, name, "README.md"), "utf8");
  const start = text.indexOf("## Quick start");
  const section = start < 0 ? text : text.slice(start, text.indexOf("\n## ", start + 1));
  return [...section.matchAll(/```(\w*)\n([\s\S]*?)```/g)].map((m) => ({
    lang: m[1] ?? "",
    code: m[2] ?? "",
  }));
}

function block(name: string, lang: string): string {
  const found = quickStart(name).find((b) => b.lang === lang);
  if (!found) throw new Error(`${name}/README.md has no \`\`\`${lang} quick start`);
  return found.code;
}

/** Writes a quick start as a file under .readme/<dir>, where bare imports resolve. */
function save(dir: string, file: string, code: string): string {
  const folder = join(work, dir);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, file), code);
  return folder;
}

let sandbox: ChildProcess | undefined;
let env: Record<string, string> = {};
let release: (() => void) | undefined;

beforeAll(async () => {
  // The quick starts use fixed ports: another run on this machine waits its turn.
  release = await machineLock("bestsms-readme-quick-starts");
  rmSync(work, { recursive: true, force: true });
  // The command every runtime README gives, with the CLI from the workspace instead of npx.
  const command = block("node", "sh").trim();
  const args = command.replace(/^npx -p @bestsms\/sandbox bestsms-sandbox\s+/, "").split(/\s+/);
  expect(command.startsWith("npx -p @bestsms/sandbox bestsms-sandbox ")).toBe(true);
  sandbox = spawn(
    process.execPath,
    [join(packages, "sandbox", "bin", "bestsms-sandbox.js"), ...args],
    {
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const started = await new Promise<string>((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`sandbox did not start: ${out}`)), 15_000);
    sandbox?.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString("utf8");
      if (/Auth token: \S+/.test(out)) {
        clearTimeout(timer);
        resolve(out);
      }
    });
    sandbox?.on("exit", (code) => reject(new Error(`sandbox exited (${code}): ${out}`)));
  });
  const url = /listening on (\S+)/.exec(started)?.[1] ?? "";
  const token = /Auth token: (\S+)/.exec(started)?.[1] ?? "";
  env = { BESTSMS_BASE_URL: url, BESTSMS_AUTH_TOKEN: token };
});

afterAll(async () => {
  if (sandbox && sandbox.exitCode === null) {
    const exited = new Promise((resolve) => sandbox?.once("exit", resolve));
    sandbox.kill("SIGTERM");
    await exited; // its ports free before the next run takes the lock
  }
  rmSync(work, { recursive: true, force: true });
  release?.();
});

/** What the runtime READMEs say their quick start prints. */
function expectSentAndDelivered(output: string): void {
  expect(output).toMatch(/^sent \S+$/m);
  expect(output).toContain("+61421000001: SUCCESS (Sent OK)");
}

describe("the runtime packages' quick starts", () => {
  it("@bestsms/node: node main.mjs sends, then prints the delivery report and exits", async () => {
    const dir = save("node", "main.mjs", block("node", "js"));
    const result = await runProcess(process.execPath, ["main.mjs"], {
      cwd: dir,
      env,
      timeoutMs: 20_000,
    });
    expect(result.code, result.output).toBe(0);
    expectSentAndDelivered(result.output);
  });

  it("@bestsms/bun: bun main.ts sends, then prints the delivery report and exits", async () => {
    const dir = save("bun", "main.ts", block("bun", "ts"));
    const result = await runProcess(bin("bun"), ["main.ts"], { cwd: dir, env, timeoutMs: 20_000 });
    expect(result.code, result.output).toBe(0);
    expectSentAndDelivered(result.output);
  });

  it("@bestsms/deno: deno run --allow-env --allow-net main.ts does the same", async () => {
    const dir = save("deno", "main.ts", block("deno", "ts"));
    const result = await runProcess(bin("deno"), ["run", "--allow-env", "--allow-net", "main.ts"], {
      cwd: dir,
      env,
      timeoutMs: 30_000,
    });
    expect(result.code, result.output).toBe(0);
    expect(result.output).toContain("Listening on http://127.0.0.1:8788/");
    expectSentAndDelivered(result.output);
  });

  it("@bestsms/edge: the Worker's /send sends through the sandbox, in workerd", async () => {
    const dir = save("edge", "index.ts", block("edge", "ts"));
    const bundled = await build({
      entryPoints: [join(dir, "index.ts")],
      bundle: true,
      format: "esm",
      platform: "neutral",
      mainFields: ["module", "main"],
      write: false,
      logLevel: "silent",
    });
    const miniflare = new Miniflare({
      modules: true,
      script: bundled.outputFiles[0]?.text ?? "",
      compatibilityDate: "2025-01-01",
      bindings: env,
    });
    try {
      const response = await miniflare.dispatchFetch("http://worker.test/send");
      const text = await response.text();
      expect(response.status, text).toBe(200);
      expect(text).toMatch(/^sent \S+\n$/);
    } finally {
      await miniflare.dispose();
    }
  });
});

describe("the client's and the validation's quick starts", () => {
  it("@bestsms/client: sends and waits for the final status (the API's URL sent to the sandbox)", async () => {
    const code = block("client", "ts");
    expect(code).not.toContain("baseUrl");
    const dir = save("client", "main.mjs", code);
    // The quick start talks to the real API; here its requests go to the sandbox on loopback.
    const redirect = `const real = globalThis.fetch;
const api = ${JSON.stringify(defaultBaseUrl)};
globalThis.fetch = (input, init) => {
  const url = input instanceof Request ? input.url : String(input);
  if (!url.startsWith(api)) throw new Error("unexpected request to " + url);
  return real(${JSON.stringify(env.BESTSMS_BASE_URL)} + url.slice(api.length), init);
};`;
    writeFileSync(join(dir, "redirect.mjs"), redirect);
    const result = await runProcess(process.execPath, ["--import", "./redirect.mjs", "main.mjs"], {
      cwd: dir,
      env,
      timeoutMs: 20_000,
    });
    expect(result.code, result.output).toBe(0);
    expect(result.output).toMatch(/^Completed \[/m);
  });

  it("@bestsms/validation: prints what the README says the first loop prints", async () => {
    const blocks = quickStart("validation");
    const code = blocks.find((b) => b.lang === "ts")?.code ?? "";
    const printed = blocks.find((b) => b.lang === "")?.code;
    const dir = save("validation", "main.mjs", code);
    const result = await runProcess(process.execPath, ["main.mjs"], {
      cwd: dir,
      timeoutMs: 20_000,
    });
    expect(result.code, result.output).toBe(0);
    const lines = result.output.split("\n");
    for (const line of (printed ?? "").trim().split("\n")) expect(lines).toContain(line);
    // And what its comments say: `true { value: good }`, `1`, `"Smart" quotes...`.
    expect(result.output).toMatch(/^true \{\s+value: \{ MessageData: \{ Message: 'Hi Jess'/m);
    expect(lines).toContain("1");
    expect(lines).toContain('"Smart" quotes...');
  });
});
