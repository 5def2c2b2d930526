/**
 * A sandbox store in a JSON file (Node only): read on start, written atomically — a temporary
 * file beside it, then a rename — so a crash leaves the previous state or the new one, never half.
 */
import { readFile, rename, writeFile } from "node:fs/promises";
import type { SandboxSnapshot, SandboxStore } from "./app.js";

/** Keeps the sandbox's state in `path` (created on the first save). */
export function fileStore(path: string): SandboxStore {
  let saving: Promise<void> = Promise.resolve();
  let count = 0;
  return {
    async load() {
      let text: string;
      try {
        text = await readFile(path, "utf8");
      } catch (error) {
        if ((error as { code?: unknown }).code === "ENOENT") return undefined;
        throw error;
      }
      try {
        return JSON.parse(text) as SandboxSnapshot;
      } catch {
        throw new Error(`${path} is not a sandbox state file (not JSON)`);
      }
    },
    save(snapshot) {
      const text = `${JSON.stringify(snapshot, null, 2)}\n`;
      // One write at a time, in order: the last save wins.
      saving = saving
        .catch(() => undefined)
        .then(async () => {
          const temporary = `${path}.${process.pid}.${++count}.tmp`;
          await writeFile(temporary, text, "utf8");
          await rename(temporary, path);
        });
      return saving;
    },
  };
}
