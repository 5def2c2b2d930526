import { once } from "node:events";
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A loopback server the Workers under test call: `/record` notes a JSON body (and, while
 * `hold` is on, keeps the caller waiting until `release()`), `/send/sms` stands in for the API.
 */
export interface Recorder {
  url: string;
  records: unknown[];
  apiCalls: string[];
  hold: boolean;
  /** Answers every held request. */
  release(): void;
  /** Resolves once `count` records arrived. */
  waitFor(count: number, timeoutMs?: number): Promise<unknown[]>;
  close(): Promise<void>;
}

export async function startRecorder(): Promise<Recorder> {
  const held: ServerResponse[] = [];
  const waiters: (() => void)[] = [];
  const recorder: Recorder = {
    url: "",
    records: [],
    apiCalls: [],
    hold: false,
    release() {
      for (const res of held.splice(0)) res.end("recorded");
    },
    async waitFor(count, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      while (recorder.records.length < count) {
        if (Date.now() > deadline) throw new Error(`only ${recorder.records.length} records`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 50);
        });
      }
      return recorder.records;
    },
    close: async () => {
      recorder.release();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server: Server = createServer(async (req, res) => {
    let text = "";
    for await (const chunk of req) text += String(chunk);
    if (req.url === "/send/sms") {
      recorder.apiCalls.push(`${req.method} ${req.url} ${req.headers.authorization}`);
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ Result: "Success", MessageID: "worker-1", ErrorMessage: [] }));
      return;
    }
    recorder.records.push(JSON.parse(text));
    for (const wake of waiters.splice(0)) wake();
    if (recorder.hold) held.push(res);
    else res.end("recorded");
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  recorder.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return recorder;
}
