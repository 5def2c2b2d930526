// A free TCP port on the loopback interface, for a server a test or benchmark starts.
import { createServer } from "node:net";

/**
 * Asks the OS for a free TCP port on 127.0.0.1: listens on port 0, reads the port it was given
 * and closes again. Another process can take the port before the caller binds it.
 */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const address = server.address();
  await new Promise<void>((resolve, reject) =>
    server.close((error) => (error ? reject(error) : resolve())),
  );
  if (address === null || typeof address === "string") throw new Error("no port assigned");
  return address.port;
}
