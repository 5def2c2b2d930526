// Failures: bad input, a stalled or refused connection, an abort, and the service's own errors.
import { type Assert, show } from "../assert.ts";
import type { ConformanceCase } from "../context.ts";
import { client, countingFetch, messageIdOf, uid } from "../fixtures.ts";

export const failureCases: ConformanceCase[] = [
  {
    name: "validation error before any request",
    async run(ctx) {
      const a: Assert = ctx.assert;
      const counted = countingFetch();
      const api = client(ctx, { fetch: counted.fetch });
      const input = {
        Reference: "x".repeat(81),
        MessageText: "Too long a reference",
        Recipients: ["+61421000001"],
      };
      const error = await a.rejects(
        api.messaging.sms.sendMessage(input),
        ctx.sdk.ValidationError,
        "BestSMS",
      );
      a.ok(error instanceof ctx.sdk.BestSMSError, "a BestSMSError");
      a.equal(error.operationId, "messaging.sms.sendMessage", "operationId");
      const issue = error.issues.find((i) => i.path.join(".") === "Reference");
      a.ok(issue, `an issue at ["Reference"], got ${show(error.issues)}`);
      a.deepEqual(issue.path, ["Reference"], "issue path");
      a.equal(issue.rule, "maxLength", "issue rule");
      a.equal(issue.limit, 80, "issue limit");

      const core = new ctx.sdk.BestSMSCore({
        authToken: ctx.token,
        baseUrl: ctx.baseUrl,
        fetch: counted.fetch,
        validators: ctx.sdk.operationValidators,
      });
      const fromCore = await a.rejects(
        ctx.sdk.messagingSmsSendMessage(core, input),
        ctx.sdk.ValidationError,
        "BestSMSCore",
      );
      a.deepEqual(fromCore.issues[0]?.path, ["Reference"], "core issue path");
      a.equal(counted.count(), 0, "requests sent");

      const segments = ctx.sdk.smsSegments("Hello €");
      a.equal(segments.encoding, "GSM-7", "smsSegments encoding");
      a.equal(segments.segments, 1, "smsSegments segments");
    },
  },
  {
    name: "timeout: a request that never answers, and waitFor",
    async run(ctx) {
      const a: Assert = ctx.assert;
      a.ok(ctx.stallUrl, "no stall URL (STALL_URL) given");
      // A loopback listener that accepts and never answers: the runtime's own fetch must be
      // aborted by the client's timer. A TimeoutError carrying the client's own timeoutMs is the
      // client's timer firing; the runner's deadline, not an assertion here, stops a run whose
      // timer never fires. A poll is safe to repeat: with one retry there are two attempts.
      for (const { timeoutMs, maxRetries, label } of [
        { timeoutMs: 300, maxRetries: 0, label: "no answer" },
        { timeoutMs: 150, maxRetries: 1, label: "with a retry" },
      ]) {
        const counted = countingFetch();
        const stalled = client(ctx, {
          baseUrl: ctx.stallUrl,
          timeoutMs,
          maxRetries,
          fetch: counted.fetch,
          random: () => 0,
        });
        const error = await a.rejects(
          stalled.reports.status.poll({ MessageID: "never-answered" }),
          ctx.sdk.TimeoutError,
          label,
        );
        a.equal(error.timeoutMs, timeoutMs, `timeoutMs (${label})`);
        a.equal(error.operationId, "reports.status.poll", `operationId (${label})`);
        a.equal(counted.count(), maxRetries + 1, `attempts (${label})`);
      }

      // A number ending in 9999 never gets a final report: waitFor gives up.
      const api = client(ctx);
      const sent = await api.messaging.sms.sendMessage({
        MessageText: "Never final",
        Recipients: "+61421009999",
      });
      const waited = await a.rejects(
        api.reports.status.waitFor({
          MessageID: messageIdOf(a, sent),
          timeoutMs: 400,
          initialIntervalMs: 100,
        }),
        ctx.sdk.TimeoutError,
        "waitFor",
      );
      a.equal(waited.timeoutMs, 400, "waitFor timeoutMs");
    },
  },
  {
    name: "a refused connection: ConnectionError; a poll is retried, and a send where the runtime tells a refusal apart",
    async run(ctx) {
      const a: Assert = ctx.assert;
      const baseUrl = ctx.refusedUrl;
      a.ok(baseUrl, "no refused URL (REFUSED_URL) given");
      const refusedClient = (fetch: typeof globalThis.fetch) =>
        client(ctx, { baseUrl, maxRetries: 1, random: () => 0, fetch });

      const polls = countingFetch();
      await a.rejects(
        refusedClient(polls.fetch).reports.status.poll({ MessageID: "refused" }),
        ctx.sdk.ConnectionError,
        "poll",
      );
      a.equal(polls.count(), 2, "attempts of a poll (one retry)");

      const sends = countingFetch();
      const error = await a.rejects(
        refusedClient(sends.fetch).messaging.sms.sendMessage({
          MessageText: "Refused",
          Recipients: "+61421000001",
        }),
        ctx.sdk.ConnectionError,
        "send",
      );
      a.equal(error.operationId, "messaging.sms.sendMessage", "operationId");
      // A send is repeated only when it cannot have been acted on. Node, Deno, Bun and the edge
      // VM report a refused connection as such, so the send gets its retry; workerd reports it as
      // "Network connection lost.", exactly as a connection lost after the request went out, so
      // there the send is not repeated (no risk of a second SMS).
      const tellsRefusal = !ctx.runtime.startsWith("workerd");
      a.equal(sends.count(), tellsRefusal ? 2 : 1, "attempts of a send on a refused connection");
    },
  },
  {
    name: "the caller's signal aborts a request under way",
    async run(ctx) {
      const a: Assert = ctx.assert;
      a.ok(ctx.stallUrl, "no stall URL (STALL_URL) given");
      const stalled = client(ctx, { baseUrl: ctx.stallUrl, timeoutMs: 10_000 });
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(new Error("enough")), 100);
      try {
        const error = await a.rejects(
          stalled.reports.status.poll(
            { MessageID: "never-answered" },
            { signal: controller.signal },
          ),
          ctx.sdk.AbortError,
          "aborted",
        );
        a.ok(!(error instanceof ctx.sdk.TimeoutError), "not a timeout");
      } finally {
        clearTimeout(timer);
      }
    },
  },
  {
    name: "service errors: wrong token, unknown message",
    async run(ctx) {
      const a: Assert = ctx.assert;
      const intruder = client(ctx, { authToken: `${ctx.token}-wrong`, maxRetries: 0 });
      const denied = await a.rejects(
        intruder.reports.status.poll({ MessageID: "any" }),
        ctx.sdk.AuthenticationError,
        "wrong token",
      );
      a.equal(denied.status, 401, "status");
      a.ok(!denied.message.includes(ctx.token), "the token is not in the message");

      const missing = await a.rejects(
        client(ctx).reports.status.poll({ MessageID: uid() }),
        ctx.sdk.NotFoundError,
        "unknown MessageID",
      );
      a.equal(missing.status, 404, "status");
    },
  },
];
