// A load run against several receivers sharing one dedupe store, played the way the service
// delivers: 2,000 deliveries at concurrency 50, 10 % of them repeats, each repeat sent to
// another receiver than its original; one receiver is stopped mid-run, and every delivery that
// did not get a 200 is delivered again to a live receiver, as the service's retry would be.
// Web-standard only: the Redis, Deno KV and Durable Object runs all use it.

/** The receivers under test, as the run sees them. */
export interface ExactlyOnceTarget {
  /** How many receivers there are (3 here). */
  readonly receivers: number;
  /** Posts one webhook body (JSON) to receiver `index`; rejects when the connection fails. */
  deliver(index: number, body: string): Promise<{ status: number; text: string }>;
  /** Stops receiver `index` while deliveries to it are under way. */
  stop(index: number): Promise<void>;
  /**
   * Whether receiver `index` holds callbacks that will not complete (it has wedged), when the
   * target can tell: then it is stopped only once so, and the stop always finds unfinished work.
   */
  wedged?(index: number): boolean;
  /** The MessageID of every callback that completed, once per completion, across receivers. */
  handled(): Promise<string[]>;
}

export interface ExactlyOnceOptions {
  /** The token the receivers take. */
  token: string;
  /** Deliveries in all, repeats included. Default 2,000. */
  total?: number;
  /** Deliveries under way at once. Default 50. */
  concurrency?: number;
  /** Which receiver is stopped. Default the last. */
  victim?: number;
  /**
   * How long the retries wait after the run, as the service waits 5 minutes: for a receiver that
   * crashed, its claims' lease must have ended. Default 0.
   */
  redeliverAfterMs?: number;
}

export interface ExactlyOnceReport {
  /** Distinct events sent. */
  events: number;
  /** Deliveries in the main run (originals and repeats). */
  deliveries: number;
  /** Repeats, each to a receiver other than its original's. */
  repeats: number;
  /** Answers of the main run: `ok`, `duplicate`, and `failed` (no answer or not 200). */
  answers: { ok: number; duplicate: number; failed: number };
  /** Deliveries to the stopped receiver that were under way when it stopped. */
  inFlightAtStop: number;
  /** Deliveries made again after the run, until each had its 200. */
  redelivered: number;
  /** Answers to those: a `duplicate` is an event whose callback had completed before the stop. */
  redeliveryAnswers: { ok: number; duplicate: number; failed: number };
  /** MessageIDs handled more than once, and never. Both must be empty. */
  handledTwice: string[];
  lost: string[];
  /** Wall time of the main run, for printing only. */
  elapsedMs: number;
  /** Every delivery's time to its answer, in ms, for printing only. */
  latenciesMs: number[];
}

export function exactlyOncePayload(i: number, token: string): Record<string, string> {
  return {
    Version: "2.04",
    APIKey: token,
    Type: "SMS",
    Destination: `+6142${String(i).padStart(7, "0")}`,
    MessageID: `eo-${i}`,
    JobNumber: "EXACTLY1",
    "SentTimeUTC-RFC3339": "2025-08-09T23:00:02Z",
    Status: "SUCCESS",
    Result: "Sent OK",
    Message: "",
    Price: "0.20",
  };
}

interface Delivery {
  event: number;
  receiver: number;
  repeat: boolean;
}

export async function runExactlyOnce(
  target: ExactlyOnceTarget,
  options: ExactlyOnceOptions,
): Promise<ExactlyOnceReport> {
  const total = options.total ?? 2_000;
  const concurrency = options.concurrency ?? 50;
  const victim = options.victim ?? target.receivers - 1;
  const repeats = Math.floor(total / 10);
  const events = total - repeats;
  // Every (events / repeats)-th event is repeated once, after its original is answered.
  const repeatStep = Math.floor(events / repeats);
  const bodies = Array.from({ length: events }, (_, i) =>
    JSON.stringify(exactlyOncePayload(i, options.token)),
  );
  const alive = new Set(Array.from({ length: target.receivers }, (_, i) => i));
  const inFlight = new Array<number>(target.receivers).fill(0);
  const answers = { ok: 0, duplicate: 0, failed: 0 };
  const failed: Delivery[] = [];
  const latenciesMs: number[] = [];
  const readyRepeats: Delivery[] = [];
  let nextOriginal = 0;
  let started = 0;
  let inFlightAtStop = -1;
  let stopping: Promise<void> | undefined;

  const otherThan = (receiver: number, salt: number): number => {
    const others = [...alive].filter((r) => r !== receiver);
    const pool = others.length > 0 ? others : [...alive];
    return pool[salt % pool.length] ?? 0;
  };

  const deliver = async (
    delivery: Delivery,
    tally: { ok: number; duplicate: number; failed: number },
  ): Promise<boolean> => {
    const body = bodies[delivery.event] ?? "";
    inFlight[delivery.receiver] = (inFlight[delivery.receiver] ?? 0) + 1;
    const begun = performance.now();
    try {
      const answer = await target.deliver(delivery.receiver, body);
      latenciesMs.push(performance.now() - begun);
      if (answer.status !== 200) {
        tally.failed++;
        return false;
      }
      if (answer.text === "duplicate") tally.duplicate++;
      else tally.ok++;
      return true;
    } catch {
      tally.failed++;
      return false;
    } finally {
      inFlight[delivery.receiver] = (inFlight[delivery.receiver] ?? 1) - 1;
    }
  };

  const next = (): Delivery | undefined => {
    const repeat = readyRepeats.shift();
    if (repeat) return repeat;
    if (nextOriginal >= events) return undefined;
    const event = nextOriginal++;
    const live = [...alive];
    return { event, receiver: live[event % live.length] ?? 0, repeat: false };
  };

  const maybeStop = () => {
    // Mid-run, while deliveries to the victim are under way (or, failing that, at 60 %); and
    // always before a wedged victim holds half the workers, which would starve the run.
    const held = inFlight[victim] ?? 0;
    if (stopping || target.wedged?.(victim) === false) return;
    if (held < concurrency / 2) {
      if (started < total * 0.2) return;
      if (held < 3 && started < total * 0.6) return;
    }
    inFlightAtStop = inFlight[victim] ?? 0;
    alive.delete(victim);
    stopping = target.stop(victim);
  };

  const begun = performance.now();
  let pendingRepeats = 0;
  const worker = async () => {
    for (;;) {
      const delivery = next();
      if (!delivery) {
        // Repeats still to come from deliveries under way: wait for them.
        if (pendingRepeats === 0) return;
        await new Promise((resolve) => setTimeout(resolve, 1));
        continue;
      }
      started++;
      maybeStop();
      const repeatThis = !delivery.repeat && delivery.event % repeatStep === 0;
      if (repeatThis) pendingRepeats++;
      if (!(await deliver(delivery, answers))) failed.push(delivery);
      if (repeatThis) {
        // The repeat goes to another receiver, whatever the original got.
        readyRepeats.push({
          event: delivery.event,
          receiver: otherThan(delivery.receiver, delivery.event),
          repeat: true,
        });
        pendingRepeats--;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsedMs = performance.now() - begun;
  await stopping;

  // The service's retries: every delivery without a 200 again, to a live receiver, until each
  // has one.
  const pause = options.redeliverAfterMs ?? 0;
  if (pause > 0) await new Promise((resolve) => setTimeout(resolve, pause));
  let redelivered = 0;
  const redeliveryAnswers = { ok: 0, duplicate: 0, failed: 0 };
  let round = failed.splice(0);
  for (let attempt = 0; round.length > 0 && attempt < 5; attempt++) {
    const again: Delivery[] = [];
    await Promise.all(
      round.map(async (delivery, i) => {
        redelivered++;
        const retry = { ...delivery, receiver: otherThan(victim, delivery.event + i + attempt) };
        if (!(await deliver(retry, redeliveryAnswers))) again.push(retry);
      }),
    );
    round = again;
  }
  if (round.length > 0) throw new Error(`${round.length} deliveries never got a 200`);

  const counts = new Map<string, number>();
  for (const id of await target.handled()) counts.set(id, (counts.get(id) ?? 0) + 1);
  const handledTwice = [...counts].filter(([, n]) => n > 1).map(([id]) => id);
  const lost = Array.from({ length: events }, (_, i) => `eo-${i}`).filter((id) => !counts.has(id));
  return {
    events,
    deliveries: started,
    repeats,
    answers,
    inFlightAtStop,
    redelivered,
    redeliveryAnswers,
    handledTwice,
    lost,
    elapsedMs,
    latenciesMs,
  };
}

/** The p-th percentile of `values` (0–100), for printing. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}
