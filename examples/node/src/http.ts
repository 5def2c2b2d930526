// BestSMS webhooks on plain node:http: /webhooks goes to the handler (which takes POST only),
// any other path is a 404.
import { createServer } from "node:http";
import { toNodeListener } from "@bestsms/node";
import { answeringHandler } from "./answer.js";

const webhooks = toNodeListener(answeringHandler());
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "127.0.0.1";

const server = createServer((req, res) => {
  const { pathname } = new URL(req.url ?? "/", "http://localhost");
  if (pathname === "/webhooks") {
    webhooks(req, res);
    return;
  }
  res.writeHead(404, { "Content-Type": "text/plain" }).end("not_found");
});

server.listen(port, host, () => {
  const address = server.address();
  const listening = typeof address === "object" && address ? address.port : port;
  console.log(`Listening on http://${host}:${listening}/webhooks`);
});

const stop = (): void => {
  server.close(() => process.exit(0));
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
