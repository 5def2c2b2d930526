import {
  derefObject,
  isObject,
  type JsonObject,
  listOperations,
  listWebhooks,
  readDocument,
} from "@bestsms/spec-model";
import { describe, expect, it } from "vitest";

/** The wire table: operationId, method, path (`{MID}` etc. stand for any path parameter). */
const WIRE_TABLE = `
messaging.sms.sendMessage POST /send/sms
actions.resubmit.sendRequest PATCH /set/resubmit/{MID}
actions.reschedule.sendRequest PATCH /set/reschedule/{MID}
actions.abort.sendRequest PATCH /set/abort/{MID}
actions.pacing.sendRequest PATCH /set/pacing/{MID}
reports.status.poll GET /get/status/{MID}
reports.smsReceived.poll GET /get/sms/received
reports.smsReply.poll GET /get/sms/reply/{MID}
addressbook.contact.list GET /addressbook/contact/list
addressbook.contact.detail GET /addressbook/contact/{ContactID}
addressbook.contact.create POST /addressbook/contact
addressbook.contact.update PATCH /addressbook/contact/{ContactID}
addressbook.contact.delete DELETE /addressbook/contact/{ContactID}
addressbook.contactGroup.list GET /addressbook/contact/{ContactID}/group/list
addressbook.contactGroup.detail GET /addressbook/contact/{ContactID}/group/{GroupID}
addressbook.contactGroup.create POST /addressbook/contact/{ContactID}/group
addressbook.contactGroup.delete DELETE /addressbook/contact/{ContactID}/group/{GroupID}
addressbook.group.list GET /addressbook/group/list
addressbook.group.detail GET /addressbook/group/{GroupID}
addressbook.group.create POST /addressbook/group
addressbook.group.update PATCH /addressbook/group/{GroupID}
addressbook.group.delete DELETE /addressbook/group/{GroupID}
addressbook.groupContact.list GET /addressbook/group/{GroupID}/contact/list
addressbook.groupContact.detail GET /addressbook/group/{GroupID}/contact/{ContactID}
addressbook.groupContact.create POST /addressbook/group/{GroupID}/contact
addressbook.groupContact.delete DELETE /addressbook/group/{GroupID}/contact/{ContactID}
`;

/**
 * Operations that may leave out the 404 response: they name no record (no ID in the path) and
 * are not paged lists whose page can run past the end. Every other operation, the list
 * operations included, must declare 404 (spec/DECISIONS.md, "Responses and errors").
 */
const NO_404 = new Set([
  "messaging.sms.sendMessage",
  "reports.smsReceived.poll",
  "addressbook.contact.create",
  "addressbook.group.create",
]);

const ERROR_STATUSES = ["400", "401", "500"];

const normalisePath = (template: string): string => template.replace(/\{[^}]*\}/g, "{}");

const table = WIRE_TABLE.trim()
  .split("\n")
  .map((line) => {
    const [operationId = "", method = "", template = ""] = line.trim().split(/\s+/);
    return { operationId, method, path: template };
  });

const spec = readDocument();
const operations = listOperations(spec);

describe("the operations of the spec", () => {
  it("are exactly the wire table (operationId, method, path)", () => {
    const expected = table.map(
      (row) => `${row.operationId} ${row.method} ${normalisePath(row.path)}`,
    );
    const actual = operations.map(
      (op) =>
        `${op.operationId ?? "(no operationId)"} ${op.method.toUpperCase()} ${normalisePath(op.path)}`,
    );
    expect(actual.sort()).toEqual(expected.sort());
  });

  it("have the table's (method, path) pairs and operationIds, each once", () => {
    const pairs = operations.map((op) => `${op.method.toUpperCase()} ${normalisePath(op.path)}`);
    expect(new Set(pairs).size).toBe(pairs.length);
    expect(new Set(pairs)).toEqual(
      new Set(table.map((row) => `${row.method} ${normalisePath(row.path)}`)),
    );
    const ids = operations.map((op) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids)).toEqual(new Set(table.map((row) => row.operationId)));
  });

  it("declare every path parameter of their template", () => {
    for (const op of operations) {
      const inTemplate = [...op.path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]);
      const declared = op.parameters
        .filter((param) => param.in === "path")
        .map((param) => param.name);
      expect(declared.sort(), `${op.method} ${op.path}`).toEqual(inTemplate.sort());
    }
  });
});

describe("every operation", () => {
  const schemes = isObject(spec.components) ? spec.components.securitySchemes : undefined;
  const declaredTags = new Set(
    (Array.isArray(spec.tags) ? spec.tags : []).map((tag) => (isObject(tag) ? tag.name : null)),
  );

  it.each(operations.map((op) => [op.operationId ?? op.pointer, op] as const))(
    "%s has security (its own or the global one), tags and a summary",
    (_, op) => {
      const security = op.operation.security ?? spec.security;
      expect(Array.isArray(security) && security.length > 0, "a security requirement").toBe(true);
      for (const requirement of Array.isArray(security) ? security : []) {
        // An empty requirement ({}) would make authentication optional.
        expect(isObject(requirement) && Object.keys(requirement).length > 0).toBe(true);
        for (const scheme of isObject(requirement) ? Object.keys(requirement) : []) {
          expect(isObject(schemes) && isObject(schemes[scheme]), `scheme ${scheme}`).toBe(true);
        }
      }
      const tags = op.operation.tags;
      expect(Array.isArray(tags) && tags.length > 0, "tags").toBe(true);
      for (const tag of Array.isArray(tags) ? tags : []) {
        expect(declaredTags.has(tag), `tag ${String(tag)} is declared`).toBe(true);
      }
      const summary = op.operation.summary;
      expect(typeof summary === "string" && summary.trim().length > 0, "summary").toBe(true);
    },
  );

  it.each(operations.map((op) => [op.operationId ?? op.pointer, op] as const))(
    "%s declares 400, 401, 500, and 404 unless it names no record (send, received poll, creates)",
    (operationId, op) => {
      const responses = op.operation.responses;
      expect(isObject(responses)).toBe(true);
      const declared = Object.keys(isObject(responses) ? responses : {});
      const required = NO_404.has(operationId) ? ERROR_STATUSES : [...ERROR_STATUSES, "404"];
      for (const status of required) {
        expect(declared, `${operationId} declares ${status}`).toContain(status);
        const response: JsonObject = derefObject(
          spec,
          isObject(responses) ? responses[status] : undefined,
          `${op.pointer}/responses/${status}`,
        );
        expect(typeof response.description).toBe("string");
      }
    },
  );
});

describe("the webhooks", () => {
  it("are exactly two, each with one operation", () => {
    expect(isObject(spec.webhooks)).toBe(true);
    const names = Object.keys(isObject(spec.webhooks) ? spec.webhooks : {});
    expect(names).toHaveLength(2);
    const webhooks = listWebhooks(spec);
    expect(webhooks.map((webhook) => webhook.name).sort()).toEqual([...names].sort());
  });
});

/**
 * Every property of every schema, and every parameter, says what it is in its own description
 * (a `$ref` property too: openapi-typescript documents a property from its own node). The
 * generated types carry these as doc comments, which the API reference requires on every member
 * (tools/release, docs test).
 */
function undescribed(node: unknown, at: string, out: string[]): string[] {
  if (Array.isArray(node)) {
    for (const [i, item] of node.entries()) undescribed(item, `${at}/${i}`, out);
    return out;
  }
  if (!isObject(node)) return out;
  for (const [key, value] of Object.entries(node)) {
    // Examples are data; `x-` extensions hold rules (x-bestsms-params), not field definitions.
    if (key === "example" || key === "examples" || key.startsWith("x-")) continue;
    const here = `${at}/${key}`;
    if (key === "properties" && isObject(value)) {
      for (const [name, property] of Object.entries(value)) {
        if (
          !isObject(property) ||
          typeof property.description !== "string" ||
          !property.description.trim()
        )
          out.push(`${here}/${name}`);
      }
    }
    if (key === "parameters" && Array.isArray(value)) {
      for (const [i, parameter] of value.entries()) {
        const p = derefObject(spec, parameter, `${here}/${i}`);
        if (typeof p.description !== "string" || !p.description.trim())
          out.push(`${here}/${i} (${String(p.name)})`);
      }
    }
    undescribed(value, here, out);
  }
  return out;
}

describe("the spec's documentation", () => {
  it("describes every schema property and every parameter", () => {
    expect(undescribed(spec, "#", [])).toEqual([]);
  });
});
