// `changeset version` then `scripts/sync-versions.mjs` on a copy of the repository's release files,
// and the changeset check on a throwaway git repository.
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { changesetCheck } from "../src/changeset-check.js";
import { changesetBin, run } from "../src/run.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const temps: string[] = [];

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

const gitEnv = {
  ...process.env,
  GIT_AUTHOR_NAME: "release test",
  GIT_AUTHOR_EMAIL: "release-test@example.invalid",
  GIT_COMMITTER_NAME: "release test",
  GIT_COMMITTER_EMAIL: "release-test@example.invalid",
};

function git(cwd: string, ...args: string[]): string {
  const result = run(
    "git",
    ["-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", ...args],
    cwd,
    gitEnv,
  );
  if (result.code !== 0) throw new Error(`git ${args.join(" ")} failed:\n${result.stderr}`);
  return result.stdout;
}

function readJson(file: string): Record<string, unknown> & { version?: string } {
  return JSON.parse(readFileSync(file, "utf8"));
}

const packageDirs = readdirSync(join(root, "packages")).filter((name) =>
  existsSync(join(root, "packages", name, "package.json")),
);

/** The changesets waiting in the repository: package name -> the text users will read. */
function pendingChangesets(): { packages: string[]; summary: string }[] {
  return readdirSync(join(root, ".changeset"))
    .filter((file) => file.endsWith(".md") && file !== "README.md")
    .map((file) => {
      const text = readFileSync(join(root, ".changeset", file), "utf8");
      const [, front = "", body = ""] = text.split(/^---$/m);
      const packages = [...front.matchAll(/"([^"]+)":\s*(major|minor|patch)/g)].map(
        (m) => m[1] ?? "",
      );
      return { packages, summary: body.trim() };
    });
}

describe("changeset version on a copy of the repository", () => {
  let work = "";
  const versionOutput: string[] = [];

  beforeAll(() => {
    work = tempDir("bestsms-release-");
    for (const file of ["package.json", "pnpm-workspace.yaml", "scripts/sync-versions.mjs"]) {
      mkdirSync(dirname(join(work, file)), { recursive: true });
      cpSync(join(root, file), join(work, file));
    }
    cpSync(join(root, ".changeset"), join(work, ".changeset"), { recursive: true });
    for (const name of packageDirs) {
      for (const file of [
        "package.json",
        "deno.json",
        "jsr.json",
        "README.md",
        "src/version.ts",
        "bin/bestsms-sandbox.js",
      ]) {
        const from = join(root, "packages", name, file);
        if (!existsSync(from)) continue;
        mkdirSync(dirname(join(work, "packages", name, file)), { recursive: true });
        cpSync(from, join(work, "packages", name, file));
      }
    }
    // The changelog generator named in .changeset/config.json is resolved from the repository.
    symlinkSync(join(root, "node_modules"), join(work, "node_modules"), "dir");
    writeFileSync(join(work, ".gitignore"), "node_modules\n*.tgz\n");
    git(work, "init", "--quiet");
    git(work, "add", "-A");
    git(work, "commit", "--quiet", "-m", "before the release");

    const version = run(process.execPath, [changesetBin, "version"], work);
    versionOutput.push(version.stdout, version.stderr);
    if (version.code !== 0) throw new Error(`changeset version failed:\n${versionOutput.join("")}`);
    const sync = run(process.execPath, ["scripts/sync-versions.mjs"], work);
    if (sync.code !== 0) throw new Error(`sync-versions failed:\n${sync.stderr}`);
  });

  const changesets = pendingChangesets();
  const bumped = new Set(changesets.flatMap((c) => c.packages));

  it("the repository has changesets for every published package", () => {
    const published = packageDirs
      .map((name) => readJson(join(root, "packages", name, "package.json")))
      .filter((json) => json.private !== true)
      .map((json) => json.name);
    expect([...bumped].sort()).toEqual([...published].sort());
  });

  it("bumps every package from 0.0.0 to 0.1.0 (all the changesets are minor)", () => {
    for (const name of packageDirs) {
      const before = readJson(join(root, "packages", name, "package.json"));
      const after = readJson(join(work, "packages", name, "package.json"));
      expect(before.version, name).toBe("0.0.0");
      expect(after.version, name).toBe("0.1.0");
    }
  });

  it("writes each package's CHANGELOG.md with its changesets' text", () => {
    for (const name of packageDirs) {
      const pkg = String(readJson(join(work, "packages", name, "package.json")).name);
      const changelog = readFileSync(join(work, "packages", name, "CHANGELOG.md"), "utf8");
      expect(changelog.startsWith(`# ${pkg}\n`), pkg).toBe(true);
      expect(changelog).toContain("## 0.1.0");
      expect(changelog).toContain("### Minor Changes");
      for (const changeset of changesets.filter((c) => c.packages.includes(pkg))) {
        // The first line of the summary, as written (changesets indents the lines after it).
        expect(changelog, pkg).toContain(changeset.summary.split("\n")[0]);
      }
    }
  });

  it("consumes the changesets", () => {
    const left = readdirSync(join(work, ".changeset")).filter(
      (file) => file.endsWith(".md") && file !== "README.md",
    );
    expect(left).toEqual([]);
  });

  it("keeps workspace:^ ranges in package.json (pnpm rewrites them when packing)", () => {
    for (const name of packageDirs) {
      const json = readJson(join(work, "packages", name, "package.json"));
      for (const field of ["dependencies", "devDependencies"] as const) {
        const deps = (json[field] ?? {}) as Record<string, string>;
        for (const [dep, range] of Object.entries(deps)) {
          if (dep.startsWith("@bestsms/"))
            expect(range, `${name} ${field} ${dep}`).toBe("workspace:^");
        }
      }
    }
  });

  it("carries the version to src/version.ts", () => {
    const withVersion = packageDirs.filter((name) =>
      existsSync(join(work, "packages", name, "src", "version.ts")),
    );
    expect(withVersion).toContain("client");
    for (const name of withVersion) {
      const text = readFileSync(join(work, "packages", name, "src", "version.ts"), "utf8");
      expect(text, name).toContain('export const VERSION = "0.1.0";');
    }
  });

  it("carries the versions to the Deno package's deno.json and jsr.json", () => {
    const deno = readJson(join(work, "packages", "deno", "deno.json"));
    const jsr = readJson(join(work, "packages", "deno", "jsr.json"));
    expect(deno.version).toBe("0.1.0");
    expect(jsr.version).toBe("0.1.0");
    const imports = Object.entries((deno.imports ?? {}) as Record<string, string>).filter(
      ([, target]) => target.startsWith("npm:@bestsms/"),
    );
    expect(imports.map(([key]) => key)).toEqual(
      expect.arrayContaining(["@bestsms/client", "@bestsms/validation", "@bestsms/webhooks"]),
    );
    for (const [key, target] of imports) expect(target, key).toMatch(/@\^0\.1\.0(\/|$)/);
  });

  it("pnpm pack turns workspace:^ into ^0.1.0 in the packed package.json", () => {
    // What an install would do for the packed package: link its workspace dependencies.
    const linked = join(work, "packages", "node", "node_modules", "@bestsms");
    mkdirSync(linked, { recursive: true });
    for (const dep of ["client", "validation", "webhooks"]) {
      symlinkSync(join(work, "packages", dep), join(linked, dep), "dir");
    }
    const out = join(work, "tarballs");
    const pack = run(
      "pnpm",
      ["--dir", join(work, "packages", "node"), "pack", "--pack-destination", out],
      work,
    );
    expect(pack.code, `${pack.stdout}${pack.stderr}`).toBe(0);
    const tarball = readdirSync(out).find((file) => file.endsWith(".tgz"));
    expect(tarball).toBeDefined();
    const extract = run("tar", ["-xzf", join(out, String(tarball)), "-C", out], work);
    expect(extract.code, extract.stderr).toBe(0);
    const packed = readJson(join(out, "package", "package.json"));
    expect(packed.version).toBe("0.1.0");
    expect(packed.dependencies).toEqual({
      "@bestsms/client": "^0.1.0",
      "@bestsms/validation": "^0.1.0",
      "@bestsms/webhooks": "^0.1.0",
    });
  });
});

describe("changeset check (a published package changed without a changeset fails)", () => {
  let repo = "";

  function commitAll(message: string): void {
    git(repo, "add", "-A");
    git(repo, "commit", "--quiet", "-m", message);
  }

  beforeAll(() => {
    const dir = tempDir("bestsms-changeset-check-");
    repo = join(dir, "repo");
    mkdirSync(join(repo, ".changeset"), { recursive: true });
    mkdirSync(join(repo, "packages", "x", "src"), { recursive: true });
    cpSync(join(root, ".changeset", "config.json"), join(repo, ".changeset", "config.json"));
    writeFileSync(
      join(repo, "package.json"),
      `${JSON.stringify({ name: "check-root", private: true, packageManager: "pnpm@10.34.9" }, null, 2)}\n`,
    );
    writeFileSync(join(repo, "pnpm-workspace.yaml"), "packages:\n  - packages/*\n");
    writeFileSync(
      join(repo, "packages", "x", "package.json"),
      `${JSON.stringify({ name: "@bestsms/x", version: "0.0.0" }, null, 2)}\n`,
    );
    writeFileSync(join(repo, "packages", "x", "src", "index.ts"), "export const x = 1;\n");
    symlinkSync(join(root, "node_modules"), join(repo, "node_modules"), "dir");
    writeFileSync(join(repo, ".gitignore"), "node_modules\n");
    git(repo, "init", "--quiet");
    commitAll("main");
  });

  it("is skipped, with the reason, when there is no origin/main", () => {
    const result = changesetCheck({ cwd: repo });
    expect(result.code).toBe(0);
    expect(result.skipped).toMatch(/no origin\/main/);
  });

  it("passes on main itself", () => {
    git(dirname(repo), "init", "--quiet", "--bare", "origin.git");
    git(repo, "remote", "add", "origin", join(dirname(repo), "origin.git"));
    git(repo, "push", "--quiet", "origin", "main");
    git(repo, "fetch", "--quiet", "origin");
    const result = changesetCheck({ cwd: repo });
    expect(result.skipped).toBeUndefined();
    expect(result.code, result.output).toBe(0);
  });

  it("fails when packages/x changed without a changeset", () => {
    git(repo, "checkout", "--quiet", "-b", "change");
    writeFileSync(join(repo, "packages", "x", "src", "index.ts"), "export const x = 2;\n");
    commitAll("change x");
    const result = changesetCheck({ cwd: repo });
    expect(result.skipped).toBeUndefined();
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(/no changesets were found/);
  });

  it("passes once the change has a changeset", () => {
    writeFileSync(
      join(repo, ".changeset", "change-x.md"),
      '---\n"@bestsms/x": patch\n---\n\nx is 2.\n',
    );
    commitAll("changeset for x");
    const result = changesetCheck({ cwd: repo });
    expect(result.code, result.output).toBe(0);
  });
});
