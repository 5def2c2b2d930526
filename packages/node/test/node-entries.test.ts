// The files under the `node` export condition (built by scripts/bundle-node.mjs, for this package
// and the three it re-exports): minified, yet a program that dies on an SDK error reads without
// source maps — the real class and function names, and a short echoed source line.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";

const here = join(dirname(fileURLToPath(import.meta.url)), "..");
const packages = join(here, "..");
const BUNDLED = ["client", "validation", "webhooks", "node"];

/** Runs an ES module in a fresh Node process from this package's folder (so `node` resolution). */
function node(source: string): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ["--input-type=module", "-e", source], {
    cwd: here,
    encoding: "utf8",
    timeout: 30_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** `[subpath, node file, default file]` (URLs) for each export of a package with a `node` condition. */
function entries(name: string): [string, string, string][] {
  const dir = join(packages, name);
  const url = (file: unknown): string => pathToFileURL(join(dir, String(file))).href;
  const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  return Object.entries(pkg.exports as Record<string, unknown>).flatMap(
    ([subpath, target]): [string, string, string][] =>
      typeof target === "object" && target !== null && "node" in target && "default" in target
        ? [[subpath, url(target.node), url(target.default)]]
        : [],
  );
}

const PROBE = `
const { BestSMS } = await import("@bestsms/node");
const client = new BestSMS({ authToken: "x", baseUrl: "http://127.0.0.1:1", maxRetries: 0 });
`;

describe("the Node entries", () => {
  it.each(BUNDLED)("%s: each export keeps the name it has in the per-module files", (name) => {
    const list = entries(name);
    expect(list.length).toBeGreaterThan(0);
    const { code, stdout, stderr } = node(`
      const names = (m) => Object.fromEntries(Object.entries(m).flatMap(([key, value]) =>
        typeof value !== "function" ? [] : [[key, value.name], ...Object.getOwnPropertyNames(
          value.prototype ?? {}).filter((p) => typeof Object.getOwnPropertyDescriptor(
          value.prototype, p)?.value === "function").map((p) => [key + "#" + p, value.prototype[p].name])]));
      const out = {};
      for (const [subpath, bundled, plain] of ${JSON.stringify(list)}) {
        out[subpath] = [names(await import(bundled)), names(await import(plain))];
      }
      console.log(JSON.stringify(out));`);
    expect(code, stderr).toBe(0);
    const out = JSON.parse(stdout) as Record<string, [object, object]>;
    for (const [subpath, [bundled, plain]] of Object.entries(out)) {
      expect(Object.keys(plain).length, subpath).toBeGreaterThan(0);
      expect(bundled, `${name} ${subpath}`).toEqual(plain);
    }
  });

  it.each(BUNDLED)("%s: lines are cut (a throw's line under 200 characters)", (name) => {
    const dir = join(packages, name, "dist", "node");
    const files = readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((file) =>
      file.endsWith(".js"),
    );
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const lines = readFileSync(join(dir, file), "utf8").split("\n");
      expect(lines.length, file).toBeGreaterThan(1);
      for (const [i, line] of lines.entries()) {
        // esbuild's lineLimit is soft: a long string or regular expression stays whole.
        expect(line.length, `${name} ${file}:${i + 1}`).toBeLessThan(1_000);
        if (line.includes("throw")) expect(line.length, `${file}:${i + 1}`).toBeLessThan(200);
      }
    }
  });

  it("an uncaught SDK error: a short echoed line, the class and function names", () => {
    const { code, stderr } = node(
      `${PROBE}await client.reports.status.poll({ MessageID: "ID1" });`,
    );
    expect(code).toBe(1);
    const [where = "", echoed = ""] = stderr.split("\n");
    expect(where).toMatch(/\/dist\/node\/.*\.js:\d+$/);
    expect(echoed.length).toBeGreaterThan(0);
    expect(echoed.length).toBeLessThan(200);
    expect(stderr).toMatch(/^ConnectionError: reports\.status\.poll: /m);
    // Each frame of the error's own stack names a function of the package's per-module files.
    const stack = stderr.slice(stderr.indexOf("ConnectionError: ")).split(" {\n")[0] ?? "";
    const frames = [
      ...stack.matchAll(/^ {4}at (?:async )?(\S+) \(file:.*\/packages\/(\w+)\/dist\/node\//gm),
    ];
    expect(frames.length).toBeGreaterThan(1);
    for (const [, fn = "", pkg = ""] of frames) {
      const last = fn.split(".").pop() ?? "";
      const plain = readdirSync(join(packages, pkg, "dist"), { recursive: true, encoding: "utf8" })
        .filter((file) => file.endsWith(".js") && !file.startsWith("node"))
        .map((file) => readFileSync(join(packages, pkg, "dist", file), "utf8"));
      expect(
        plain.some((text) => new RegExp(`\\b(function\\*? |async )?${last}\\s*[(=:]`).test(text)),
        `${fn} in ${pkg}`,
      ).toBe(true);
    }
  });

  it("a caught SDK error: its constructor's name, instanceof, and the client's name", () => {
    const { code, stdout, stderr } = node(`${PROBE}
      const m = await import("@bestsms/node");
      const { inspect } = await import("node:util");
      const error = await client.reports.status.poll({ MessageID: "ID1" }).then(() => undefined, (e) => e);
      console.log(JSON.stringify({
        constructor: error.constructor.name,
        name: error.name,
        exported: m[error.constructor.name] === error.constructor,
        connection: error instanceof m.ConnectionError,
        base: error instanceof m.BestSMSError,
        client: inspect(client).split("\\n")[0],
      }));`);
    expect(code, stderr).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      constructor: "ConnectionError",
      name: "ConnectionError",
      exported: true,
      connection: true,
      base: true,
      client: "BestSMS {",
    });
  });
});
