#!/usr/bin/env node
// `npm run setup`: makes sure pnpm 10.34.9 is installed (with npm; corepack is not used),
// installs the workspace from the lockfile and runs the demo. Plain Node, no dependencies.
import { spawn, spawnSync } from "node:child_process";
import { constants } from "node:os";
import path from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";

const PNPM_VERSION = "10.34.9";
const ROOT = fileURLToPath(new URL("..", import.meta.url));
const IS_WINDOWS = process.platform === "win32";

// A corepack shim named pnpm must not stop to ask whether it may download something.
const env = { ...process.env, COREPACK_ENABLE_DOWNLOAD_PROMPT: "0" };

function say(message) {
  console.log(`\n==> ${message}`);
}

/** The version `pnpm --version` prints, or undefined when there is no working pnpm. */
function pnpmVersion() {
  const result = spawnSync("pnpm", ["--version"], {
    cwd: ROOT,
    env,
    encoding: "utf8",
    shell: IS_WINDOWS,
    timeout: 60_000,
  });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/**
 * Runs a command with its output streamed to ours. Resolves to its exit code and, when
 * `captureStderr` is set, the end of what it wrote to stderr (which is still shown as it comes).
 */
function run(command, args, { captureStderr = false } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: ROOT,
      env,
      shell: IS_WINDOWS,
      stdio: ["inherit", "inherit", captureStderr ? "pipe" : "inherit"],
    });
    let stderr = "";
    child.stderr?.on("data", (chunk) => {
      process.stderr.write(chunk);
      stderr = (stderr + chunk.toString()).slice(-20_000);
    });
    child.on("error", (error) => {
      console.error(`error: cannot run ${command}: ${error.message}`);
      resolve({ code: 127, stderr });
    });
    child.on("close", (code, signal) => {
      // Killed by a signal: the shell's convention, 128 + the signal's number.
      const signalCode = signal === null ? 1 : 128 + (constants.signals[signal] ?? 0);
      resolve({ code: code ?? signalCode, stderr });
    });
  });
}

/** Puts npm's global bin directory first on PATH, for the pnpm just installed. */
function preferNpmGlobalBin() {
  const prefix = spawnSync("npm", ["prefix", "-g"], { env, encoding: "utf8", shell: IS_WINDOWS });
  if (prefix.status !== 0) return;
  const bin = IS_WINDOWS ? prefix.stdout.trim() : path.join(prefix.stdout.trim(), "bin");
  const key = Object.keys(env).find((name) => name.toUpperCase() === "PATH") ?? "PATH";
  env[key] = `${bin}${path.delimiter}${env[key] ?? ""}`;
}

async function ensurePnpm() {
  const current = pnpmVersion();
  if (current === PNPM_VERSION) {
    say(`pnpm ${current} is installed`);
    return 0;
  }
  say(`pnpm is ${current ?? "not installed"}; installing pnpm@${PNPM_VERSION} with npm`);
  const { code, stderr } = await run("npm", ["install", "-g", `pnpm@${PNPM_VERSION}`], {
    captureStderr: true,
  });
  if (code !== 0) {
    const lines = ["", `error: could not install pnpm ${PNPM_VERSION} (npm exited with ${code}).`];
    if (/EACCES|EPERM|permission denied/i.test(stderr)) {
      lines.push(
        "npm may not write to its global directory. Either install pnpm with the rights it needs:",
        `    sudo npm install -g pnpm@${PNPM_VERSION}`,
        "or give npm a global directory of your own and install there:",
        '    npm config set prefix "$HOME/.npm-global"',
        '    export PATH="$HOME/.npm-global/bin:$PATH"',
        `    npm install -g pnpm@${PNPM_VERSION}`,
      );
    } else {
      lines.push(`Install it yourself:  npm install -g pnpm@${PNPM_VERSION}`);
    }
    lines.push("then run `npm run setup` again.");
    console.error(lines.join("\n"));
    return code;
  }
  preferNpmGlobalBin();
  const installed = pnpmVersion();
  if (installed !== PNPM_VERSION) {
    console.error(
      `error: pnpm ${PNPM_VERSION} was installed, but \`pnpm --version\` says ` +
        `${installed ?? "nothing"}. Check that npm's global bin directory is on your PATH.`,
    );
    return 1;
  }
  say(`pnpm ${installed} is installed`);
  return 0;
}

function onPath(command) {
  return spawnSync("sh", ["-c", `command -v ${command}`], { env }).status === 0;
}

/**
 * The tests (`pnpm test`, not the demo) run a real Redis or Valkey server on loopback. As root on
 * a Debian-like system it is installed here, as `.ci/run` does; otherwise the way to get it is said.
 */
async function ensureRedis() {
  if (IS_WINDOWS || onPath("redis-server") || onPath("valkey-server")) return;
  const root = typeof process.getuid === "function" && process.getuid() === 0;
  if (root && onPath("apt-get")) {
    say("redis-server (for the tests) is missing; installing it with apt-get");
    const aptEnv = { DEBIAN_FRONTEND: "noninteractive" };
    Object.assign(env, aptEnv);
    const update = await run("apt-get", ["update", "-qq"]);
    if (update.code === 0) {
      await run("apt-get", ["install", "-y", "-qq", "--no-install-recommends", "redis-server"]);
    }
    if (onPath("redis-server")) return;
  }
  console.log(
    "\nnote: `pnpm test` needs redis-server or valkey-server on PATH (Debian/Ubuntu: " +
      "`sudo apt-get install redis-server`; macOS: `brew install redis`). The demo does not.",
  );
}

async function main() {
  const major = Number(process.versions.node.split(".")[0]);
  if (major < 20) {
    console.error(`error: Node.js 20 or newer is needed; this is ${process.version}.`);
    return 1;
  }
  const pnpmReady = await ensurePnpm();
  if (pnpmReady !== 0) return pnpmReady;

  say("pnpm install --frozen-lockfile");
  const install = await run("pnpm", ["install", "--frozen-lockfile"]);
  if (install.code !== 0) return install.code;

  await ensureRedis();

  say("pnpm demo");
  const demo = await run("pnpm", ["demo"]);
  return demo.code;
}

process.exitCode = await main();
