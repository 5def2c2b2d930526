/**
 * Time in the sandbox: one clock (milliseconds since the epoch) and fixed local offsets.
 *
 * The service reports local times in the sender's time zone (`AUS Eastern` in its examples), or
 * in the zone a message's `TimeZone` names. The sandbox keeps it simple: a local time is UTC plus
 * a fixed offset (no daylight saving), and it knows few zones (see {@link findZone}).
 */

/** The source of "now" in milliseconds since the epoch (like `Date.now`). */
export interface Clock {
  /** The current time, in milliseconds since the epoch. */
  now(): number;
}

/** The system clock. */
export const systemClock: Clock = { now: () => Date.now() };

const MINUTE = 60_000;

function pad(value: number, width = 2): string {
  return String(value).padStart(width, "0");
}

function fields(ms: number): [string, string, string, string, string, string] {
  const d = new Date(ms);
  return [
    pad(d.getUTCFullYear(), 4),
    pad(d.getUTCMonth() + 1),
    pad(d.getUTCDate()),
    pad(d.getUTCHours()),
    pad(d.getUTCMinutes()),
    pad(d.getUTCSeconds()),
  ];
}

/** `2025-08-09 23:00:00` (UTC). */
export function utcText(ms: number): string {
  const [y, mo, d, h, mi, s] = fields(ms);
  return `${y}-${mo}-${d} ${h}:${mi}:${s}`;
}

/** `2025-08-09T23:00:00` (UTC, no zone: the address book's form). */
export function utcIsoText(ms: number): string {
  return utcText(ms).replace(" ", "T");
}

/** `2025-08-09T23:00:00Z` (RFC 3339 / ISO 8601, whole seconds). */
export function rfc3339(ms: number): string {
  return `${utcIsoText(ms)}Z`;
}

/** `2025-08-10 09:00:00` in the local time of `offsetMinutes`. */
export function localText(ms: number, offsetMinutes: number): string {
  return utcText(ms + offsetMinutes * MINUTE);
}

/** `2025-08-10T09:00:00` in the local time of `offsetMinutes`. */
export function localIsoText(ms: number, offsetMinutes: number): string {
  return utcIsoText(ms + offsetMinutes * MINUTE);
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * A local `YYYY-MM-DD HH:mm[:ss]` (space or `T`) → milliseconds since the epoch, or undefined
 * when the text is not such a time or names a day that does not exist (`2025-02-30`).
 */
export function parseLocal(text: string, offsetMinutes: number): number | undefined {
  const match = LOCAL.exec(text);
  if (!match) return undefined;
  const [y, mo, d, h, mi, s] = match.slice(1).map((part) => Number(part ?? "0")) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const utc = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(utc);
  if (
    check.getUTCFullYear() !== y ||
    check.getUTCMonth() !== mo - 1 ||
    check.getUTCDate() !== d ||
    h > 23 ||
    mi > 59 ||
    s > 59
  ) {
    return undefined;
  }
  return utc - offsetMinutes * MINUTE;
}

/** A time zone the sandbox knows: its name as reported, and its fixed offset from UTC. */
export interface Zone {
  readonly name: string;
  readonly utcOffsetMinutes: number;
}

/**
 * The zones the sandbox knows: its own (`own`, the `timeZone` option at `utcOffsetMinutes`),
 * `UTC`, and `AUS Eastern` at +10:00. A name is matched in any letter case, and with or without
 * the ` Standard Time` the Windows ids end in (`AUS Eastern Standard Time`).
 */
export function knownZones(own: Zone): Zone[] {
  const zones = [
    own,
    { name: "UTC", utcOffsetMinutes: 0 },
    { name: "AUS Eastern", utcOffsetMinutes: 600 },
  ];
  return zones.filter((zone, i) => zones.findIndex((z) => sameZone(z.name, zone.name)) === i);
}

function zoneKey(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/\s+standard\s+time$/, "");
}

function sameZone(a: string, b: string): boolean {
  return zoneKey(a) === zoneKey(b);
}

/** The known zone `name` names (see {@link knownZones}), or undefined. */
export function findZone(name: string, own: Zone): Zone | undefined {
  return knownZones(own).find((zone) => sameZone(zone.name, name));
}
