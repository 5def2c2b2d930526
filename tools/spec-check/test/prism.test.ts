/**
 * Serves the spec with Stoplight Prism (a third-party mock that validates requests and
 * responses against it) and calls every operation with the spec's own examples.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import {
  derefObject,
  examplesOf,
  isObject,
  type Json,
  type JsonObject,
  listOperations,
  type NamedExample,
  type Operation,
  pointer,
  readDocument,
  SPEC_PATH,
} from "@bestsms/spec-model";
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from "vitest";
import { freePort } from "../../test-kit/src/free-port.js";

const PRISM_BIN = fileURLToPath(new URL("../node_modules/.bin/prism", import.meta.url));
/** An AuthToken shaped like the service's JWTs (the one the spec's webhook examples carry). */
const AUTH_TOKEN = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJleGFtcGxlIn0.adQssw5c";
const STARTUP_TIMEOUT_MS = 60_000;
const POLL_INTERVAL_MS = 200;
const LOG_LIMIT = 200_000;

const spec = readDocument();
const operations = listOperations(spec);

let prism: ChildProcess | undefined;
let baseUrl = "";
let log = "";

function record(chunk: Buffer): void {
  log = (log + chunk.toString("utf8")).slice(-LOG_LIMIT);
}

function showLogOnFailure(): void {
  onTestFailed(() => {
    console.error(`--- Prism output (last part) ---\n${log.slice(-20_000)}`);
  });
}

/** Stops Prism and everything it started (it runs in its own process group). */
async function stopPrism(): Promise<void> {
  const child = prism;
  prism = undefined;
  if (child?.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-(child.pid as number), signal);
    } catch {
      // Already gone.
    }
  };
  signalGroup("SIGTERM");
  const timer = setTimeout(() => signalGroup("SIGKILL"), 3_000);
  await exited;
  clearTimeout(timer);
  signalGroup("SIGKILL");
  child.stdout?.destroy();
  child.stderr?.destroy();
}

async function waitUntilReady(child: ChildProcess): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  let attempts = 0;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `Prism exited (${child.exitCode ?? child.signalCode}) before listening:\n${log}`,
      );
    }
    attempts += 1;
    try {
      // Any HTTP answer (Prism says 404 for an unknown path) means the server is up.
      const response = await fetch(`${baseUrl}/__ready`, { signal: AbortSignal.timeout(1_000) });
      await response.arrayBuffer();
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
    }
  }
  throw new Error(
    `Prism did not answer within ${STARTUP_TIMEOUT_MS} ms (${attempts} tries):\n${log}`,
  );
}

beforeAll(async () => {
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  const args = ["mock", SPEC_PATH, "--host", "127.0.0.1", "--port", String(port)];
  args.push("--dynamic=false", "--errors");
  const child = spawn(PRISM_BIN, args, {
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, FORCE_COLOR: "0", NODE_ENV: "test" },
  });
  prism = child;
  child.stdout?.on("data", record);
  child.stderr?.on("data", record);
  process.once("exit", () => {
    if (child.pid !== undefined && child.exitCode === null) {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // Already gone.
      }
    }
  });
  try {
    await waitUntilReady(child);
  } catch (error) {
    await stopPrism();
    throw error;
  }
});

afterAll(async () => {
  await stopPrism();
});

function firstExample(owner: JsonObject, at: string): NamedExample | undefined {
  return examplesOf(spec, owner, at)[0];
}

function jsonContent(owner: Json | undefined, at: string): JsonObject | undefined {
  if (owner === undefined) return undefined;
  const resolved = derefObject(spec, owner, at);
  const content = resolved.content;
  if (!isObject(content)) return undefined;
  const media = content["application/json"];
  return isObject(media) ? media : undefined;
}

/** The URL of an operation, path and query parameters filled from their examples. */
function urlFor(op: Operation): string {
  let template = op.path;
  const query = new URLSearchParams();
  for (const parameter of op.parameters) {
    const name = String(parameter.name);
    const example = firstExample(parameter, `${op.pointer}/parameters/${name}`);
    if (parameter.in === "path") {
      if (example === undefined)
        throw new Error(`${op.path}: no example for path parameter ${name}`);
      template = template.replace(`{${name}}`, encodeURIComponent(String(example.value)));
    } else if (parameter.in === "query" && example !== undefined) {
      query.set(name, String(example.value));
    }
  }
  const search = query.toString();
  return `${baseUrl}${template}${search === "" ? "" : `?${search}`}`;
}

async function call(
  op: Operation,
  body: Json | undefined,
  headers: Record<string, string>,
): Promise<{ status: number; contentType: string; json: unknown }> {
  const init: RequestInit = { method: op.method.toUpperCase(), headers: { ...headers } };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { ...headers, "Content-Type": "application/json" };
  }
  const response = await fetch(urlFor(op), { ...init, signal: AbortSignal.timeout(10_000) });
  const text = await response.text();
  let json: unknown = text;
  try {
    json = JSON.parse(text);
  } catch {
    // Left as text: the assertion shows it.
  }
  return { status: response.status, contentType: response.headers.get("content-type") ?? "", json };
}

describe("Prism serving the spec", () => {
  it.each(operations.map((op) => [op.operationId ?? op.pointer, op] as const))(
    "%s answers its request examples with its 200 example",
    async (_, op) => {
      showLogOnFailure();
      const okMedia = jsonContent(
        isObject(op.operation.responses) ? op.operation.responses["200"] : undefined,
        pointer(op.pointer, "responses", "200"),
      );
      expect(okMedia, "a JSON 200 response").toBeDefined();
      const okExamples = okMedia === undefined ? [] : examplesOf(spec, okMedia, op.pointer);
      const expected = okExamples[0];
      expect(expected, "a 200 example").toBeDefined();
      const headers: Record<string, string> = {
        Authorization: `Basic ${AUTH_TOKEN}`,
        Accept: "application/json",
      };
      if (okExamples.length > 1 && expected?.name !== undefined) {
        headers.Prefer = `example=${expected.name}`;
      }
      const requestMedia = jsonContent(
        op.operation.requestBody,
        pointer(op.pointer, "requestBody"),
      );
      const bodies: (Json | undefined)[] =
        requestMedia === undefined
          ? [undefined]
          : examplesOf(spec, requestMedia, op.pointer).map((example) => example.value);
      expect(bodies.length, "a request example").toBeGreaterThan(0);
      for (const body of bodies) {
        const response = await call(op, body, headers);
        const label = `${op.method.toUpperCase()} ${op.path} ${JSON.stringify(body) ?? ""}`;
        expect(response.status, `${label}\n${JSON.stringify(response.json)}`).toBe(200);
        expect(response.contentType).toMatch(/^application\/json/);
        expect(response.json, label).toEqual(expected?.value);
      }
    },
  );

  it("answers 401, with the spec's 401 example, when the Authorization header is missing", async () => {
    showLogOnFailure();
    // The apiKey-in-header scheme makes Prism check that the header is present (any value
    // passes). Without it Prism reports a security violation and, as the operation declares a
    // 401 response, serves that response's example.
    const op = operations.find((candidate) => candidate.operationId === "reports.status.poll");
    expect(op).toBeDefined();
    if (op === undefined) return;
    const unauthorized = jsonContent(
      isObject(op.operation.responses) ? op.operation.responses["401"] : undefined,
      pointer(op.pointer, "responses", "401"),
    );
    const expected = unauthorized === undefined ? undefined : examplesOf(spec, unauthorized, "")[0];
    const response = await call(op, undefined, { Accept: "application/json" });
    expect(response.status).toBe(401);
    expect(response.json).toEqual(expected?.value);
  });
});
