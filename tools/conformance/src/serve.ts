// Starts the sandbox and the stall server and prints the environment for running one runtime
// by hand; stops on Ctrl-C.
//   tsx src/serve.ts
import { startServers } from "./servers.js";

const servers = await startServers();
for (const [name, value] of Object.entries(servers.env)) console.log(`export ${name}=${value}`);
const stop = (): void => {
  servers.close().then(() => process.exit(0));
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
