#!/usr/bin/env node
/**
 * bestsms-sandbox: runs the BestSMS sandbox on 127.0.0.1 until SIGINT or SIGTERM.
 *
 *   bestsms-sandbox --port 8787 [--token T] [--webhook-url U] [--webhook-format JSON|XML]
 *                   [--delivery-delay-ms N] [--strict]
 */
import { parseArgs } from "node:util";
import { startSandbox } from "./index.js";

const USAGE = `Usage: bestsms-sandbox [options]

  --port N               port on 127.0.0.1 (default 8787; 0 picks a free one)
  --token T              the auth token requests must carry (default: random)
  --webhook-url U        post webhooks of messages naming no WebhookCallbackURL here
  --webhook-format F     JSON (default) or XML
  --delivery-delay-ms N  how long messages stay Pending (default 2000)
  --strict               refuse unknown body fields with a 400 (default: ignore them
                         with a warning, as the live service ignores them)
  -h, --help             show this help
`;

function fail(message: string): never {
  process.stderr.write(`bestsms-sandbox: ${message}\n\n${USAGE}`);
  process.exit(2);
}

function integer(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text)) fail(`--${name} must be a whole number, got ${text}`);
  return Number(text);
}

async function main(): Promise<void> {
  let values: {
    port?: string | undefined;
    token?: string | undefined;
    "webhook-url"?: string | undefined;
    "webhook-format"?: string | undefined;
    "delivery-delay-ms"?: string | undefined;
    strict?: boolean | undefined;
    help?: boolean | undefined;
  };
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: "string" },
        token: { type: "string" },
        "webhook-url": { type: "string" },
        "webhook-format": { type: "string" },
        "delivery-delay-ms": { type: "string" },
        strict: { type: "boolean" },
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
  const format = values["webhook-format"]?.toUpperCase();
  if (format !== undefined && format !== "JSON" && format !== "XML") {
    fail(`--webhook-format must be JSON or XML, got ${values["webhook-format"]}`);
  }
  const port = integer("port", values.port, 8787);
  if (port > 65_535) fail(`--port must be at most 65535, got ${port}`);

  const sandbox = await startSandbox({
    port,
    deliveryDelayMs: integer("delivery-delay-ms", values["delivery-delay-ms"], 2000),
    strict: values.strict === true,
    log: (line) => process.stderr.write(`${line}\n`),
    ...(values.token === undefined ? {} : { authToken: values.token }),
    ...(values["webhook-url"] === undefined ? {} : { webhookUrl: values["webhook-url"] }),
    ...(format === undefined ? {} : { webhookFormat: format }),
  });
  process.stdout.write(
    `BestSMS sandbox listening on ${sandbox.url}\n` +
      `Auth token: ${sandbox.authToken}\n` +
      `Use it with: new BestSMS({ authToken: "${sandbox.authToken}", baseUrl: "${sandbox.apiUrl}" })\n` +
      (values.strict ? "Strict: request body fields the spec does not know are refused.\n" : ""),
  );

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
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
}

main().catch((error: unknown) => {
  process.stderr.write(`bestsms-sandbox: ${error instanceof Error ? error.message : error}\n`);
  process.exit(1);
});
