// The few Deno APIs this package uses, typed locally: no Deno typings are installed for Node's
// tsc, and a `declare global` here would clash with Deno's own `Deno` namespace when Deno (or
// JSR) checks these sources. The runtime object is read from `globalThis` in one place.

/** The part of `Deno.env` used here. */
export interface DenoEnv {
  get(key: string): string | undefined;
}

/** The address a Deno server listens on (`Deno.NetAddr`). */
export interface DenoNetAddr {
  readonly transport: "tcp" | "udp";
  readonly hostname: string;
  readonly port: number;
}

/** The server `Deno.serve` returns (`Deno.HttpServer`). */
export interface DenoHttpServer {
  /** Resolves when the server has stopped listening and every request is answered. */
  readonly finished: Promise<void>;
  /** Stops accepting connections and resolves once the requests under way are answered. */
  shutdown(): Promise<void>;
  /** Where it listens. */
  readonly addr: DenoNetAddr;
  /** Keep the process alive for the server (the default) or not. */
  ref(): void;
  unref(): void;
}

/** The options of `Deno.serve` used here. */
export interface DenoServeOptions {
  port?: number;
  hostname?: string;
  signal?: AbortSignal;
  onListen?: (localAddr: DenoNetAddr) => void;
  onError?: (error: unknown) => Response | Promise<Response>;
  handler: (request: Request) => Response | Promise<Response>;
}

/** The part of the `Deno` namespace used here. */
export interface DenoNamespace {
  readonly env: DenoEnv;
  serve(options: DenoServeOptions): DenoHttpServer;
}

/** The `Deno` global; throws a clear error outside Deno. */
export function denoNamespace(): DenoNamespace {
  const deno = (globalThis as { Deno?: DenoNamespace }).Deno;
  if (deno === undefined || typeof deno.serve !== "function") {
    throw new TypeError("@bestsms/deno needs the Deno runtime (no `Deno` global here)");
  }
  return deno;
}
