import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);

/**
 * How to run the workspace's Biome: its native binary when the platform package resolves (one
 * process per file), else the npm package's launcher under Node (which finds the binary itself,
 * at the cost of two more processes).
 */
let command: readonly [string, ...string[]] | undefined;
function biome(): readonly [string, ...string[]] {
  if (command) return command;
  const pkg = require.resolve("@biomejs/biome/package.json");
  const fromBiome = createRequire(pkg);
  for (const suffix of ["", "-musl"]) {
    try {
      const native = fromBiome.resolve(
        `@biomejs/cli-${process.platform}-${process.arch}${suffix}/biome${process.platform === "win32" ? ".exe" : ""}`,
      );
      command = [native];
      return command;
    } catch {
      // not this variant
    }
  }
  command = [process.execPath, join(dirname(pkg), "bin", "biome")];
  return command;
}

/** Formats TypeScript source with the repository's Biome settings. */
export function formatTypeScript(source: string, cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    // A neutral file name: the repository's Biome config skips *.gen.ts when it lints files.
    const [bin, ...args] = biome();
    const child = spawn(bin, [...args, "format", "--stdin-file-path=generated.ts"], {
      cwd,
      stdio: ["pipe", "pipe", "pipe"],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve(Buffer.concat(out).toString("utf8"));
      else
        reject(new Error(`biome format failed (${code}): ${Buffer.concat(err).toString("utf8")}`));
    });
    child.stdin.end(source);
  });
}
