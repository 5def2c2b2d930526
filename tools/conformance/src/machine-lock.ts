// A lock held across processes on one machine: tests that must use fixed ports (the READMEs'
// quick starts say 8787 and 8788) take it, so two `pnpm test` runs side by side (two clones, or
// CI jobs on one host) take turns instead of failing on a port in use.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Waits until this process holds the lock `name` (a directory under the system's temp folder
 * holding the owner's pid; a lock whose owner has died is taken over), then returns its release.
 */
export async function machineLock(name: string): Promise<() => void> {
  const dir = join(tmpdir(), `${name}.lock`);
  for (;;) {
    try {
      mkdirSync(dir);
      writeFileSync(join(dir, "pid"), String(process.pid));
      return () => rmSync(dir, { recursive: true, force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    let owner = Number.NaN;
    try {
      owner = Number(readFileSync(join(dir, "pid"), "utf8"));
    } catch {
      // Just made, its pid not written yet: wait for it.
    }
    if (Number.isInteger(owner) && owner > 0 && !alive(owner)) {
      rmSync(dir, { recursive: true, force: true });
      continue;
    }
    await delay(250);
  }
}
