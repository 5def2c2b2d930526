#!/usr/bin/env node
/**
 * bestsms-sandbox: runs the BestSMS sandbox on a loopback address until SIGINT or SIGTERM, or
 * drives a running one through its control API (`reply`, `inbound`, `advance`, `deliveries` …).
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { sandboxControl } from "./control-client.js";
import type { ControlDelivery, ControlRequest } from "./control-types.js";
import { fileStore, startSandbox } from "./index.js";
import { safeText } from "./tolerance.js";

const USAGE = `Usage: bestsms-sandbox [options]             run a sandbox
       bestsms-sandbox <command> [args] [--url U] [--token T]   drive a running one

Options:
  --port N               port to listen on (default 8787; 0 picks a free one)
  --host H               loopback address to listen on: 127.0.0.1 (default), ::1 or localhost
  --token T              the auth token requests must carry (default: random)
  --state FILE           keep state in FILE across restarts (written atomically)
  --webhook-url U        post webhooks of messages naming no WebhookCallbackURL here
  --webhook-format F     JSON (default) or XML
  --delivery-delay-ms N  how long messages stay Pending (default 2000)
  --strict               refuse unknown body fields with a 400 (default: ignore them
                         with a warning, as the live service ignores them)
  --quiet                no line per request and per webhook attempt
  --version              print the version
  -h, --help             show this help

Commands (against a running sandbox; --url and --token default to the environment's
BESTSMS_BASE_URL and BESTSMS_AUTH_TOKEN):
  reply <MessageID> <text> [--from N]   a reply from a recipient of a message
  inbound <from> <text>                 an inbound SMS
  advance <duration>                    move the clock: 500, 500ms, 30s, 5m, 2h, 1d
  messages                              every message, with its recipients
  deliveries                            every webhook: URL, state, attempts, next retry
  requests                              the last requests with their status and Result
  reset                                 forget every record
  (add --json for the control API's JSON)
`;

const COMMANDS = new Set([
  "reply",
  "inbound",
  "advance",
  "messages",
  "deliveries",
  "requests",
  "reset",
]);

function fail(message: string, usage = true): never {
  process.stderr.write(`bestsms-sandbox: ${message}\n${usage ? `\n${USAGE}` : ""}`);
  process.exit(2);
}

function integer(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text)) fail(`--${name} must be a whole number, got ${text}`);
  return Number(text);
}

/** The package's version, from the package.json above this file. */
function version(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as {
        name?: unknown;
        version?: unknown;
      };
      if (pkg.name === "@bestsms/sandbox") return String(pkg.version);
    } catch {
      // Not here: look one level up.
    }
    dir = dirname(dir);
  }
  return "unknown";
}

const UNITS: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/** `5m` → 300000; a bare number is milliseconds. */
export function parseDuration(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.exec(text.trim());
  if (!match?.[1]) return undefined;
  return Math.round(Number(match[1]) * (UNITS[match[2] ?? "ms"] ?? 1));
}

/** One line per request: method, path, status, time taken, Result. */
export function requestLine(entry: ControlRequest): string {
  const result = entry.Result === "" ? "" : ` ${entry.Result}`;
  return `${entry.Method} ${entry.Path} ${entry.Status} ${entry.DurationMs}ms${result}`;
}

/** One line per webhook attempt: URL, status or error, next retry. */
export function attemptLine(delivery: ControlDelivery, token: string): string {
  const last = delivery.Attempts.at(-1);
  const outcome =
    last?.Status !== undefined ? String(last.Status) : `failed (${last?.Error ?? "no answer"})`;
  const next =
    delivery.State === "pending" && delivery.NextAttemptAt !== undefined
      ? `, next retry ${delivery.NextAttemptAt}`
      : delivery.State === "dropped"
        ? `, dropped after ${delivery.Attempts.length} attempts`
        : "";
  return `webhook ${delivery.Type} -> ${safeText(delivery.URL, token)} ${outcome}${next}`;
}

async function command(name: string, args: string[]): Promise<void> {
  let parsed: {
    values: { url?: string; token?: string; from?: string; json?: boolean };
    positionals: string[];
  };
  try {
    parsed = parseArgs({
      args,
      options: {
        url: { type: "string" },
        token: { type: "string" },
        from: { type: "string" },
        json: { type: "boolean" },
      },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  const url = values.url ?? process.env.BESTSMS_BASE_URL;
  const token = values.token ?? process.env.BESTSMS_AUTH_TOKEN;
  if (url === undefined || url === "") fail(`${name}: give --url or set BESTSMS_BASE_URL`);
  if (token === undefined || token === "") fail(`${name}: give --token or set BESTSMS_AUTH_TOKEN`);
  const control = sandboxControl(url, token);
  const print = (value: unknown, lines: () => string[]): void => {
    process.stdout.write(
      values.json
        ? `${JSON.stringify(value, null, 2)}\n`
        : lines()
            .map((l) => `${l}\n`)
            .join(""),
    );
  };
  const arity = (count: number, shape: string): void => {
    if (positionals.length !== count) fail(`${name} takes ${shape}`);
  };

  switch (name) {
    case "reply": {
      arity(2, "<MessageID> <text>");
      const [MessageID = "", MessageText = ""] = positionals;
      const received = await control.reply({
        MessageID,
        MessageText,
        ...(values.from === undefined ? {} : { From: values.from }),
      });
      print(received, () => [
        `Reply ${received.ReceivedID} from ${received.From} to ${received.MessageID}`,
      ]);
      return;
    }
    case "inbound": {
      arity(2, "<from> <text>");
      const [From = "", MessageText = ""] = positionals;
      const received = await control.inbound({ From, MessageText });
      print(received, () => [`Inbound ${received.ReceivedID} from ${received.From}`]);
      return;
    }
    case "advance": {
      arity(1, "<duration> (500, 30s, 5m, 2h, 1d)");
      const ms = parseDuration(positionals[0] ?? "");
      if (ms === undefined) fail(`advance: not a duration: ${positionals[0]}`);
      const now = await control.advance(ms);
      print({ Now: now }, () => [`Sandbox time is now ${now}`]);
      return;
    }
    case "messages": {
      arity(0, "no arguments");
      const messages = await control.messages();
      print(messages, () =>
        messages.map(
          (m) =>
            `${m.CreatedAt} ${m.MessageID} ${m.Status} ` +
            m.Recipients.map((r) => `${r.Destination}:${r.Status}`).join(" "),
        ),
      );
      return;
    }
    case "deliveries": {
      arity(0, "no arguments");
      const deliveries = await control.deliveries();
      print(deliveries, () =>
        deliveries.map((d) => {
          const last = d.Attempts.at(-1);
          const outcome =
            last === undefined ? "not attempted" : String(last.Status ?? last.Error ?? "");
          const next = d.NextAttemptAt === undefined ? "" : ` next ${d.NextAttemptAt}`;
          return `${d.State} ${d.Type} ${d.URL} attempts ${d.Attempts.length}, last ${outcome}${next}`;
        }),
      );
      return;
    }
    case "requests": {
      arity(0, "no arguments");
      const requests = await control.requests();
      print(requests, () => requests.map((r) => `${r.At} ${requestLine(r)}`));
      return;
    }
    default: {
      arity(0, "no arguments");
      await control.reset();
      print({ Result: "Success" }, () => ["Reset: every record forgotten"]);
    }
  }
}

async function serve(args: string[]): Promise<void> {
  let values: {
    port?: string | undefined;
    host?: string | undefined;
    token?: string | undefined;
    state?: string | undefined;
    "webhook-url"?: string | undefined;
    "webhook-format"?: string | undefined;
    "delivery-delay-ms"?: string | undefined;
    strict?: boolean | undefined;
    quiet?: boolean | undefined;
    version?: boolean | undefined;
    help?: boolean | undefined;
  };
  try {
    ({ values } = parseArgs({
      args,
      options: {
        port: { type: "string" },
        host: { type: "string" },
        token: { type: "string" },
        state: { type: "string" },
        "webhook-url": { type: "string" },
        "webhook-format": { type: "string" },
        "delivery-delay-ms": { type: "string" },
        strict: { type: "boolean" },
        quiet: { type: "boolean" },
        version: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  if (values.version) {
    process.stdout.write(`bestsms-sandbox ${version()}\n`);
    return;
  }
  const format = values["webhook-format"]?.toUpperCase();
  if (format !== undefined && format !== "JSON" && format !== "XML") {
    fail(`--webhook-format must be JSON or XML, got ${values["webhook-format"]}`);
  }
  const port = integer("port", values.port, 8787);
  if (port > 65_535) fail(`--port must be at most 65535, got ${port}`);
  const host = values.host ?? "127.0.0.1";

  // Filled in once the token is known (a random one is made by the sandbox).
  let token = values.token ?? "";
  const quiet = values.quiet === true;
  // Lines are written in batches: one write per turn of the event loop, not one per request.
  let pending: string[] = [];
  const flush = (): void => {
    if (pending.length === 0) return;
    process.stdout.write(`${pending.join("\n")}\n`);
    pending = [];
  };
  const out = (line: string): void => {
    if (pending.length === 0) setImmediate(flush);
    pending.push(line);
  };

  let sandbox: Awaited<ReturnType<typeof startSandbox>>;
  try {
    sandbox = await startSandbox({
      port,
      host,
      deliveryDelayMs: integer("delivery-delay-ms", values["delivery-delay-ms"], 2000),
      strict: values.strict === true,
      log: (line) => process.stderr.write(`${line}\n`),
      ...(quiet
        ? {}
        : {
            onRequest: (entry: ControlRequest) => out(requestLine(entry)),
            onWebhookAttempt: (delivery: ControlDelivery) => out(attemptLine(delivery, token)),
          }),
      ...(values.state === undefined ? {} : { store: fileStore(values.state) }),
      ...(values.token === undefined ? {} : { authToken: values.token }),
      ...(values["webhook-url"] === undefined ? {} : { webhookUrl: values["webhook-url"] }),
      ...(format === undefined ? {} : { webhookFormat: format }),
    });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === "EADDRINUSE") {
      fail(
        `port ${port} on ${host} is in use: choose another with --port (0 picks a free one)`,
        false,
      );
    }
    if (code === "EADDRNOTAVAIL") fail(`cannot listen on ${host}: give another --host`, false);
    if (error instanceof RangeError) fail(error.message.replace(/^host/, "--host"), false);
    throw error;
  }
  token = sandbox.authToken;
  // Listening for signals before the banner: whoever reads it may stop the sandbox at once.
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    flush();
    process.stdout.write(`Received ${signal}, stopping.\n`);
    sandbox.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`bestsms-sandbox: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.stdout.write(
    `BestSMS sandbox listening on ${sandbox.url}\n` +
      `Auth token: ${sandbox.authToken}\n` +
      `Use it with: new BestSMS({ authToken: "${sandbox.authToken}", baseUrl: "${sandbox.apiUrl}" })\n` +
      `Control API: ${sandbox.url}/_sandbox/ (bestsms-sandbox --help lists its commands)\n` +
      (values.state === undefined ? "" : `State: ${values.state}\n`) +
      (values.strict ? "Strict: request body fields the spec does not know are refused.\n" : ""),
  );
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const [first] = args;
  if (first !== undefined && COMMANDS.has(first)) await command(first, args.slice(1));
  else if (first !== undefined && !first.startsWith("-")) fail(`unknown command: ${first}`);
  else await serve(args);
}

main().catch((error: unknown) => {
  process.stderr.write(`bestsms-sandbox: ${error instanceof Error ? error.message : error}\n`);
  process.exit(1);
});
