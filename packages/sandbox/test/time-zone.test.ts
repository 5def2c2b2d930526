// A send's TimeZone: SendTime is read in the zone it names, and the message's local times are
// reported in it; an unknown zone is refused. On an injected clock, through @bestsms/client.
import { BestSMS } from "@bestsms/client";
import { describe, expect, it } from "vitest";
import { createSandboxApp, type SandboxOptions } from "../src/app.js";
import { findZone } from "../src/time.js";
import { manualClock } from "./helpers.js";

const HOUR = 3_600_000;
const TOKEN = "time-zone-token";

type Json = Record<string, unknown>;

function setup(options: SandboxOptions = {}) {
  // 2025-08-09 23:00:00 UTC, 2025-08-10 09:00:00 in the sandbox's zone (AUS Eastern, +10:00).
  const clock = manualClock();
  const hooks: Json[] = [];
  const sandbox = createSandboxApp({
    clock,
    authToken: TOKEN,
    webhookUrl: "https://hooks.example.com/bestsms",
    fetch: async (_input, init) => {
      hooks.push(JSON.parse(String(init?.body)) as Json);
      return new Response(null, { status: 204 });
    },
    ...options,
  });
  const client = new BestSMS({
    authToken: TOKEN,
    baseUrl: "http://sandbox.test",
    fetch: (input, init) => sandbox.fetch(new Request(input, init)),
    maxRetries: 0,
  });
  const send = async (fields: Json): Promise<{ status: number; body: Json }> => {
    const response = await sandbox.fetch(
      new Request("http://sandbox.test/send/sms", {
        method: "POST",
        headers: { Authorization: `Basic ${TOKEN}`, "Content-Type": "application/json" },
        body: JSON.stringify({
          MessageData: { Message: "x", Destinations: [{ Recipient: "+61421000001" }], ...fields },
        }),
      }),
    );
    return { status: response.status, body: (await response.json()) as Json };
  };
  const poll = (MessageID: string) => client.reports.status.poll({ MessageID });
  return { clock, sandbox, client, hooks, send, poll };
}

describe("a send's TimeZone", () => {
  it("keeps a Date an hour ahead (sent as UTC with TimeZone UTC) Delayed for that hour", async () => {
    const { clock, sandbox, client, hooks, poll } = setup();
    const sent = await client.messaging.sms.sendMessage({
      MessageText: "In an hour",
      Recipients: "+61421000001",
      SendTime: new Date(clock.now() + HOUR),
    });
    const id = sent.MessageID ?? "";
    // The client sent {"SendTime":"2025-08-10 00:00:00","TimeZone":"UTC"}: the message's local
    // times are in UTC, and DelayedTimeLocal is the SendTime as sent.
    expect(await poll(id)).toMatchObject({
      Status: "Delayed",
      Timezone: "UTC",
      CreatedTimeLocal: "2025-08-09 23:00:00",
      CreatedTimeUTC: "2025-08-09 23:00:00",
      DelayedTimeLocal: "2025-08-10 00:00:00",
      DelayedTimeUTC: "2025-08-10 00:00:00",
      DelayedTimeUTC_RFC3339: "2025-08-10T00:00:00Z",
    });
    await sandbox.advance(HOUR - 1);
    expect((await poll(id)).Status).toBe("Delayed");
    await sandbox.advance(1);
    expect((await poll(id)).Status).toBe("Pending");
    await sandbox.advance(2_000);
    const done = await poll(id);
    expect(done.Status).toBe("Completed");
    expect(done.Recipients?.[0]).toMatchObject({
      SentTimeLocal: "2025-08-10 00:00:02",
      SentTimeUTC: "2025-08-10 00:00:02",
    });
    // The status webhook's SentTimeLocal is the poll's: in the message's zone.
    expect(hooks.map((h) => [h.Status, h.SentTimeLocal, h["SentTimeUTC-RFC3339"]])).toEqual([
      ["SUCCESS", "2025-08-10 00:00:02", "2025-08-10T00:00:02Z"],
    ]);
  });

  it("sends at once a SendTime in UTC that is past, though ahead in the sandbox's zone", async () => {
    const { send, poll } = setup({ timeZone: "Hawaiian", utcOffsetMinutes: -600 });
    // 22:30 UTC is half an hour ago; read at -10:00 it would be 9.5 hours ahead.
    const answer = await send({ SendTime: "2025-08-09 22:30", TimeZone: "UTC", Mode: "Test" });
    expect(answer.status).toBe(200);
    const status = await poll(String(answer.body.MessageID));
    expect(status).toMatchObject({ Status: "Completed", DelayedTimeLocal: "", Timezone: "UTC" });
  });

  it("reads the Windows ids it knows in any case, and its own zone when TimeZone is left out", async () => {
    const { send, poll } = setup({ timeZone: "New Zealand", utcOffsetMinutes: 720 });
    const cases: [Json, string, string][] = [
      [{ SendTime: "2025-08-10 12:00" }, "New Zealand", "2025-08-10 12:00:00"],
      [{ SendTime: "2025-08-10 12:00", TimeZone: "" }, "New Zealand", "2025-08-10 12:00:00"],
      [
        { SendTime: "2025-08-10 12:00", TimeZone: "new zealand" },
        "New Zealand",
        "2025-08-10 12:00:00",
      ],
      [
        { SendTime: "2025-08-10 10:00", TimeZone: "AUS Eastern" },
        "AUS Eastern",
        "2025-08-10 10:00:00",
      ],
      [
        { SendTime: "2025-08-10 10:00", TimeZone: "AUS Eastern Standard Time" },
        "AUS Eastern",
        "2025-08-10 10:00:00",
      ],
      [{ SendTime: "2025-08-10 00:00", TimeZone: "utc" }, "UTC", "2025-08-10 00:00:00"],
    ];
    for (const [fields, Timezone, DelayedTimeLocal] of cases) {
      const answer = await send(fields);
      expect(answer.status).toBe(200);
      expect(await poll(String(answer.body.MessageID))).toMatchObject({
        Status: "Delayed",
        Timezone,
        DelayedTimeLocal,
        DelayedTimeUTC: "2025-08-10 00:00:00",
      });
    }
  });

  it("refuses a TimeZone it does not know, with or without a SendTime, and keeps no message", async () => {
    const { sandbox, send } = setup();
    for (const fields of [
      { SendTime: "2025-08-10 10:00", TimeZone: "Mars Standard Time" },
      { TimeZone: "Mars Standard Time" },
    ]) {
      expect(await send(fields)).toEqual({
        status: 400,
        body: {
          Result: "Failed",
          ErrorMessage: [
            'MessageData.TimeZone: not a known time zone, got "Mars Standard Time" (known: AUS Eastern, UTC)',
          ],
        },
      });
    }
    expect(sandbox.state.messages).toEqual([]);
  });

  it("reads a reschedule's SendTime in the sender's zone; reports it in the message's", async () => {
    const { client, poll } = setup();
    const sent = await client.messaging.sms.sendMessage({
      MessageText: "Later",
      Recipients: "+61421000001",
      SendTime: new Date(Date.UTC(2025, 7, 10, 0, 0, 0)),
    });
    const id = sent.MessageID ?? "";
    await client.actions.reschedule.sendRequest({ MessageID: id, SendTime: "2025-08-10 11:30" });
    expect(await poll(id)).toMatchObject({
      Status: "Delayed",
      Timezone: "UTC",
      DelayedTimeLocal: "2025-08-10 01:30:00",
      DelayedTimeUTC: "2025-08-10 01:30:00",
    });
  });
});

describe("findZone", () => {
  const own = { name: "AUS Eastern", utcOffsetMinutes: 600 };

  it("knows the sandbox's zone, UTC and AUS Eastern, by name or Windows id in any case", () => {
    expect(findZone("UTC", own)).toEqual({ name: "UTC", utcOffsetMinutes: 0 });
    expect(findZone("aus eastern standard time", own)).toEqual(own);
    expect(findZone("Hawaiian", { name: "Hawaiian", utcOffsetMinutes: -600 })).toEqual({
      name: "Hawaiian",
      utcOffsetMinutes: -600,
    });
    // The sandbox's own zone wins over a known one of the same name.
    expect(findZone("AUS Eastern", { name: "AUS Eastern", utcOffsetMinutes: 660 })).toEqual({
      name: "AUS Eastern",
      utcOffsetMinutes: 660,
    });
    expect(findZone("Mars", own)).toBeUndefined();
    expect(findZone("", own)).toBeUndefined();
  });
});
