// BestSMS webhooks in an Express 5 app. No body parser runs before the route: the handler reads
// the raw body itself (it also copes with one that `express.json()` already parsed).
import { toNodeListener } from "@bestsms/node";
import express from "express";
import { answeringHandler } from "./answer.js";

const app = express();
app.post("/webhooks", toNodeListener(answeringHandler()));

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "127.0.0.1";

const server = app.listen(port, host, (error) => {
  if (error) throw error;
  const address = server.address();
  const listening = typeof address === "object" && address ? address.port : port;
  console.log(`Listening on http://${host}:${listening}/webhooks`);
});

const stop = (): void => {
  server.close(() => process.exit(0));
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
