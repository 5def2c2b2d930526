// The few Deno APIs this package uses, typed locally: no Deno typings are installed for Node's
// tsc, and a `declare global` here would clash with Deno's own `Deno` namespace when Deno (or
// JSR) checks these sources. The runtime object is read from `globalThis` in one place.

/** The part of `Deno.env` used here. */
export interface DenoEnv {
  /** The value of the variable `key`, or `undefined` when it is not set (needs `--allow-env`). */
  get(key: string): string | undefined;
}

/** The address a Deno server listens on (`Deno.NetAddr`). */
export interface DenoNetAddr {
  /** The transport protocol: `tcp` for the servers `Deno.serve` starts. */
  readonly transport: "tcp" | "udp";
  /** The address it listens on, e.g. `0.0.0.0` or `127.0.0.1`. */
  readonly hostname: string;
  /** The port it listens on: the one picked when `port` was `0`. */
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
  /** Keeps the process alive while the server listens (the default; undoes `unref`). */
  ref(): void;
  /** Lets the process exit even though the server is still listening. */
  unref(): void;
}

/** The options of `Deno.serve` used here. */
export interface DenoServeOptions {
  /** The port to listen on. Default 8000; `0` picks a free one. */
  port?: number;
  /** The address to listen on. Default `0.0.0.0`. */
  hostname?: string;
  /** Aborting it shuts the server down. */
  signal?: AbortSignal;
  /** Called once listening, with the address. */
  onListen?: (localAddr: DenoNetAddr) => void;
  /** Answers a request whose handler threw. */
  onError?: (error: unknown) => Response | Promise<Response>;
  /** Answers every request. */
  handler: (request: Request) => Response | Promise<Response>;
}

/** The part of the `Deno` namespace used here. */
export interface DenoNamespace {
  /** The process's environment variables. */
  readonly env: DenoEnv;
  /** Starts an HTTP server. */
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
