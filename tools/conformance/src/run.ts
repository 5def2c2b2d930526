// Runs the suite in the runtimes named (all by default) against a sandbox of its own, outside
// vitest:  tsx src/run.ts [node 20|node 22|node 24|deno|bun|workerd|edge-runtime]…
import { buildAll } from "./build.js";
import { runners } from "./runners.js";
import { startServers } from "./servers.js";

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !runners.some((runner) => runner.name === name));
if (unknown.length > 0) {
  console.error(
    `unknown runtime ${unknown.join(", ")}; one of: ${runners.map((r) => r.name).join(", ")}`,
  );
  process.exit(2);
}
const chosen = wanted.length === 0 ? runners : runners.filter((r) => wanted.includes(r.name));

await buildAll();
const servers = await startServers();
let failed = false;
try {
  for (const runner of chosen) {
    const outcome = await runner.run(servers.env);
    const ok = outcome.code === 0 && outcome.total > 0 && outcome.passed === outcome.total;
    failed ||= !ok;
    console.log(
      `${ok ? "ok  " : "FAIL"} ${runner.name.padEnd(13)} ${outcome.runtime ?? "?"} ${outcome.passed}/${outcome.total} in ${outcome.ms} ms`,
    );
    if (!ok) console.log(outcome.output);
  }
} finally {
  await servers.close();
}
process.exit(failed ? 1 : 0);
