// Size budgets on the built packages: each entry is a small program importing from the packages'
// dist (through the workspace links in this package's node_modules), bundled the way an app or a
// Worker would be (esbuild, minified, ESM, platform neutral), then gzipped at level 9.
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { MINIFIED_EDGE_BUILD } from "../../test-kit/src/worker-bundle.js";

export interface SizeBudget {
  /** The row's name in the table. */
  name: string;
  /** The program bundled: ESM importing from the published package names. */
  source: string;
  /** The most gzip bytes allowed. */
  budget: number;
}

export interface SizeMeasurement {
  name: string;
  minified: number;
  gzip: number;
  budget: number;
  within: boolean;
}

const kB = 1024;

export const budgets: SizeBudget[] = [
  {
    name: "Worker sending an SMS (`BestSMSCore` + `messagingSmsSendMessage`)",
    source: `import { BestSMSCore, messagingSmsSendMessage } from "@bestsms/client";
export default {
  async fetch(request, env) {
    const core = new BestSMSCore({ authToken: env.BESTSMS_AUTH_TOKEN });
    const { to, text } = await request.json();
    return Response.json(await messagingSmsSendMessage(core, { Recipients: to, MessageText: text }));
  },
};`,
    // The issue's 6 kB, read as 6,000 B.
    budget: 6_000,
  },
  {
    name: "the same Worker with the send validator (local input checks)",
    source: `import { BestSMSCore, messagingSmsSendMessage } from "@bestsms/client";
import { sendMessageRequest } from "@bestsms/validation";
export default {
  async fetch(request, env) {
    const core = new BestSMSCore({
      authToken: env.BESTSMS_AUTH_TOKEN,
      validators: { "messaging.sms.sendMessage": { body: sendMessageRequest } },
    });
    const { to, text } = await request.json();
    return Response.json(await messagingSmsSendMessage(core, { Recipients: to, MessageText: text }));
  },
};`,
    // 9,500 until the client carried request ids, response metadata and the errors that say the
    // fix (about +1 kB gzip in the core); the validator's own share is unchanged.
    budget: 10_000,
  },
  {
    name: "full client (`new BestSMS(…)`)",
    source: `import { BestSMS } from "@bestsms/client";
export const client = new BestSMS({ authToken: globalThis.BESTSMS_AUTH_TOKEN });`,
    // Every operation, its input checks (the spec's validators), middleware, response metadata,
    // the hints in its errors and the SMS tools a send uses; openapi-fetch comes with rawClient.
    // 17,000 B until the fixes of 2026-12-07 (issue positions after duplicates, middleware that
    // throws or hangs, numbers with their country code, the SendTime hint) took about 520 B.
    budget: 17_500,
  },
  {
    name: "full client and `rawClient` (openapi-fetch)",
    source: `import { BestSMS, rawClient } from "@bestsms/client";
const client = new BestSMS({ authToken: globalThis.BESTSMS_AUTH_TOKEN });
export const raw = rawClient(client);`,
    // The full client's budget and 2.5 kB for openapi-fetch (it measures about 2.4 kB here).
    budget: 20_000,
  },
  {
    name: "JSON webhook handler (`createWebhookHandler`)",
    source: `import { createWebhookHandler } from "@bestsms/webhooks";
export default {
  fetch: createWebhookHandler({
    token: globalThis.BESTSMS_WEBHOOK_TOKEN,
    onStatus(webhook) { console.log(webhook); },
    onReceived(webhook) { console.log(webhook); },
  }),
};`,
    budget: 3_000,
  },
  {
    name: "validation: `sendMessageRequest`",
    source: `export { sendMessageRequest } from "@bestsms/validation";`,
    budget: 4 * kB,
  },
  {
    name: "validation: `statusWebhook` + `receivedWebhook`",
    source: `export { receivedWebhook, statusWebhook } from "@bestsms/validation";`,
    budget: 3_150,
  },
  {
    name: "validation: `smsSegments`",
    source: `export { smsSegments } from "@bestsms/validation";`,
    budget: 600,
  },
  {
    name: "validation: `toGsm7`",
    source: `export { toGsm7 } from "@bestsms/validation";`,
    budget: 1_150,
  },
  {
    name: "validation: `toE164`",
    source: `export { toE164 } from "@bestsms/validation";`,
    budget: 1_200,
  },
];

/** Bundles one entry from `resolveDir` (where `@bestsms/*` resolve) and measures it. */
export async function measure(entry: SizeBudget, resolveDir: string): Promise<SizeMeasurement> {
  const result = await build({
    ...MINIFIED_EDGE_BUILD,
    stdin: { contents: entry.source, resolveDir, loader: "js", sourcefile: "entry.js" },
  });
  const output = result.outputFiles[0];
  if (output === undefined) throw new Error(`esbuild wrote nothing for ${entry.name}`);
  const gzip = gzipSync(output.contents, { level: 9 }).length;
  return {
    name: entry.name,
    minified: output.contents.length,
    gzip,
    budget: entry.budget,
    within: gzip <= entry.budget,
  };
}

function bytes(n: number): string {
  return `${n.toLocaleString("en-US")} B`;
}

/** The Markdown table of the measurements (also in the root README), columns aligned. */
export function sizeTable(rows: SizeMeasurement[]): string {
  const header = ["entry", "minified", "gzip", "budget (gzip)", ""];
  const right = [false, true, true, true, false];
  const body = rows.map((row) => [
    row.name,
    bytes(row.minified),
    bytes(row.gzip),
    bytes(row.budget),
    row.within ? "within" : "**over**",
  ]);
  const widths = header.map((_, i) =>
    Math.max(3, ...[header, ...body].map((cells) => (cells[i] ?? "").length)),
  );
  const line = (cells: string[]) =>
    `| ${cells
      .map((cell, i) => {
        const width = widths[i] ?? 0;
        return right[i] ? cell.padStart(width) : cell.padEnd(width);
      })
      .join(" | ")} |`;
  const rule = `| ${widths
    .map((width, i) => (right[i] ? `${"-".repeat(width - 1)}:` : "-".repeat(width)))
    .join(" | ")} |`;
  return `${[line(header), rule, ...body.map(line)].join("\n")}\n`;
}
