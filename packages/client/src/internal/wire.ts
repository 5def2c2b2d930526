import { formatPath } from "@bestsms/validation";
import { type InputIssue, ValidationError } from "../errors.js";
import type { OperationSpec, Shape } from "./types.js";

/** Where a wire value came from, so a problem found on the wire is named as the caller wrote it. */
interface Origin {
  /** wire key → the input key that filled it */
  keys?: Record<string, string>;
  /** an array made from a lone item */
  single?: true;
  /** an object made from a bare string: the property it filled */
  shorthand?: string;
}

/** A call's input split into what goes where on the wire. */
export interface WireRequest {
  readonly path: string;
  readonly query: string;
  /** Parameters by wire name, for validation. */
  readonly params: Record<string, unknown>;
  /** For each parameter given: the input name the caller used. */
  readonly paramNames: Record<string, string>;
  /** The JSON body (envelope included), when the operation has one. */
  readonly body: Record<string, unknown> | undefined;
  /** The body the caller's input became, before the envelope (for naming problems). */
  readonly inner: Record<string, unknown> | undefined;
  readonly origins: WeakMap<object, Origin>;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function define(target: Record<string, unknown>, key: string, value: unknown): void {
  // Assignment, except for a key named `__proto__`: that stays a plain (invalid) field, which the
  // validators then report, instead of setting the object's prototype.
  if (key === "__proto__") Object.defineProperty(target, key, { value, enumerable: true });
  else target[key] = value;
}

/** Throws the one issue found: `<name>: <text>`, the name being the path's unless given. */
function fail(
  operationId: string,
  path: (string | number)[],
  text: string,
  rule: string,
  name: string = label(path),
): never {
  throw new ValidationError(operationId, [{ message: `${name}: ${text}`, path, rule }]);
}

const label = formatPath;

/** Input value → wire value, following the generated shape. */
function toWire(
  operationId: string,
  value: unknown,
  shape: Shape | undefined,
  at: (string | number)[],
  origins: WeakMap<object, Origin>,
): unknown {
  if (shape?.single && value !== undefined && !Array.isArray(value)) {
    const wrapped = [toWire(operationId, value, shape.items, at, origins)];
    origins.set(wrapped, { single: true });
    return wrapped;
  }
  if (Array.isArray(value)) {
    return value.map((item, i) => toWire(operationId, item, shape?.items, [...at, i], origins));
  }
  if (typeof value === "string" && shape?.shorthand !== undefined) {
    const made: Record<string, unknown> = {};
    define(made, shape.shorthand, value);
    origins.set(made, { shorthand: shape.shorthand });
    return made;
  }
  if (!isPlainObject(value) || shape === undefined) return value;
  const out: Record<string, unknown> = {};
  // No prototype: a field named `__proto__` (or `constructor`) is looked up as any other.
  const keys: Record<string, string> = Object.create(null);
  const rename = shape.rename ?? {};
  let dated = false;
  for (const [key, raw] of Object.entries(value)) {
    if (raw === undefined) continue;
    let item = raw;
    if (item instanceof Date) {
      if (Number.isNaN(+item)) {
        fail(operationId, [...at, key], "an invalid Date", "type");
      }
      item = item.toISOString().slice(0, 19).replace("T", " ");
      dated = true;
    }
    if (!Object.hasOwn(rename, key) && Object.values(rename).includes(key)) {
      const names = Object.keys(rename).filter((name) => rename[name] === key);
      fail(
        operationId,
        [...at, key],
        `not an input name; use ${names.join(" or ")}`,
        "additionalProperties",
      );
    }
    const wire = Object.hasOwn(rename, key) ? (rename[key] as string) : key;
    const earlier = keys[wire];
    if (earlier !== undefined) {
      fail(operationId, [...at, key], `give either ${earlier} or ${key}, not both`, "alias");
    }
    keys[wire] = key;
    const field = shape.fields?.[wire];
    // A string, number or boolean without a shape of its own is sent as given.
    define(
      out,
      wire,
      field === undefined && (item === null || typeof item !== "object")
        ? item
        : toWire(operationId, item, field, [...at, key], origins),
    );
  }
  if (dated) {
    // A Date is an instant: sent as UTC wall time, so the time zone must be UTC too.
    if ((out.TimeZone ?? "UTC") !== "UTC") {
      fail(
        operationId,
        [...at, "TimeZone"],
        "a Date is sent in UTC; leave TimeZone out, or give a local time string",
        "alias",
      );
    }
    define(out, "TimeZone", "UTC");
  }
  origins.set(out, { keys });
  return out;
}

/**
 * Splits a call's flat input into path, query and body, renames documented names to wire names
 * and fills a generated field (the MessageID of a send) when the caller left it out.
 */
export function toWireRequest(
  spec: OperationSpec,
  input: unknown,
  randomUUID: () => string,
): WireRequest {
  if (input !== undefined && !isPlainObject(input)) {
    fail(spec.id, [], "must be an object", "type", "input");
  }
  const rest: Record<string, unknown> = { ...(input ?? {}) };
  const params: Record<string, unknown> = {};
  const paramNames: Record<string, string> = {};
  let path = spec.path;
  let query = "";
  for (const param of [...spec.pathParams, ...spec.queryParams]) {
    const given = param.names.filter((name) => rest[name] !== undefined);
    for (const name of param.names) delete rest[name];
    if (given.length > 1) {
      fail(
        spec.id,
        [given[1] as string],
        `give only one of ${param.names.join(" or ")}`,
        "alias",
        given.join(", "),
      );
    }
    const name = given[0];
    if (name === undefined) {
      if (param.required) {
        fail(spec.id, [param.names[0] as string], "required", "required", param.names.join(" or "));
      }
      continue;
    }
    const value = (input as Record<string, unknown>)[name];
    params[param.wire] = value;
    paramNames[param.wire] = name;
    if (spec.pathParams.includes(param)) {
      path = path.replace(`{${param.wire}}`, encodeURIComponent(String(value)));
    } else {
      query += `${query ? "&" : "?"}${encodeURIComponent(param.wire)}=${encodeURIComponent(String(value))}`;
    }
  }
  const origins = new WeakMap<object, Origin>();
  if (!spec.body) {
    const extra = Object.keys(rest).filter((key) => rest[key] !== undefined);
    if (extra.length > 0) {
      throw new ValidationError(
        spec.id,
        extra.map((key) => ({
          message: `${label([key])}: not a known field`,
          path: [key],
          rule: "additionalProperties",
        })),
      );
    }
    return { path, query, params, paramNames, body: undefined, inner: undefined, origins };
  }
  const inner = toWire(spec.id, rest, spec.body.shape ?? {}, [], origins) as Record<
    string,
    unknown
  >;
  const generated = spec.body.generated;
  if (generated !== undefined && inner[generated] === undefined)
    define(inner, generated, randomUUID());
  let body = inner;
  if (spec.body.envelope !== undefined) {
    body = {};
    define(body, spec.body.envelope, inner);
  }
  return { path, query, params, paramNames, body, inner, origins };
}

/** The input name of a wire field: the name the caller used, else the documented one. */
function inputName(origin: Origin | undefined, shape: Shape | undefined, wire: string): string {
  const used = origin?.keys?.[wire];
  if (used !== undefined) return used;
  const rename = shape?.rename ?? {};
  return Object.keys(rename).find((name) => rename[name] === wire) ?? wire;
}

/** A path into the wire body → the same place in the caller's input. */
export function toInputPath(
  request: WireRequest,
  spec: OperationSpec,
  wirePath: readonly (string | number)[],
): (string | number)[] {
  const envelope = spec.body?.envelope;
  const steps = envelope !== undefined && wirePath[0] === envelope ? wirePath.slice(1) : wirePath;
  const out: (string | number)[] = [];
  let node: unknown = request.inner;
  let shape: Shape | undefined = spec.body?.shape;
  for (const step of steps) {
    const origin =
      node !== null && typeof node === "object" ? request.origins.get(node) : undefined;
    if (Array.isArray(node)) {
      if (!origin?.single) out.push(step);
      shape = shape?.items;
    } else if (origin?.shorthand !== step) {
      out.push(typeof step === "string" ? inputName(origin, shape, step) : step);
      shape = typeof step === "string" ? shape?.fields?.[step] : undefined;
    }
    node =
      node !== null && typeof node === "object"
        ? (node as Record<string | number, unknown>)[step]
        : undefined;
  }
  return out;
}

/** Restates a validation issue found on the wire in the caller's words. */
export function toInputIssue(
  request: WireRequest,
  spec: OperationSpec,
  issue: InputIssue,
  where: "body" | "params",
): InputIssue {
  const prefix = label(issue.path);
  const text = issue.message.startsWith(`${prefix}: `)
    ? issue.message.slice(prefix.length + 2)
    : issue.message;
  let path: (string | number)[];
  let said = text;
  let limit = issue.limit;
  if (where === "params") {
    const params = [...spec.pathParams, ...spec.queryParams];
    const nameOf = (wire: unknown): string =>
      request.paramNames[String(wire)] ??
      params.find((p) => p.wire === wire)?.names[0] ??
      String(wire);
    path = issue.path.length === 0 ? [] : [nameOf(issue.path[0]), ...issue.path.slice(1)];
    if (issue.rule === "dependentRequired") {
      limit = nameOf(issue.limit);
      said = `required when ${String(limit)} is given`;
    }
  } else {
    path = toInputPath(request, spec, issue.path);
  }
  const restated: InputIssue = { message: `${label(path)}: ${said}`, path, rule: issue.rule };
  return limit === undefined ? restated : { ...restated, limit };
}
