// Runs in Deno, on the built package: `deno test -A test/deno.test.ts` (deno-runtime.test.ts
// runs it under vitest). `@bestsms/*` resolve through deno.json's imports to node_modules.
// @ts-types="../dist/index.d.ts"
import { BestSMSError, clientFromEnv, serveWebhooks } from "../dist/index.js";

// The Deno APIs these tests use, typed here so that Node's tsc can check this file too.
interface DenoTestApi {
  test(name: string, fn: () => Promise<void>): void;
  env: { set(key: string, value: string): void; delete(key: string): void };
  serve(
    options: { port: number; hostname: string; onListen: () => void },
    handler: (request: Request) => Promise<Response>,
  ): { addr: { port: number }; shutdown(): Promise<void> };
}
const deno = (globalThis as unknown as { Deno: DenoTestApi }).Deno;

const TOKEN = "deno-webhook-token";

function assertEquals(actual: unknown, expected: unknown, what: string): void {
  const [a, e] = [JSON.stringify(actual), JSON.stringify(expected)];
  if (a !== e) throw new Error(`${what}: expected ${e}, got ${a}`);
}

function statusPayload(token: string): Record<string, string> {
  return {
    Version: "2.04",
    APIKey: token,
    Type: "SMS",
    Destination: "+61421000001",
    MessageID: "deno-1",
    Status: "SUCCESS",
    Result: "Sent OK",
    Price: "0.20",
  };
}

deno.test("serveWebhooks receives a webhook on its path and nothing else", async () => {
  const seen: string[] = [];
  let listened: (port: number) => void = () => {};
  const listening = new Promise<number>((resolve) => {
    listened = resolve;
  });
  const server = serveWebhooks({
    token: TOKEN,
    port: 0,
    hostname: "127.0.0.1",
    path: "/webhooks",
    onListen: (addr) => listened(addr.port),
    onStatus: ({ payload, parsed }) => {
      seen.push(`${payload.MessageID} ${payload.Status} ${parsed.price}`);
    },
    onReceived: () => {},
  });
  try {
    const port = await listening;
    assertEquals(server.addr.port, port, "addr.port");
    const url = `http://127.0.0.1:${port}`;
    const post = (path: string, payload: unknown) =>
      fetch(url + path, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(payload),
      });

    const ok = await post("/webhooks", statusPayload(TOKEN));
    assertEquals([ok.status, await ok.text()], [200, "ok"], "a good webhook");
    assertEquals(seen, ["deno-1 SUCCESS 0.2"], "the callback");

    const wrong = await post("/webhooks", statusPayload("not-the-token"));
    assertEquals([wrong.status, await wrong.text()], [401, "unauthorized"], "a wrong token");

    const elsewhere = await post("/other", statusPayload(TOKEN));
    assertEquals([elsewhere.status, await elsewhere.text()], [404, "not_found"], "another path");

    const get = await fetch(`${url}/webhooks`);
    assertEquals([get.status, get.headers.get("allow")], [405, "POST"], "a GET");
    await get.body?.cancel();
    assertEquals(seen.length, 1, "callbacks after refusals");
  } finally {
    await server.shutdown();
  }
  await server.finished;
});

deno.test("serveWebhooks stops when its signal aborts", async () => {
  const controller = new AbortController();
  const server = serveWebhooks({
    token: TOKEN,
    port: 0,
    hostname: "127.0.0.1",
    signal: controller.signal,
    onListen: () => {},
    onStatus: () => {},
    onReceived: () => {},
  });
  controller.abort();
  await server.finished;
});

deno.test("clientFromEnv reads Deno.env", async () => {
  const requests: string[] = [];
  const api = deno.serve(
    { port: 0, hostname: "127.0.0.1", onListen: () => {} },
    async (request) => {
      requests.push(
        `${request.method} ${new URL(request.url).pathname} ${request.headers.get("authorization")}`,
      );
      await request.body?.cancel();
      return Response.json({ Result: "Success", MessageID: "env-1", ErrorMessage: [] });
    },
  );
  try {
    deno.env.set("BESTSMS_AUTH_TOKEN", "deno-api-token");
    deno.env.set("BESTSMS_BASE_URL", `http://127.0.0.1:${api.addr.port}`);
    deno.env.set("BESTSMS_AUTH_SCHEME", "Bearer");
    const client = clientFromEnv({ maxRetries: 0 });
    const sent = await client.messaging.sms.sendMessage({
      MessageID: "env-1",
      MessageText: "Hi",
      Recipients: "+61421000001",
    });
    assertEquals(sent.MessageID, "env-1", "MessageID");
    assertEquals(requests, ["POST /send/sms Bearer deno-api-token"], "requests");

    deno.env.delete("BESTSMS_AUTH_TOKEN");
    let error: unknown;
    try {
      clientFromEnv();
    } catch (caught) {
      error = caught;
    }
    if (!(error instanceof BestSMSError) || !error.message.includes("BESTSMS_AUTH_TOKEN")) {
      throw new Error(`expected a BestSMSError naming BESTSMS_AUTH_TOKEN, got ${String(error)}`);
    }
  } finally {
    deno.env.delete("BESTSMS_AUTH_TOKEN");
    deno.env.delete("BESTSMS_BASE_URL");
    deno.env.delete("BESTSMS_AUTH_SCHEME");
    await api.shutdown();
  }
});
