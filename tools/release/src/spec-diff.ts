import {
  buildModel,
  DOC_KEYWORDS,
  isObject,
  type Json,
  type JsonObject,
  namingOf,
  type OperationModel,
  pathToPointer,
  readOutputAliases,
  type Spec,
} from "@bestsms/spec-model";

/**
 * Classifies every change between two versions of the spec and maps it to the published
 * packages it reaches.
 *
 * - `breaking`: code written against the old SDK may stop compiling or start failing.
 * - `feature`: something new or accepted more widely; old code keeps working.
 * - `fix`: descriptions, summaries and examples only (generated doc comments change).
 *
 * Requests (inputs) and responses (outputs) are judged in opposite directions: an input that
 * accepts less is breaking, an output that may carry more (a new type, a new `oneOf` branch, a field
 * that may be missing) is breaking. Webhook payloads are outputs whose constraints are also checked
 * by the validators, so their constraints are judged like an input's.
 */

export type ChangeKind = "breaking" | "feature" | "fix";
/** What part of the API a change is in: decides the packages it reaches. */
export type ChangeScope = "operation" | "webhook" | "meta";

export interface Change {
  readonly kind: ChangeKind;
  /** An operationId or webhook and a field path (`messaging.sms.sendMessage input.MessageText`), or a JSON pointer. */
  readonly where: string;
  readonly what: string;
  readonly scope: ChangeScope;
}

export type Bump = "major" | "minor" | "patch";

export const RUNTIME_PACKAGES = [
  "@bestsms/node",
  "@bestsms/deno",
  "@bestsms/bun",
  "@bestsms/edge",
] as const;

/**
 * The published packages a change reaches.
 *
 * - Operations (requests, responses, operations): the client (its types and operation table), the
 *   validation package (wire types and validators), the sandbox (its route table) and the runtime
 *   packages, which re-export the client.
 * - Webhooks: the webhooks package, the validation package (webhook validators) and the runtime
 *   packages, which re-export the webhook handler.
 * - Documentation (`fix`): only the packages whose generated files embed it. Descriptions and
 *   examples of operations and schemas are doc comments of the wire types (`api.gen.ts`, in the
 *   client and, as a copy, in the validation package) and of the client's input types; webhook
 *   descriptions and examples are also in `webhooks.gen.ts` (examples there become the known
 *   literals of open string unions). The validators strip annotations, the sandbox's routes and the
 *   runtime packages carry no documentation of their own, so none of them is bumped for a `fix`.
 * - Meta (`info.version`, `servers`): the client's `apiVersion` and `defaultBaseUrl`.
 */
export function packagesFor(change: Pick<Change, "kind" | "scope">): string[] {
  if (change.scope === "meta") return ["@bestsms/client"];
  if (change.kind === "fix") {
    return change.scope === "webhook"
      ? ["@bestsms/client", "@bestsms/validation", "@bestsms/webhooks"]
      : ["@bestsms/client", "@bestsms/validation"];
  }
  return change.scope === "webhook"
    ? ["@bestsms/webhooks", "@bestsms/validation", ...RUNTIME_PACKAGES]
    : ["@bestsms/client", "@bestsms/validation", "@bestsms/sandbox", ...RUNTIME_PACKAGES];
}

const BUMP_OF: Record<ChangeKind, Bump> = { breaking: "major", feature: "minor", fix: "patch" };
const BUMP_RANK: Record<Bump, number> = { patch: 0, minor: 1, major: 2 };

/** The bump of every package a list of changes reaches, sorted by package name. */
export function bumpsFor(changes: readonly Change[]): Map<string, Bump> {
  const out = new Map<string, Bump>();
  for (const change of changes) {
    const bump = BUMP_OF[change.kind];
    for (const pkg of packagesFor(change)) {
      const current = out.get(pkg);
      if (current === undefined || BUMP_RANK[bump] > BUMP_RANK[current]) out.set(pkg, bump);
    }
  }
  return new Map([...out].sort(([a], [b]) => a.localeCompare(b)));
}

// ------------------------------------------------------------------------------------ schemas

type Mode = "input" | "output" | "webhook";

/** Compares a schema of the old spec (`o`) with the one in its place in the new (`n`), at `where`. */
type SchemaComparison = (
  ctx: Context,
  o: JsonObject,
  n: JsonObject,
  where: string,
  mode: Mode,
) => void;

interface Context {
  readonly old: Spec;
  readonly new: Spec;
  readonly changes: Change[];
  readonly scope: ChangeScope;
  /** `$ref` pairs being compared on the current path (recursive schemas). */
  readonly stack: Set<string>;
}

/** A schema with its `$ref`s followed and its `allOf` parts merged; the node's own keys win. */
export function resolveSchema(spec: Spec, node: JsonObject, depth = 0): JsonObject {
  if (depth > 32) return node;
  let out: JsonObject = {};
  if (typeof node.$ref === "string") {
    const target = spec.resolvePointer(node.$ref);
    if (isObject(target)) out = { ...resolveSchema(spec, target, depth + 1) };
  }
  for (const [key, value] of Object.entries(node)) {
    if (key !== "$ref" && key !== "allOf") out[key] = value;
  }
  if (Array.isArray(node.allOf)) {
    for (const part of node.allOf) {
      if (!isObject(part)) continue;
      const resolved = resolveSchema(spec, part, depth + 1);
      for (const [key, value] of Object.entries(resolved)) {
        if (key === "properties" && isObject(value)) {
          out.properties = { ...(isObject(out.properties) ? out.properties : {}), ...value };
        } else if (key === "required" && Array.isArray(value)) {
          const before = Array.isArray(out.required) ? out.required : [];
          out.required = [...new Set([...before, ...value])];
        } else if (!(key in out)) out[key] = value;
      }
    }
  }
  return out;
}

function refName(node: Json | undefined): string | undefined {
  if (!isObject(node) || typeof node.$ref !== "string") return undefined;
  return node.$ref.split("/").pop();
}

function typesOf(schema: JsonObject): Set<string> | undefined {
  const type = schema.type;
  let types: string[] | undefined;
  if (typeof type === "string") types = [type];
  else if (Array.isArray(type)) types = type.filter((t): t is string => typeof t === "string");
  else if (isObject(schema.properties)) types = ["object"];
  else if (isObject(schema.items)) types = ["array"];
  if (types === undefined) return undefined;
  if (types.includes("number")) types.push("integer");
  return new Set(types);
}

function valuesOf(schema: JsonObject): string[] | undefined {
  if (Array.isArray(schema.enum)) return schema.enum.map((v) => JSON.stringify(v));
  if (schema.const !== undefined) return [JSON.stringify(schema.const)];
  return undefined;
}

const isSubset = (a: Set<string>, b: Set<string>): boolean => [...a].every((x) => b.has(x));
const list = (values: readonly string[]): string => values.join(", ");

function add(ctx: Context, kind: ChangeKind, where: string, what: string): void {
  ctx.changes.push({ kind, where, what, scope: ctx.scope });
}

/** Upper bounds: lowering one (or adding one) narrows what is valid. */
const UPPER = ["maxLength", "maximum", "exclusiveMaximum", "maxItems", "maxProperties"] as const;
/** Lower bounds: raising one (or adding one) narrows what is valid. */
const LOWER = ["minLength", "minimum", "exclusiveMinimum", "minItems", "minProperties"] as const;
/** Exact constraints: any new or changed value may reject what was valid. */
const EXACT = ["pattern", "format", "uniqueItems"] as const;

const compareConstraints: SchemaComparison = (ctx, o, n, where, mode) => {
  const report = (narrowed: boolean, what: string): void => {
    if (mode === "output") add(ctx, "fix", where, `${what} (documented constraint of a response)`);
    else if (narrowed) add(ctx, "breaking", where, `${what}: values valid before are now rejected`);
    else add(ctx, "feature", where, `${what}: the constraint is relaxed`);
  };
  const show = (v: Json | undefined): string => (v === undefined ? "none" : JSON.stringify(v));
  for (const key of [...UPPER, ...LOWER]) {
    const a = o[key];
    const b = n[key];
    if (a === b) continue;
    const upper = (UPPER as readonly string[]).includes(key);
    let narrowed: boolean;
    if (typeof a !== "number") narrowed = true;
    else if (typeof b !== "number") narrowed = false;
    else narrowed = upper ? b < a : b > a;
    report(narrowed, `${key} ${show(a)} → ${show(b)}`);
  }
  for (const key of EXACT) {
    const a = o[key];
    const b = n[key];
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    report(b !== undefined && b !== false, `${key} ${show(a)} → ${show(b)}`);
  }
  const closedBefore = o.additionalProperties === false;
  const closedAfter = n.additionalProperties === false;
  if (closedBefore !== closedAfter && mode !== "output") {
    report(
      closedAfter,
      closedAfter ? "unknown properties are no longer allowed" : "unknown properties are allowed",
    );
  }
};

const compareSchema: SchemaComparison = (ctx, oldNode, newNode, where, mode) => {
  const key = `${String(oldNode.$ref)}|${String(newNode.$ref)}|${mode}`;
  if (typeof oldNode.$ref === "string" && ctx.stack.has(key)) return;
  ctx.stack.add(key);
  try {
    compareResolved(
      ctx,
      resolveSchema(ctx.old, oldNode),
      resolveSchema(ctx.new, newNode),
      where,
      mode,
    );
  } finally {
    ctx.stack.delete(key);
  }
};

const compareResolved: SchemaComparison = (ctx, o, n, where, mode) => {
  const input = mode === "input";
  // Types.
  const ot = typesOf(o);
  const nt = typesOf(n);
  if (ot && nt && !(isSubset(ot, nt) && isSubset(nt, ot))) {
    const widened = isSubset(ot, nt);
    const narrowed = isSubset(nt, ot);
    const what = `type ${list([...ot].filter((t) => t !== "integer" || !ot.has("number")))} → ${list([...nt].filter((t) => t !== "integer" || !nt.has("number")))}`;
    if (input)
      add(
        ctx,
        widened ? "feature" : "breaking",
        where,
        `${what} (${widened ? "widened" : "narrowed or changed"})`,
      );
    else
      add(
        ctx,
        narrowed ? "feature" : "breaking",
        where,
        `${what} (${narrowed ? "narrowed" : "widened or changed"})`,
      );
  } else if (!ot && nt) {
    add(ctx, input ? "breaking" : "feature", where, `now typed ${list([...nt])}`);
  } else if (ot && !nt && !valuesOf(n)) {
    add(ctx, input ? "feature" : "breaking", where, `no longer typed (was ${list([...ot])})`);
  }

  // Enums and consts.
  const ov = valuesOf(o);
  const nv = valuesOf(n);
  if (ov && nv) {
    const removed = ov.filter((v) => !nv.includes(v));
    const added = nv.filter((v) => !ov.includes(v));
    if (removed.length > 0) {
      add(
        ctx,
        "breaking",
        where,
        input
          ? `enum narrowed: ${list(removed)} no longer accepted`
          : `enum narrowed: ${list(removed)} removed (code comparing with it no longer compiles)`,
      );
    }
    if (added.length > 0) add(ctx, "feature", where, `enum widened: ${list(added)} added`);
  } else if (!ov && nv) {
    add(ctx, input ? "breaking" : "feature", where, `now restricted to ${list(nv)}`);
  } else if (ov && !nv) {
    add(ctx, input ? "feature" : "breaking", where, `no longer restricted to ${list(ov)}`);
  }

  compareConstraints(ctx, o, n, where, mode);

  // Properties.
  if (isObject(o.properties) || isObject(n.properties)) compareProperties(ctx, o, n, where, mode);

  // Array items.
  if (isObject(o.items) && isObject(n.items))
    compareSchema(ctx, o.items, n.items, `${where}[]`, mode);

  // oneOf / anyOf branches: by `$ref` name, else by index.
  for (const combiner of ["oneOf", "anyOf"] as const) {
    const ob = Array.isArray(o[combiner]) ? (o[combiner] as Json[]).filter(isObject) : [];
    const nb = Array.isArray(n[combiner]) ? (n[combiner] as Json[]).filter(isObject) : [];
    if (ob.length === 0 && nb.length === 0) continue;
    const label = (b: JsonObject, i: number): string => refName(b) ?? `#${i}`;
    const matched = new Set<number>();
    ob.forEach((branch, i) => {
      const name = refName(branch);
      let j = name !== undefined ? nb.findIndex((b) => refName(b) === name) : -1;
      if (j < 0 && name === undefined && i < nb.length && refName(nb[i]) === undefined) j = i;
      const at = `${where}<${label(branch, i)}>`;
      const other = j >= 0 ? nb[j] : undefined;
      if (other === undefined) {
        add(
          ctx,
          input ? "breaking" : "feature",
          at,
          `${combiner} branch ${label(branch, i)} removed`,
        );
        return;
      }
      matched.add(j);
      compareSchema(ctx, branch, other, at, mode);
    });
    nb.forEach((branch, j) => {
      if (matched.has(j)) return;
      add(
        ctx,
        input ? "feature" : "breaking",
        `${where}<${label(branch, j)}>`,
        `${combiner} branch ${label(branch, j)} added`,
      );
    });
  }
};

interface Field {
  readonly wire: string;
  readonly name: string;
  readonly aliases: readonly string[];
  readonly single: boolean;
  /** The reference document's names the client's output adds for it (`x-bestsms-output`). */
  readonly outputAliases: readonly string[];
  readonly required: boolean;
  readonly schema: JsonObject;
}

function naming(
  spec: Spec,
  wire: string,
  node: JsonObject,
): Omit<Field, "required" | "schema" | "outputAliases"> {
  try {
    const n = namingOf(spec, wire, node, "#");
    return { wire, name: n.name, aliases: n.aliases, single: n.single };
  } catch {
    return { wire, name: wire, aliases: [], single: false };
  }
}

function outputAliases(spec: Spec, node: JsonObject): string[] {
  try {
    return readOutputAliases(spec, node, "#");
  } catch {
    return [];
  }
}

function fieldsOf(spec: Spec, schema: JsonObject): Field[] {
  const props = isObject(schema.properties) ? schema.properties : {};
  const required = new Set(Array.isArray(schema.required) ? schema.required : []);
  return Object.entries(props)
    .filter((entry): entry is [string, JsonObject] => isObject(entry[1]))
    .map(([wire, node]) => ({
      ...naming(spec, wire, node),
      outputAliases: outputAliases(spec, node),
      required: required.has(wire),
      schema: node,
    }));
}

const compareProperties: SchemaComparison = (ctx, o, n, where, mode) => {
  compareFields(ctx, fieldsOf(ctx.old, o), fieldsOf(ctx.new, n), where, mode, "field");
};

function compareFields(
  ctx: Context,
  oldFields: readonly Field[],
  newFields: readonly Field[],
  where: string,
  mode: Mode,
  noun: string,
): void {
  const input = mode === "input";
  const label = (f: Field): string => (input ? f.name : f.wire);
  const at = (f: Field): string => `${where}.${label(f)}`;
  const wireNote = (f: Field): string => (input && f.name !== f.wire ? ` (wire ${f.wire})` : "");
  const used = new Set<Field>();
  const owner = mode === "input" ? "input" : mode === "output" ? "response" : "webhook payload";
  for (const of of oldFields) {
    let nf = newFields.find((f) => f.wire === of.wire);
    if (!nf && input) {
      nf = newFields.find((f) => !oldFields.some((x) => x.wire === f.wire) && f.name === of.name);
      if (nf) {
        add(
          ctx,
          "breaking",
          at(of),
          `${noun} ${of.name} is sent as ${nf.wire} instead of ${of.wire} (the wire types change; the input name stays)`,
        );
      }
    }
    if (!nf && mode === "output") {
      nf = newFields.find(
        (f) => !oldFields.some((x) => x.wire === f.wire) && f.outputAliases.includes(of.wire),
      );
      if (nf) {
        add(
          ctx,
          "breaking",
          at(of),
          `${noun} ${of.wire} is sent as ${nf.wire} instead (the wire types change; the client's output still reads ${of.wire})`,
        );
      }
    }
    if (!nf) {
      add(ctx, "breaking", at(of), `${noun} ${label(of)}${wireNote(of)} removed from the ${owner}`);
      continue;
    }
    used.add(nf);
    if (input) {
      if (nf.name !== of.name) {
        add(
          ctx,
          "breaking",
          at(of),
          `input ${noun} ${of.name} renamed to ${nf.name} (wire ${nf.wire})`,
        );
      }
      const removed = of.aliases.filter((a) => !nf.aliases.includes(a) && a !== nf.name);
      const added = nf.aliases.filter((a) => !of.aliases.includes(a));
      if (removed.length > 0)
        add(ctx, "breaking", at(nf), `alias ${list(removed)} no longer accepted`);
      if (added.length > 0) add(ctx, "feature", at(nf), `alias ${list(added)} now accepted`);
      if (of.single && !nf.single)
        add(ctx, "breaking", at(nf), "a lone item is no longer accepted in place of a list");
      if (!of.single && nf.single)
        add(ctx, "feature", at(nf), "a lone item is now accepted in place of a list");
      if (!of.required && nf.required)
        add(ctx, "breaking", at(nf), `optional input ${noun} ${nf.name} is now required`);
      if (of.required && !nf.required)
        add(ctx, "feature", at(nf), `input ${noun} ${nf.name} is now optional`);
    } else {
      if (of.required && !nf.required)
        add(ctx, "breaking", at(nf), `${noun} ${nf.wire} of the ${owner} may now be missing`);
      if (!of.required && nf.required)
        add(ctx, "feature", at(nf), `${noun} ${nf.wire} of the ${owner} is now always present`);
    }
    compareSchema(ctx, of.schema, nf.schema, at(nf), mode);
  }
  for (const nf of newFields) {
    if (used.has(nf)) continue;
    if (input && nf.required)
      add(ctx, "breaking", at(nf), `new required input ${noun} ${nf.name}${wireNote(nf)}`);
    else if (input)
      add(ctx, "feature", at(nf), `new optional input ${noun} ${nf.name}${wireNote(nf)}`);
    else add(ctx, "feature", at(nf), `new ${noun} ${nf.wire} in the ${owner}`);
  }
}

// --------------------------------------------------------------------------------- operations

function paramFields(op: OperationModel, location: "path" | "query"): Field[] {
  return op.params
    .filter((p) => p.in === location)
    .map((p) => ({
      wire: p.wire,
      name: p.naming.name,
      aliases: p.naming.aliases,
      single: p.naming.single,
      outputAliases: [],
      required: p.required,
      schema: p.schema,
    }));
}

const EMPTY_BODY: JsonObject = { type: "object", properties: {} };

function compareOperation(ctx: Context, o: OperationModel, n: OperationModel): void {
  const id = o.id;
  if (o.method !== n.method || o.path !== n.path) {
    add(
      ctx,
      "breaking",
      id,
      `operation moved from ${o.method.toUpperCase()} ${o.path} to ${n.method.toUpperCase()} ${n.path}`,
    );
  }
  if (!o.deprecated && n.deprecated) add(ctx, "feature", id, "operation deprecated");
  if (o.deprecated && !n.deprecated) add(ctx, "feature", id, "operation no longer deprecated");
  for (const location of ["path", "query"] as const) {
    compareFields(
      ctx,
      paramFields(o, location),
      paramFields(n, location),
      `${id} input`,
      "input",
      `${location} parameter`,
    );
  }
  if (o.body?.envelope !== n.body?.envelope) {
    add(
      ctx,
      "breaking",
      `${id} input`,
      `the request body's wire envelope changed from ${o.body?.envelope ?? "none"} to ${n.body?.envelope ?? "none"}`,
    );
  }
  if (o.body && n.body && !o.body.required && n.body.required) {
    add(ctx, "breaking", `${id} input`, "the request body is now required");
  }
  compareSchema(
    ctx,
    o.body?.inputSchema ?? EMPTY_BODY,
    n.body?.inputSchema ?? EMPTY_BODY,
    `${id} input`,
    "input",
  );
  compareSchema(ctx, o.response, n.response, `${id} output`, "output");

  // Rules across parameters (`x-bestsms-params`): any new or changed rule may reject input.
  const oldRules = JSON.stringify(o.paramRules ?? null);
  const newRules = JSON.stringify(n.paramRules ?? null);
  if (oldRules !== newRules) {
    if (n.paramRules === undefined) {
      add(ctx, "feature", `${id} input`, "the rules across parameters (x-bestsms-params) are gone");
    } else {
      add(
        ctx,
        "breaking",
        `${id} input`,
        `the rules across parameters (x-bestsms-params) ${o.paramRules ? "changed" : "are new"}: input valid before may be rejected`,
      );
    }
  }

  // Declared response statuses other than 200: the typed error responses.
  const statuses = (spec: Spec, model: OperationModel): string[] => {
    const raw = spec.resolvePointer(model.pointer);
    const responses = isObject(raw) && isObject(raw.responses) ? raw.responses : {};
    return Object.keys(responses).filter((s) => s !== "200");
  };
  const before = statuses(ctx.old, o);
  const after = statuses(ctx.new, n);
  const gone = before.filter((s) => !after.includes(s));
  const added = after.filter((s) => !before.includes(s));
  if (gone.length > 0)
    add(ctx, "fix", `${id} responses`, `status ${list(gone)} no longer declared`);
  if (added.length > 0) add(ctx, "fix", `${id} responses`, `status ${list(added)} now declared`);
}

// ------------------------------------------------------------------------------ documentation

/** Keys whose values are maps of names (a property called `description` is not an annotation). */
const NAME_MAPS = new Set([
  "properties",
  "patternProperties",
  "$defs",
  "schemas",
  "parameters",
  "responses",
  "examples",
  "paths",
  "webhooks",
  "securitySchemes",
  "headers",
  "content",
  "variables",
  "requestBodies",
]);

/** Every change of a description, summary, title or example, by JSON pointer. */
function compareDocs(
  old: Json | undefined,
  neu: Json | undefined,
  path: string[],
  parentKey: string | undefined,
  out: { pointer: string; key: string; path: string[] }[],
): void {
  if (Array.isArray(old) && Array.isArray(neu)) {
    const length = Math.min(old.length, neu.length);
    for (let i = 0; i < length; i++)
      compareDocs(old[i], neu[i], [...path, String(i)], undefined, out);
    return;
  }
  if (!isObject(old) || !isObject(neu)) return;
  const annotations = parentKey === undefined || !NAME_MAPS.has(parentKey);
  for (const key of new Set([...Object.keys(old), ...Object.keys(neu)])) {
    const a = old[key];
    const b = neu[key];
    if (annotations && DOC_KEYWORDS.has(key)) {
      if (JSON.stringify(a) !== JSON.stringify(b)) {
        const pointer = pathToPointer([...path, key]);
        out.push({ pointer, key, path });
      }
      continue;
    }
    // Examples of media types and components: compared whole, never walked into.
    if (key === "examples" || key === "example") {
      if (JSON.stringify(a) !== JSON.stringify(b)) {
        const pointer = pathToPointer([...path, key]);
        out.push({ pointer, key: "examples", path });
      }
      continue;
    }
    if (a !== undefined && b !== undefined) compareDocs(a, b, [...path, key], key, out);
  }
}

/** Names of the component schemas a node reaches through `$ref`s. */
function reachableSchemas(spec: Spec, node: Json | undefined, into: Set<string>): Set<string> {
  if (Array.isArray(node)) for (const item of node) reachableSchemas(spec, item, into);
  else if (isObject(node)) {
    if (typeof node.$ref === "string" && !into.has(node.$ref)) {
      into.add(node.$ref);
      reachableSchemas(spec, spec.resolvePointer(node.$ref), into);
    }
    for (const [key, value] of Object.entries(node))
      if (key !== "$ref") reachableSchemas(spec, value, into);
  }
  return into;
}

function docChanges(old: Spec, neu: Spec): Change[] {
  const found: { pointer: string; key: string; path: string[] }[] = [];
  compareDocs(old.root, neu.root, [], undefined, found);
  const webhookRefs = reachableSchemas(neu, neu.root.webhooks, new Set());
  const operationRefs = reachableSchemas(neu, neu.root.paths, new Set());
  const changes: Change[] = [];
  for (const { pointer, key, path } of found) {
    const what = key === "examples" ? "examples changed" : `${key} changed`;
    const top = path[0];
    const ref = `#/${path.slice(0, 3).join("/")}`;
    if (top === "webhooks") changes.push({ kind: "fix", where: pointer, what, scope: "webhook" });
    else if (top === "paths")
      changes.push({ kind: "fix", where: pointer, what, scope: "operation" });
    else if (top === "components") {
      if (webhookRefs.has(ref))
        changes.push({ kind: "fix", where: pointer, what, scope: "webhook" });
      if (operationRefs.has(ref) || !webhookRefs.has(ref)) {
        changes.push({ kind: "fix", where: pointer, what, scope: "operation" });
      }
    } else changes.push({ kind: "fix", where: pointer, what, scope: "meta" });
  }
  return changes;
}

// ---------------------------------------------------------------------------------------- main

/** Every change from `old` to `neu`, classified; empty when the two describe the same API. */
export function diffSpecs(old: Spec, neu: Spec): Change[] {
  const changes: Change[] = [];
  const ctx = (scope: ChangeScope): Context => ({
    old,
    new: neu,
    changes,
    scope,
    stack: new Set(),
  });
  const oldModel = buildModel(old);
  const newModel = buildModel(neu);

  // Meta: the API version and the base URL the client defaults to.
  const meta = ctx("meta");
  if (oldModel.version !== newModel.version) {
    add(meta, "fix", "#/info/version", `API version ${oldModel.version} → ${newModel.version}`);
  }
  if (oldModel.baseUrl !== newModel.baseUrl) {
    add(meta, "feature", "#/servers", `default base URL ${oldModel.baseUrl} → ${newModel.baseUrl}`);
  }

  // Operations.
  const op = ctx("operation");
  const newOps = new Map(newModel.operations.map((o) => [o.id, o]));
  const oldIds = new Set(oldModel.operations.map((o) => o.id));
  for (const o of oldModel.operations) {
    const n = newOps.get(o.id);
    if (!n)
      add(op, "breaking", o.id, `operation removed (was ${o.method.toUpperCase()} ${o.path})`);
    else compareOperation(op, o, n);
  }
  for (const n of newModel.operations) {
    if (!oldIds.has(n.id))
      add(op, "feature", n.id, `new operation ${n.method.toUpperCase()} ${n.path}`);
  }

  // Webhooks.
  const hook = ctx("webhook");
  const newHooks = new Map(newModel.webhooks.map((w) => [w.name, w]));
  const oldHooks = new Set(oldModel.webhooks.map((w) => w.name));
  for (const o of oldModel.webhooks) {
    const where = `webhook ${o.name}`;
    const n = newHooks.get(o.name);
    if (!n) {
      add(hook, "breaking", where, "webhook removed");
      continue;
    }
    const gone = o.mediaTypes.filter((m) => !n.mediaTypes.includes(m));
    const added = n.mediaTypes.filter((m) => !o.mediaTypes.includes(m));
    if (gone.length > 0) add(hook, "breaking", where, `no longer sent as ${list(gone)}`);
    if (added.length > 0) add(hook, "feature", where, `now also sent as ${list(added)}`);
    compareSchema(hook, o.schema, n.schema, `${where} payload`, "webhook");
  }
  for (const n of newModel.webhooks) {
    if (!oldHooks.has(n.name)) add(hook, "feature", `webhook ${n.name}`, "new webhook");
  }

  changes.push(...docChanges(old, neu));

  // Anything else that differs (tags, security, error responses …) is reported, never dropped.
  if (changes.length === 0 && JSON.stringify(old.root) !== JSON.stringify(neu.root)) {
    changes.push({
      kind: "fix",
      where: "#",
      what: "the spec changed outside operations, webhooks and their documentation",
      scope: "meta",
    });
  }
  return dedupe(changes);
}

function dedupe(changes: readonly Change[]): Change[] {
  const seen = new Set<string>();
  return changes.filter((c) => {
    const key = `${c.kind}|${c.where}|${c.what}|${c.scope}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// ----------------------------------------------------------------------------------- output

/** One line per change: a documentation change in a schema both sides use is listed once. */
function forDisplay(changes: readonly Change[]): Change[] {
  const seen = new Set<string>();
  return changes.filter((c) => {
    const key = `${c.kind}|${c.where}|${c.what}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A plain-text table of changes: kind, where, what. */
export function formatTable(changes: readonly Change[]): string {
  const rows = [
    ["kind", "where", "what"],
    ...forDisplay(changes).map((c) => [c.kind, c.where, c.what]),
  ];
  const widths = [0, 1].map((i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
  return rows
    .map((r) =>
      `${(r[0] ?? "").padEnd(widths[0] ?? 0)}  ${(r[1] ?? "").padEnd(widths[1] ?? 0)}  ${r[2] ?? ""}`.trimEnd(),
    )
    .join("\n");
}

export interface ChangesetOptions {
  /** Where the old spec came from (a git ref). */
  readonly since: string;
  /** Packages whose current version is 0.x (a note is added when one of them gets a major bump). */
  readonly zeroMajor?: readonly string[];
}

/** The `.changeset/*.md` text for a list of changes. */
export function formatChangeset(changes: readonly Change[], options: ChangesetOptions): string {
  const bumps = bumpsFor(changes);
  const header = [...bumps].map(([pkg, bump]) => `"${pkg}": ${bump}`).join("\n");
  const order: ChangeKind[] = ["breaking", "feature", "fix"];
  const sorted = forDisplay(changes).sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
  const lines = sorted.map((c) => `- **${c.kind}** \`${c.where}\`: ${c.what}`);
  const zero = (options.zeroMajor ?? []).filter((pkg) => bumps.get(pkg) === "major");
  const note =
    zero.length > 0
      ? `\n\nNote: ${list(zero)} ${zero.length === 1 ? "is" : "are"} at 0.x; a major bump releases 1.0.0. ` +
        "To keep them at 0.x, change `major` to `minor` above (0.x treats a minor as breaking)."
      : "";
  return `---\n${header}\n---\n\nAPI spec changes since ${options.since} (spec/bestsms.openapi.yaml):\n\n${lines.join("\n")}${note}\n`;
}
