const RFC3339 =
  /^(\d{4}-\d\d-\d\d)[Tt ](\d\d:\d\d:\d\d)(\.\d+)?(?:[Zz]|([+-])([01]\d|2[0-3]):([0-5]\d))$/;

/**
 * Milliseconds since the epoch of an RFC 3339 date-time with an offset, or `undefined`. Times
 * that do not exist (February 30, hour 24, leap second 60) are refused, not rolled over.
 */
export function parseRfc3339(value: string | undefined): number | undefined {
  const match = RFC3339.exec(value ?? "");
  if (!match) return undefined;
  const [, date, time, fraction, sign, hours, minutes] = match;
  // Every engine reads this exact form; some roll impossible dates over, which the round trip shows.
  const utc = Date.parse(`${date}T${time}Z`);
  // `toJSON` is null for an invalid date, where `toISOString` would throw.
  if (new Date(utc).toJSON()?.slice(0, 19) !== `${date}T${time}`) return undefined;
  const offset = sign ? (sign === "-" ? -1 : 1) * (Number(hours) * 60 + Number(minutes)) : 0;
  return utc + Number(fraction ?? 0) * 1000 - offset * 60_000;
}
