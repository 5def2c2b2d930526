// What most test files share: a token, a spec server for the file, a fake clock per test and a
// client wired to both.
import { afterAll, afterEach, beforeAll, beforeEach, expect } from "vitest";
import { BestSMS, BestSMSCore, type ClientOptions } from "../../src/index.js";
import { FakeClock } from "./fake-clock.js";
import { type TrackedFetch, trackedFetch } from "./fetch.js";
import { SpecServer } from "./spec-server.js";

/** A token shaped like the dashboard's (a JWT). */
// The canary run (tools/faults) sets BESTSMS_CANARY_TOKEN to rerun this suite with a token it
// then searches every log line and error for.
export const TOKEN: string =
  (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env
    ?.BESTSMS_CANARY_TOKEN ??
  "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ0ZXN0LXVzZXIifQ.c2lnbmF0dXJlLW9mLXRlc3Q";

export const CONTACT_ID = "AAAAAAAA-BBBB-BBBB-CCCC-DDDDDDDDDDDD";
export const GROUP_ID = "BBBBBBBB-CCCC-DDDD-EEEE-FFFFFFFFFFFF";
export const MESSAGE_ID = "ID123456";

/** UUIDs in sequence, so a test knows which one a send got. */
export function sequentialUUIDs(): (() => string) & { readonly made: string[] } {
  const made: string[] = [];
  const next = (): string => {
    const uuid = `4f1d2c3e-5b6a-4d7c-8e9f-${String(made.length + 1).padStart(12, "0")}`;
    made.push(uuid);
    return uuid;
  };
  return Object.assign(next, { made });
}

export interface Harness {
  readonly server: SpecServer;
  readonly clock: FakeClock;
  readonly tracked: TrackedFetch;
  readonly uuids: ReturnType<typeof sequentialUUIDs>;
  /** Options for a client of the spec server on the fake clock. */
  options(extra?: Partial<ClientOptions>): ClientOptions;
  client(extra?: Partial<ClientOptions>): BestSMS;
  core(extra?: Partial<ClientOptions>): BestSMSCore;
}

function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`${what} is not ready (use it inside a test)`);
  return value;
}

/**
 * Starts a spec server for the file; each test gets a fresh fake clock and request log, and ends
 * with no timer left on the clock.
 */
export function useHarness(serverOptions: { scheme?: "Basic" | "Bearer" } = {}): Harness {
  let server: SpecServer | undefined;
  let clock: FakeClock | undefined;
  let tracked: TrackedFetch | undefined;
  let uuids: ReturnType<typeof sequentialUUIDs> | undefined;
  beforeAll(async () => {
    server = await SpecServer.start({ token: TOKEN, ...serverOptions });
  });
  afterAll(async () => {
    await server?.close();
  });
  beforeEach(() => {
    server?.reset();
    clock = new FakeClock();
    tracked = trackedFetch();
    uuids = sequentialUUIDs();
  });
  afterEach(async () => {
    // A delayed answer still on its way would land in the next test's log.
    await server?.drained();
    expect(clock?.pendingDelays(), "timers left on the clock").toEqual([]);
  });
  const harness: Harness = {
    get server() {
      return must(server, "the server");
    },
    get clock() {
      return must(clock, "the clock");
    },
    get tracked() {
      return must(tracked, "the fetch");
    },
    get uuids() {
      return must(uuids, "the UUIDs");
    },
    options(extra = {}) {
      return {
        authToken: TOKEN,
        baseUrl: harness.server.url,
        clock: harness.clock,
        fetch: harness.tracked.fetch,
        randomUUID: harness.uuids,
        random: () => 0,
        ...extra,
      };
    },
    client(extra) {
      return new BestSMS(harness.options(extra));
    },
    core(extra) {
      return new BestSMSCore(harness.options(extra));
    },
  };
  return harness;
}
