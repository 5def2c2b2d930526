// What the runners talk to, started from Node: the sandbox, a listener that never answers, and a
// port nothing listens on.
import { createServer, type Socket } from "node:net";
import { type RunningSandbox, startSandbox } from "@bestsms/sandbox";

/** A loopback TCP listener that accepts connections and never writes a byte. */
export interface StallServer {
  readonly url: string;
  close(): Promise<void>;
}

export async function startStallServer(): Promise<StallServer> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => undefined);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("stall server: no port");
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A loopback URL nothing listens on (a port taken and let go): connecting to it is refused. */
export async function refusedUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("refused URL: no port");
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${address.port}`;
}

/** The sandbox and the stall server, and the environment that points a runner at them. */
export interface Servers {
  readonly sandbox: RunningSandbox;
  readonly stall: StallServer;
  readonly env: {
    readonly SANDBOX_URL: string;
    readonly SANDBOX_TOKEN: string;
    readonly STALL_URL: string;
    readonly REFUSED_URL: string;
  };
  close(): Promise<void>;
}

export async function startServers(): Promise<Servers> {
  // A short delivery delay: the status case waits for final reports.
  const sandbox = await startSandbox({ deliveryDelayMs: 300, tickMs: 100 });
  const stall = await startStallServer();
  return {
    sandbox,
    stall,
    env: {
      SANDBOX_URL: sandbox.url,
      SANDBOX_TOKEN: sandbox.authToken,
      STALL_URL: stall.url,
      REFUSED_URL: await refusedUrl(),
    },
    close: async () => {
      await Promise.all([sandbox.close(), stall.close()]);
    },
  };
}
