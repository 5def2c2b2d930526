#!/usr/bin/env -S npx tsx
import { mkdir, rm, writeFile } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { loadSpec, SpecError } from "@bestsms/spec-model";
import { findDrift, generate } from "./generate.js";

const usage = `Usage: bestsms-codegen [--check] [--spec <file>] [--root <dir>]

Regenerates every *.gen.ts of the packages from the spec.
  --check   write nothing; exit 1 and name the files that differ from what the spec produces
  --spec    the spec (default: spec/bestsms.openapi.yaml under the root)
  --root    the repository root (default: two folders above this tool)`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      check: { type: "boolean", default: false },
      spec: { type: "string" },
      root: { type: "string" },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const started = performance.now();
  const root = resolve(values.root ?? join(dirname(fileURLToPath(import.meta.url)), "../../.."));
  const specPath = resolve(root, values.spec ?? "spec/bestsms.openapi.yaml");
  const specName = relative(root, specPath).split("\\").join("/");
  const spec = await loadSpec(specPath, specName);
  const files = await generate(spec, { root, specName });
  const drift = await findDrift(files, root);
  const ms = Math.round(performance.now() - started);

  if (values.check) {
    if (drift.length === 0) {
      console.log(`generate --check: ${files.length} files match ${specName} (${ms} ms)`);
      return 0;
    }
    console.error(`generate --check: generated files are out of date with ${specName}:`);
    for (const line of drift) console.error(`  ${line}`);
    console.error("Run `pnpm generate` and commit the result.");
    return 1;
  }
  for (const file of files) {
    const path = join(root, file.path);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, file.content);
  }
  for (const line of drift) {
    if (line.endsWith("(the spec no longer produces it)"))
      await rm(join(root, line.split(":")[0] as string));
  }
  console.log(
    `generate: ${files.length} files from ${specName}, ${drift.length} changed (${ms} ms)`,
  );
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof SpecError) console.error(`generate: ${error.message}`);
    else console.error(error);
    process.exitCode = 1;
  },
);
