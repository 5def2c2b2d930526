/// <reference types="node" />
// What the client does to an input before it is sent, and the checks that fail before any
// request: a Date as SendTime, national numbers, duplicate destinations, the length of a message,
// names that are almost right, a base URL that cannot work.
import { describe, expect, it } from "vitest";
import { BestSMS, BestSMSError, type Logger, ValidationError } from "../src/index.js";
import { TOKEN, useHarness } from "./helpers/harness.js";

const h = useHarness();

function sentBody(): Record<string, unknown> {
  const request = h.server.requests[0];
  expect(request?.problems).toEqual([]);
  const body = request?.body as { MessageData: Record<string, unknown> } | undefined;
  return body?.MessageData ?? {};
}

describe("SendTime as a Date", () => {
  it("is sent as UTC wall time, YYYY-MM-DD HH:mm:ss, with TimeZone UTC", async () => {
    await h.client().messaging.sms.sendMessage({
      MessageText: "Hi",
      Recipients: "+61421000001",
      SendTime: new Date(Date.UTC(2025, 7, 10, 23, 5, 9)),
    });
    expect(sentBody()).toMatchObject({ SendTime: "2025-08-10 23:05:09", TimeZone: "UTC" });
  });

  it("with BestSMSCore too (no validators)", async () => {
    const { messagingSmsSendMessage } = await import("../src/index.js");
    await messagingSmsSendMessage(h.core(), {
      MessageText: "Hi",
      Recipients: "+61421000001",
      SendTime: new Date(Date.UTC(2025, 0, 2, 3, 4, 5)),
    });
    expect(sentBody()).toMatchObject({ SendTime: "2025-01-02 03:04:05", TimeZone: "UTC" });
  });

  it("with another TimeZone, or an invalid Date, is refused before any request", async () => {
    const client = h.client();
    const a = await client.messaging.sms
      .sendMessage({
        MessageText: "Hi",
        Recipients: "+61421000001",
        SendTime: new Date(),
        TimeZone: "AUS Eastern",
      })
      .catch((e: unknown) => e);
    expect(a).toBeInstanceOf(ValidationError);
    expect(String(a)).toContain("TimeZone: a Date is sent in UTC");
    const b = await client.messaging.sms
      .sendMessage({
        MessageText: "Hi",
        Recipients: "+61421000001",
        SendTime: new Date(Number.NaN),
      })
      .catch((e: unknown) => e);
    expect(String(b)).toContain("SendTime: an invalid Date");
    expect(h.server.requests).toHaveLength(0);
  });
});

describe("defaultCountry", () => {
  it("turns national numbers into E.164 before validation", async () => {
    await h.client({ defaultCountry: "AU" }).messaging.sms.sendMessage({
      MessageText: "Hi",
      Recipients: ["0421000001", { Recipient: "0421 000 002" }, "+61421000003"],
    });
    expect(sentBody().Destinations).toEqual([
      { Recipient: "+61421000001" },
      { Recipient: "+61421000002" },
      { Recipient: "+61421000003" },
    ]);
  });

  it("also tidies a number written with + and spaces, or with its country code but no +", async () => {
    await h.client({ defaultCountry: "AU" }).messaging.sms.sendMessage({
      MessageText: "Hi",
      Recipients: ["+61 421 000 003", "61421000004"],
    });
    // Not +6161421000004: the country code is not put on twice.
    expect(sentBody().Destinations).toEqual([
      { Recipient: "+61421000003" },
      { Recipient: "+61421000004" },
    ]);
  });

  it.each(["au", "XX", ""])("%j is refused at construction, naming the option", (country) => {
    expect(() => h.client({ defaultCountry: country })).toThrow(BestSMSError);
    expect(() => h.client({ defaultCountry: country })).toThrow(
      `BestSMS: defaultCountry must be a country code such as "AU", got ${JSON.stringify(country)}`,
    );
  });

  it("without it, a national number is refused with a pointer to toE164 and defaultCountry", async () => {
    const error = (await h
      .client()
      .messaging.sms.sendMessage({ MessageText: "Hi", Recipients: "0421000001" })
      .catch((e: unknown) => e)) as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues[0]?.message).toBe(
      'Recipients: not an E.164 number (+, country code, number: +61421000001); convert it with toE164(number, { defaultCountry: "AU" }) from @bestsms/validation, or give the client defaultCountry',
    );
    expect(error.message).not.toContain("^\\+");
  });
});

describe("SendTime as a string", () => {
  it("an ISO instant is refused with the form the service takes, not a pattern", async () => {
    const error = await h
      .client()
      .messaging.sms.sendMessage({
        MessageText: "Hi",
        Recipients: "+61421000001",
        SendTime: "2026-12-07T20:50:36.007Z",
      })
      .catch((e: unknown) => e);
    expect((error as ValidationError).message).toContain(
      'SendTime: must be a local time "YYYY-MM-DD HH:mm[:ss]" or a Date, got "2026-12-07T20:50:36.007Z"',
    );
    expect((error as ValidationError).message).not.toContain("^[0-9]");
    const later = await h
      .client()
      .actions.reschedule.sendRequest({ MessageID: "ID1", SendTime: "2026-12-07T20:50Z" })
      .catch((e: unknown) => e);
    expect((later as ValidationError).message).toContain(
      'SendTime: must be a local time "YYYY-MM-DD HH:mm[:ss]", got',
    );
    expect(h.server.requests).toHaveLength(0);
  });
});

describe("duplicate destinations", () => {
  it("are sent once, and the logger says how many went", async () => {
    const warnings: Readonly<Record<string, unknown>>[] = [];
    const logger: Logger = { warn: (_m, fields) => void warnings.push(fields) };
    await h.client({ logger, defaultCountry: "AU" }).messaging.sms.sendMessage({
      MessageText: "Hi",
      Recipients: ["+61421000001", "0421000001", { Recipient: "+61421000001" }, "+61421000002"],
    });
    expect(sentBody().Destinations).toEqual([
      { Recipient: "+61421000001" },
      { Recipient: "+61421000002" },
    ]);
    expect(warnings).toEqual([expect.objectContaining({ removed: 2 })]);
  });

  it("an issue names the position the caller wrote, and nothing is removed or logged", async () => {
    const warnings: Readonly<Record<string, unknown>>[] = [];
    const logger: Logger = { warn: (_m, fields) => void warnings.push(fields) };
    const error = await h
      .client({ logger })
      .messaging.sms.sendMessage({
        MessageText: "Hi",
        Recipients: ["+61421000001", "+61421000001", "+61421000002", "bad"],
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((i) => i.path)).toEqual([["Recipients", 3]]);
    expect((error as ValidationError).message).toContain("Recipients[3]: not an E.164 number");
    expect(warnings).toEqual([]);
    expect(h.server.requests).toHaveLength(0);
  });

  it("dedupeRecipients: false keeps them", async () => {
    await h.client({ dedupeRecipients: false }).messaging.sms.sendMessage({
      MessageText: "Hi",
      Recipients: ["+61421000001", "+61421000001"],
    });
    expect(sentBody().Destinations).toHaveLength(2);
  });
});

describe("messaging.sms.estimate", () => {
  it("says segments, encoding, characters and recipients without a request", () => {
    const client = h.client({ defaultCountry: "AU" });
    expect(
      client.messaging.sms.estimate({
        MessageText: "a".repeat(161),
        Recipients: ["0421000001", "+61421000001", "+61421000002"],
      }),
    ).toEqual({ segments: 2, encoding: "GSM-7", characters: 161, replaced: [], recipients: 2 });
    expect(h.server.requests).toHaveLength(0);
  });

  it("lists what ForceGSMChars would replace", () => {
    const estimate = h.client().messaging.sms.estimate({
      MessageText: "It’s 👍",
      Recipients: "+61421000001",
    });
    expect(estimate.encoding).toBe("UCS-2");
    expect(estimate.replaced).toEqual([
      { index: 2, from: "’", to: "'" },
      { index: 5, from: "👍", to: "?" },
    ]);
    const forced = h.client().messaging.sms.estimate({
      MessageText: "It’s 👍",
      Recipients: "+61421000001",
      ForceGSMChars: true,
    });
    expect(forced.encoding).toBe("GSM-7");
  });
});

describe("maxSegments", () => {
  const long = "word ".repeat(4_000); // 20,000 characters: 131 segments

  it("refuses a message over 10 segments by default, before any request", async () => {
    const error = (await h
      .client()
      .messaging.sms.sendMessage({ MessageText: long, Recipients: "+61421000001" })
      .catch((e: unknown) => e)) as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues).toEqual([
      expect.objectContaining({ path: ["MessageText"], rule: "maxSegments", limit: 10 }),
    ]);
    expect(error.message).toContain(
      "131 segments (20000 characters, GSM-7), more than maxSegments 10",
    );
    expect(h.server.requests).toHaveLength(0);
  });

  it("per client and per call", async () => {
    const text = "a".repeat(400); // 3 segments
    const strict = h.client({ maxSegments: 2 });
    await expect(
      strict.messaging.sms.sendMessage({ MessageText: text, Recipients: "+61421000001" }),
    ).rejects.toBeInstanceOf(ValidationError);
    await strict.messaging.sms.sendMessage(
      { MessageText: text, Recipients: "+61421000001" },
      { maxSegments: 3 },
    );
    expect(h.server.requests).toHaveLength(1);
  });
});

describe("names that are almost right", () => {
  it("MesageText: did you mean MessageText?", async () => {
    const error = (await h
      .client()
      .messaging.sms.sendMessage({ MesageText: "Hi", Recipients: "+61421000001" } as never)
      .catch((e: unknown) => e)) as ValidationError;
    expect(error.issues).toContainEqual({
      message: "MesageText: not a known field (did you mean `MessageText`?)",
      path: ["MesageText"],
      rule: "additionalProperties",
    });
  });

  it("a query name on a GET", async () => {
    const error = await h
      .client()
      .reports.status.poll({ MessageID: "ID1", RecordPerPage: 5 } as never)
      .catch((e: unknown) => e);
    expect(String(error)).toContain(
      "RecordPerPage: not a known field (did you mean `RecordsPerPage`?)",
    );
  });

  it("a `__proto__` key (from JSON.parse) is an unknown field, not the body's prototype", async () => {
    const input = JSON.parse(
      '{"MessageText":"Hi","Recipients":"+61421000001","__proto__":{"Reference":"x"}}',
    );
    const error = (await h
      .client()
      .messaging.sms.sendMessage(input)
      .catch((e: unknown) => e)) as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues).toContainEqual({
      message: "__proto__: not a known field",
      path: ["__proto__"],
      rule: "additionalProperties",
    });
    expect(h.server.requests).toHaveLength(0);
  });

  it("a field named like an Object method is an unknown field too", async () => {
    const error = (await h
      .client()
      .messaging.sms.sendMessage({
        MessageText: "Hi",
        Recipients: "+61421000001",
        constructor: 1,
      } as never)
      .catch((e: unknown) => e)) as ValidationError;
    expect(error.issues).toContainEqual({
      message: "constructor: not a known field",
      path: ["constructor"],
      rule: "additionalProperties",
    });
  });

  it("nothing close: no guess", async () => {
    const error = await h
      .client()
      .reports.status.poll({ MessageID: "ID1", Zebra: 5 } as never)
      .catch((e: unknown) => e);
    expect(String(error)).toContain("Zebra: not a known field");
    expect(String(error)).not.toContain("did you mean");
  });
});

describe("baseUrl is checked at construction", () => {
  it.each([
    ["127.0.0.1:8787", "must start with http:// or https://"],
    ["localhost:8787", "must start with http:// or https://"],
    ["ftp://example.com", "must start with http:// or https://"],
    ["https://api.bestsms.au/api/v2.04?x=1", "must not have a query"],
    ["https://api.bestsms.au/#top", "must not have a fragment"],
    ["https://user:pw@api.bestsms.au", "must not carry credentials"],
  ])("%s: %s", (baseUrl, why) => {
    expect(() => new BestSMS({ authToken: TOKEN, baseUrl })).toThrow(BestSMSError);
    expect(() => new BestSMS({ authToken: TOKEN, baseUrl })).toThrow(why);
  });

  it("http://127.0.0.1:8787/ is taken, without its trailing slash", () => {
    expect(new BestSMS({ authToken: TOKEN, baseUrl: "http://127.0.0.1:8787/" }).baseUrl).toBe(
      "http://127.0.0.1:8787",
    );
  });
});
