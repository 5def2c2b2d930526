// Starts a throwaway Redis (or Valkey) server on a free loopback port, with no persistence, for
// one test file. CI installs `redis-server` when it is missing (.ci/run).
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
// Node's types, which this package does not list itself, come with vitest's.
import type {} from "vitest/node";
import { freePort } from "../../../../tools/test-kit/src/free-port.js";

export interface RedisServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

function which(names: string[]): string | undefined {
  for (const name of names) {
    try {
      const path = execFileSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" }).trim();
      if (path) return path;
    } catch {
      // Not on PATH; try the next one.
    }
  }
  return undefined;
}

export async function startRedisServer(): Promise<RedisServer> {
  const binary = which(["redis-server", "valkey-server"]);
  if (!binary) {
    throw new Error(
      "redis-server (or valkey-server) is not installed: run `apt-get install -y redis-server` (.ci/run does it in CI)",
    );
  }
  // A port picked, then freed, can be taken by someone else before the server binds it: retry.
  for (let attempt = 0; ; attempt++) {
    const port = await freePort();
    const child = spawn(
      binary,
      [
        "--bind",
        "127.0.0.1",
        "--port",
        String(port),
        "--save",
        "",
        "--appendonly",
        "no",
        "--daemonize",
        "no",
        "--protected-mode",
        "yes",
        "--loglevel",
        "warning",
      ],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    const ready = await waitForPort(child, port);
    if (ready) {
      return {
        url: `redis://127.0.0.1:${port}`,
        port,
        stop: () => stopChild(child),
      };
    }
    await stopChild(child);
    if (attempt >= 4) throw new Error(`${binary} did not start on 127.0.0.1`);
  }
}

async function waitForPort(child: ChildProcess, port: number): Promise<boolean> {
  let exited = false;
  child.once("exit", () => {
    exited = true;
  });
  for (let i = 0; i < 200 && !exited; i++) {
    if (await ping(port)) return true;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return false;
}

async function ping(port: number): Promise<boolean> {
  const { connect } = await import("node:net");
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    let reply = "";
    socket.setEncoding("utf8");
    socket.once("connect", () => socket.write("PING\r\n"));
    socket.on("data", (chunk) => {
      reply += chunk;
      if (reply.includes("\r\n")) {
        socket.destroy();
        resolve(reply.startsWith("+PONG"));
      }
    });
    socket.once("error", () => resolve(false));
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}
