/// <reference types="node" />
// Every example the spec gives passes the validator generated for it, and the validators cover
// exactly the spec's operations.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as validation from "../src/index.js";
import { operationChecks, operationValidators, type Validator } from "../src/index.js";
import {
  componentName,
  exampleValues,
  isObject,
  type Json,
  type JsonObject,
  loadSpec,
  operationsOf,
  parseFlatXml,
  resolve,
  specUrl,
} from "./spec.js";

const spec = loadSpec();
const operations = operationsOf(spec);

/** Validates and, on failure, shows the messages (a readable diff instead of `false`). */
function issuesOf(validator: Validator<unknown>, value: unknown): string[] {
  const result = validator.validate(value);
  return result.issues ? result.issues.map((issue) => issue.message) : [];
}

/** The validator exported for a component schema: `SendMessageRequest` → `sendMessageRequest`. */
function validatorFor(component: string): Validator<unknown> {
  const name = `${component.charAt(0).toLowerCase()}${component.slice(1)}`;
  const candidate: unknown = (validation as Record<string, unknown>)[name];
  if (typeof candidate !== "object" || candidate === null || !("~standard" in candidate)) {
    throw new Error(`no validator exported as ${name}`);
  }
  return candidate as Validator<unknown>;
}

function jsonBody(operation: JsonObject): JsonObject | undefined {
  if (operation.requestBody === undefined) return undefined;
  const body = resolve(spec, operation.requestBody);
  const content = isObject(body.content) ? body.content : {};
  const json = content["application/json"];
  return isObject(json) ? json : undefined;
}

describe("spec operations and operationValidators", () => {
  it("the spec has operations", () => {
    expect(operations.length).toBeGreaterThan(20);
  });

  it("every operation of the spec has validators, and every validator an operation", () => {
    expect(Object.keys(operationValidators).sort()).toEqual(operations.map((op) => op.id).sort());
  });

  it.each(operations.map((op) => [op.id, op] as const))(
    "%s: params validator iff path/query parameters, body validator iff a request body",
    (_id, op) => {
      const slot = operationValidators[op.id];
      const wire = op.parameters.filter((p) => p.in === "path" || p.in === "query");
      expect(slot?.params !== undefined).toBe(wire.length > 0);
      expect(slot?.body !== undefined).toBe(op.operation.requestBody !== undefined);
      const body = jsonBody(op.operation);
      const component = componentName(body?.schema);
      if (component !== undefined) {
        expect(slot?.body?.name).toBe(component);
        expect(slot?.body).toBe(validatorFor(component));
      }
    },
  );
});

describe("operationChecks: the same checks as operationValidators, only their validate", () => {
  it("has the same operations, each with the same slots", () => {
    for (const id of Object.keys(operationValidators)) {
      const checks = operationChecks[id];
      const validators = operationValidators[id];
      expect(checks?.params !== undefined, id).toBe(validators?.params !== undefined);
      expect(checks?.body !== undefined, id).toBe(validators?.body !== undefined);
    }
    expect(Object.keys(operationChecks).sort()).toEqual(Object.keys(operationValidators).sort());
  });

  it("gives the same result as the validator, valid or not", () => {
    const broken = (value: unknown): unknown[] => [
      value,
      {},
      null,
      "text",
      isObject(value as Json) ? { ...(value as JsonObject), Unknown: 1 } : [value],
    ];
    let compared = 0;
    for (const op of operations) {
      const body = jsonBody(op.operation);
      const values = body ? exampleValues(spec, body).map(([, example]) => example.value) : [];
      for (const slot of ["params", "body"] as const) {
        const check = operationChecks[op.id]?.[slot];
        const validator = operationValidators[op.id]?.[slot];
        if (!check || !validator) continue;
        for (const value of (slot === "body" ? values : [{ MessageID: "ID1" }, {}]).flatMap(
          broken,
        )) {
          expect(check.validate(value), `${op.id} ${slot}`).toEqual(validator.validate(value));
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(100);
  });
});

const bodyExamples = operations.flatMap((op) => {
  const body = jsonBody(op.operation);
  return body === undefined
    ? []
    : exampleValues(spec, body).map(([name, example]) => [op.id, name, example.value] as const);
});

describe("request body examples pass the operation's body validator", () => {
  it("the spec has body examples for every operation with a body", () => {
    const withBody = operations.filter((op) => op.operation.requestBody !== undefined);
    expect(new Set(bodyExamples.map(([id]) => id))).toEqual(new Set(withBody.map((op) => op.id)));
  });

  it.each(bodyExamples)("%s, example %s", (id, _name, value) => {
    const body = operationValidators[id]?.body;
    expect(body).toBeDefined();
    expect(value).toBeDefined();
    expect(issuesOf(body as Validator<unknown>, value)).toEqual([]);
    expect(body?.is(value)).toBe(true);
  });
});

/** A parameter's example values, first one first. */
function parameterExamples(param: JsonObject): Json[] {
  return exampleValues(spec, param).map(([, example]) => example.value as Json);
}

const paramOperations = operations
  .map((op) => ({
    op,
    params: op.parameters.filter((p) => p.in === "path" || p.in === "query"),
  }))
  .filter(({ params }) => params.length > 0);

describe("parameter examples pass the operation's params validator (wire names)", () => {
  it.each(paramOperations.map(({ op, params }) => [op.id, params] as const))(
    "%s: one object from each parameter's first example",
    (id, params) => {
      const value: Record<string, Json> = {};
      for (const param of params) {
        const [first] = parameterExamples(param);
        if (first === undefined) {
          // An optional parameter without an example is left out; a required one cannot be.
          expect(
            param.required,
            `required parameter ${String(param.name)} has no example`,
          ).not.toBe(true);
          continue;
        }
        value[String(param.name)] = first;
      }
      const validator = operationValidators[id]?.params as Validator<unknown>;
      // The received poll takes timePeriod OR dateFrom with dateTo (x-bestsms-params): each
      // alternative of its examples passes, both together do not.
      const without = (names: string[]): Record<string, Json> =>
        Object.fromEntries(Object.entries(value).filter(([k]) => !names.includes(k)));
      const variants =
        id === "reports.smsReceived.poll"
          ? [without(["timePeriod"]), without(["dateFrom", "dateTo"])]
          : [value];
      for (const variant of variants) expect(issuesOf(validator, variant)).toEqual([]);
      if (id === "reports.smsReceived.poll") {
        expect(validator.validate(value).issues?.map((i) => i.rule)).toEqual([
          "false schema",
          "false schema",
        ]);
        expect(issuesOf(validator, without(["timePeriod", "dateTo"]))).toEqual([
          "dateTo: required when dateFrom is given",
        ]);
      }
      // Required parameters alone are enough.
      const requiredOnly = Object.fromEntries(
        params
          .filter((p) => p.required === true)
          .map((p) => [String(p.name), value[String(p.name)]]),
      );
      expect(issuesOf(validator, requiredOnly)).toEqual([]);
    },
  );

  const others = paramOperations.flatMap(({ op, params }) =>
    params.flatMap((param) =>
      parameterExamples(param)
        .slice(1)
        .map((example) => [op.id, String(param.name), example, params] as const),
    ),
  );
  it.each(others)("%s: further example of %s (%j)", (id, name, example, params) => {
    const value: Record<string, Json | undefined> = {};
    for (const param of params) value[String(param.name)] = parameterExamples(param)[0];
    value[name] = example;
    const validator = operationValidators[id]?.params as Validator<unknown>;
    expect(issuesOf(validator, value)).toEqual([]);
  });
});

// ------------------------------------------------------------------------------------ webhooks

const webhooks = isObject(spec.webhooks) ? spec.webhooks : {};

interface WebhookExample {
  readonly hook: string;
  readonly media: string;
  readonly name: string;
  readonly component: string;
  /** The payload: the JSON value, or the XML example's fields (all strings). */
  readonly value: unknown;
  /** The XML example's root element. */
  readonly root?: string;
}

const webhookExamples: WebhookExample[] = [];
for (const [hook, rawItem] of Object.entries(webhooks)) {
  const post = resolve(spec, resolve(spec, rawItem).post);
  const body = resolve(spec, post.requestBody);
  for (const [media, rawMedia] of Object.entries(isObject(body.content) ? body.content : {})) {
    const content = resolve(spec, rawMedia);
    const component = componentName(content.schema);
    if (component === undefined) throw new Error(`${hook} ${media}: schema is not a component`);
    for (const [name, example] of exampleValues(spec, content)) {
      const base = { hook, media, name, component };
      if (typeof example.externalValue !== "string") {
        webhookExamples.push({ ...base, value: example.value });
        continue;
      }
      const text = readFileSync(new URL(example.externalValue, specUrl), "utf8");
      if (media.endsWith("xml")) {
        const { root, fields } = parseFlatXml(text);
        webhookExamples.push({ ...base, value: fields, root });
      } else {
        webhookExamples.push({ ...base, value: JSON.parse(text) as unknown });
      }
    }
  }
}

describe("webhook examples pass statusWebhook / receivedWebhook", () => {
  it("JSON and XML examples exist for both webhooks", () => {
    const kinds = new Set(webhookExamples.map((e) => `${e.hook} ${e.media}`));
    expect(kinds).toEqual(
      new Set([
        "smsStatus application/json",
        "smsStatus application/xml",
        "smsReceived application/json",
        "smsReceived application/xml",
      ]),
    );
  });

  it("the webhooks use the StatusWebhook and ReceivedWebhook schemas", () => {
    const byHook = Object.fromEntries(webhookExamples.map((e) => [e.hook, e.component]));
    expect(byHook).toEqual({ smsStatus: "StatusWebhook", smsReceived: "ReceivedWebhook" });
    expect(validatorFor("StatusWebhook")).toBe(validation.statusWebhook);
    expect(validatorFor("ReceivedWebhook")).toBe(validation.receivedWebhook);
  });

  it.each(webhookExamples)("$hook $media example $name ($component)", (example) => {
    if (example.media.endsWith("xml")) {
      expect(example.root).toBe("Webhook");
      expect(Object.values(example.value as object).every((v) => typeof v === "string")).toBe(true);
    }
    expect(issuesOf(validatorFor(example.component), example.value)).toEqual([]);
  });

  it("a status example is not a received webhook and the other way round", () => {
    for (const example of webhookExamples) {
      const other =
        example.component === "StatusWebhook"
          ? validation.receivedWebhook
          : validation.statusWebhook;
      expect(other.validate(example.value).issues?.map((i) => i.path)).toEqual([["Type"]]);
    }
  });
});

describe("the flat XML reader", () => {
  it("reads the root, one field per child, and unescapes the five entities", () => {
    const xml =
      '<?xml version="1.0" encoding="UTF-8"?>\n<Webhook>\n  <Type>SMS</Type>\n  <Message>a &lt;b&gt; &amp; &quot;c&quot; &apos;d&apos; &amp;amp;</Message>\n  <Empty></Empty>\n  <Self/>\n  <SentTimeUTC-ISO8601>2018-10-16T02:43:00Z</SentTimeUTC-ISO8601>\n</Webhook>\n';
    expect(parseFlatXml(xml)).toEqual({
      root: "Webhook",
      fields: {
        Type: "SMS",
        Message: `a <b> & "c" 'd' &amp;`,
        Empty: "",
        Self: "",
        "SentTimeUTC-ISO8601": "2018-10-16T02:43:00Z",
      },
    });
  });

  it("rejects nesting, attributes, duplicates and unknown entities", () => {
    expect(() => parseFlatXml("<W><A><B>x</B></A></W>")).toThrow();
    expect(() => parseFlatXml('<W a="1"><A>x</A></W>')).toThrow();
    expect(() => parseFlatXml("<W><A>x</A><A>y</A></W>")).toThrow(/twice/);
    expect(() => parseFlatXml("<W><A>&nbsp;</A></W>")).toThrow(/entity/);
    expect(() => parseFlatXml("<W><A>x</A>stray</W>")).toThrow(/unexpected/);
  });

  it("the XML examples carry the same fields as the JSON ones, as strings", () => {
    const xml = (hook: string) =>
      webhookExamples.find((e) => e.hook === hook && e.media.endsWith("xml"))?.value;
    const json = (hook: string) =>
      webhookExamples.find((e) => e.hook === hook && e.media.endsWith("json"))?.value;
    expect(xml("smsStatus")).toMatchObject({ Type: "SMS", Message: "", Price: "0.20" });
    expect(xml("smsReceived")).toMatchObject({
      Type: "SMSReply",
      Message: "This is a reply & a thank-you.",
    });
    // Same field names as the deployed service's JSON (the XML leaves out the empty ones).
    for (const hook of ["smsStatus", "smsReceived"]) {
      const jsonKeys = Object.keys(json(hook) as object);
      for (const key of Object.keys(xml(hook) as object)) expect(jsonKeys).toContain(key);
    }
  });
});

// --------------------------------------------------------------- schema-level string examples

/** A schema's own `examples`, each placed where a request uses that schema. */
const placements: Record<string, (example: Json) => [Validator<unknown>, unknown]> = {
  MessageID: (id) => [validation.sendMessageRequest, sendWith({ MessageID: id })],
  Reference: (ref) => [validation.sendMessageRequest, sendWith({ Reference: ref })],
  E164: (n) => [validation.sendMessageRequest, sendWith({ Destinations: [{ Recipient: n }] })],
  EntityID: (id) => [validation.groupContactCreateRequest, { ContactID: id }],
  LocalDateTime: (t) => [validation.rescheduleRequest, { SendTime: t }],
};

function sendWith(fields: Record<string, Json>): unknown {
  return {
    MessageData: { Message: "Hi", Destinations: [{ Recipient: "+61421000001" }], ...fields },
  };
}

const schemas = resolve(spec, (resolve(spec, spec.components) as JsonObject).schemas);
const schemaExamples = Object.entries(placements).flatMap(([component, place]) => {
  const schema = resolve(spec, schemas[component]);
  const examples = Array.isArray(schema.examples) ? schema.examples : [];
  return examples.map((example) => [component, example, place] as const);
});

describe("schema-level examples pass where the schema is used", () => {
  it("each placed schema has examples", () => {
    expect(new Set(schemaExamples.map(([c]) => c))).toEqual(new Set(Object.keys(placements)));
  });

  it.each(schemaExamples)("%s example %j", (_component, example, place) => {
    const [validator, value] = place(example);
    expect(issuesOf(validator, value)).toEqual([]);
  });
});
