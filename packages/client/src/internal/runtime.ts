// The one place that tells runtimes apart; everything else uses web-standard APIs only.

interface Globals {
  Deno?: { version?: { deno?: string } };
  Bun?: { version?: string };
  process?: { versions?: { node?: string } };
  navigator?: { userAgent?: string };
  EdgeRuntime?: string;
  document?: unknown;
}

/** `node/20.19.0`, `deno/2.1.4`, `bun/1.2.0`, `workerd`, `edge-runtime`, `browser` or `unknown`. */
export function runtimeName(): string {
  const g = globalThis as Globals;
  if (g.navigator?.userAgent === "Cloudflare-Workers") return "workerd";
  if (typeof g.Deno?.version?.deno === "string") return `deno/${g.Deno.version.deno}`;
  if (typeof g.Bun?.version === "string") return `bun/${g.Bun.version}`;
  if (typeof g.EdgeRuntime === "string") return "edge-runtime";
  if (typeof g.process?.versions?.node === "string") return `node/${g.process.versions.node}`;
  if (g.document !== undefined) return "browser";
  return "unknown";
}

/** Browsers refuse a script-set User-Agent (and it would trigger a CORS preflight). */
export function canSetUserAgent(runtime: string): boolean {
  return runtime !== "browser";
}
