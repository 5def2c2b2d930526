import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);

/** The Biome binary of the workspace (its npm package ships one per platform). */
function biomeBin(): string {
  const pkg = require.resolve("@biomejs/biome/package.json");
  return join(dirname(pkg), "bin", "biome");
}

/** Formats TypeScript source with the repository's Biome settings. */
export function formatTypeScript(source: string, cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    // A neutral file name: the repository's Biome config skips *.gen.ts when it lints files.
    const child = spawn(
      process.execPath,
      [biomeBin(), "format", "--stdin-file-path=generated.ts"],
      {
        cwd,
        stdio: ["pipe", "pipe", "pipe"],
      },
    );
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
