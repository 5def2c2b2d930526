import { createServer } from "node:net";

/** A port on 127.0.0.1 that nothing listens on: one that was free a moment ago. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no port");
  await new Promise<void>((done) => server.close(() => done()));
  return address.port;
}
