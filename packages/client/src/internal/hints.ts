// What `BestSMS` adds to its errors: the input name that was probably meant, how to make a number
// E.164, what a 401 means, and a base URL checked at construction. Installed by `BestSMS`
// (`state.explain`, `state.authHint`), so a Worker on the core alone does not carry it.
import { BestSMSError, type InputIssue } from "../errors.js";
import { messagingSmsSendMessageSpec } from "../generated/operations.gen.js";
import type { ClientState } from "./state.js";
import type { OperationSpec, Shape } from "./types.js";

/** The edit distance of two short names, with a cap (past it the exact count does not matter). */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1]?.toLowerCase() === b[j - 1]?.toLowerCase() ? 0 : 1;
      next[j] = Math.min((row[j] ?? 0) + 1, (next[j - 1] ?? 0) + 1, (row[j - 1] ?? 0) + cost);
    }
    row = next;
  }
  return row[b.length] ?? 0;
}

/** The known name nearest a mistyped one, when one is near enough to be meant. */
export function nearest(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(name.length / 4)) + 1;
  for (const candidate of known) {
    const d = distance(name, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** Input names known at one level of a shape: the documented names and the other fields'. */
function knownNames(shape: Shape | undefined, extra: readonly string[] = []): string[] {
  const rename = shape?.rename ?? {};
  const wireNamed = new Set(Object.values(rename));
  const fields = Object.keys(shape?.fields ?? {}).filter((wire) => !wireNamed.has(wire));
  return [...Object.keys(rename), ...fields, ...extra];
}

const E164 = "^\\+[1-9]";
/** How the spec's date-time patterns (`SendTime`, `DateFrom` …) begin. */
const WHEN = "^[0-9]{4}-";

function didYouMean(name: string, known: readonly string[]): string {
  const near = nearest(name, known);
  return near === undefined ? "" : ` (did you mean \`${near}\`?)`;
}

/** The shape of the object at this depth of the send's input (top level, or a destination). */
function shapeAt(spec: OperationSpec, depth: number): Shape | undefined {
  const top = spec.body?.shape;
  if (depth === 0) return top;
  // One level down is an item of an array field (a destination): its items' shape.
  for (const field of Object.values(top?.fields ?? {})) {
    if (field.items && depth <= 2) return field.items;
  }
  return undefined;
}

/** An issue with the fix spelled out, when the client can tell what it is. */
export function explainIssue(spec: OperationSpec, issue: InputIssue): InputIssue {
  const { path, rule, limit } = issue;
  const name = path[path.length - 1];
  let add = "";
  let message = issue.message;
  if (rule === "additionalProperties" && typeof name === "string") {
    const known = spec.body
      ? knownNames(
          shapeAt(spec, path.length - 1),
          path.length === 1 && spec.body.generated ? [spec.body.generated] : [],
        )
      : [...spec.pathParams, ...spec.queryParams].flatMap((p) => p.names);
    add = didYouMean(name, known);
  }
  if (rule === "pattern" && typeof limit === "string") {
    const at = message.indexOf(": ");
    const got = message.slice(message.lastIndexOf(", got "));
    if (limit.startsWith(E164)) {
      message = `${message.slice(0, at)}: not an E.164 number (+, country code, number: +61421000001); convert it with toE164(number, { defaultCountry: "AU" }) from @bestsms/validation${path[0] === "Recipients" ? ", or give the client defaultCountry" : ""}`;
    } else if (limit.startsWith(WHEN)) {
      // The service's local time: an ISO instant (`toISOString()`) is not one; a send takes a Date.
      message = `${message.slice(0, at)}: must be a local time "YYYY-MM-DD HH:mm[:ss]"${spec === messagingSmsSendMessageSpec ? " or a Date" : ""}${got}`;
    }
  }
  return add === "" && message === issue.message ? issue : { ...issue, message: message + add };
}

/** What a 401 means, and how to fix it: the scheme sent and the token's expected form. */
export function authHint(state: ClientState): string {
  return ` (sent "Authorization: ${state.authScheme} <token>"; the token must be the AuthToken of the BestSMS Web Dashboard, a JWT${/ [\w-]+\.[\w-]+\.[\w-]*$/.test(state.http.headers.authorization ?? "") ? "" : ", which the one given does not look like"}; or your account wants authScheme "${state.authScheme === "Basic" ? "Bearer" : "Basic"}")`;
}

/**
 * Refuses a base URL the client cannot use, at construction rather than as a ConnectionError
 * on the first call: it needs `http:` or `https:`, a host, and no query or fragment.
 */
export function checkBaseUrl(value: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    // `127.0.0.1:8787` is not a URL, and `localhost:8787` one of scheme `localhost:`.
  }
  const why =
    !url || !/^https?:$/.test(url.protocol)
      ? "must start with http:// or https://"
      : !url.hostname
        ? "has no host"
        : /\?/.test(value)
          ? "must not have a query"
          : /#/.test(value)
            ? "must not have a fragment"
            : url.username || url.password
              ? "must not carry credentials"
              : "";
  if (why) {
    throw new BestSMSError(
      `BestSMS: baseUrl ${JSON.stringify(value)} ${why} (e.g. "http://127.0.0.1:8787")`,
    );
  }
  return value.replace(/\/+$/, "");
}
