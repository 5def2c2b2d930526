import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  getAtPointer,
  isObject,
  type Json,
  type JsonObject,
  pointer,
  readDocument,
  SPEC_PATH,
} from "@bestsms/spec-model";
import { describe, expect, it } from "vitest";
import {
  type ExampleFailure,
  formatFailure,
  parseFlatXml,
  validateSpecExamples,
} from "../src/validate-examples.js";

const FIXTURE_DIR = fileURLToPath(new URL("./fixtures/", import.meta.url));
const FIXTURE = path.join(FIXTURE_DIR, "mini.openapi.yaml");

/** A fresh, mutable copy of the fixture spec, changed by `mutate`. */
function fixture(mutate: (spec: JsonObject) => void = () => {}): JsonObject {
  const spec = structuredClone(readDocument(FIXTURE));
  mutate(spec);
  return spec;
}

/** The object at a JSON pointer of `spec`, to be changed in place. */
function node(spec: JsonObject, at: string): JsonObject {
  const found = getAtPointer(spec, at);
  if (!isObject(found)) throw new Error(`no object at ${at}`);
  return found;
}

function list(spec: JsonObject, at: string): Json[] {
  const found = getAtPointer(spec, at);
  if (!Array.isArray(found)) throw new Error(`no array at ${at}`);
  return found;
}

function failuresOf(spec: JsonObject): ExampleFailure[] {
  return validateSpecExamples(spec, { baseDir: FIXTURE_DIR }).failures;
}

const SEND_JSON = pointer(
  "/paths",
  "/send/sms",
  "post",
  "requestBody",
  "content",
  "application/json",
);
const SEND_OK_JSON = pointer(
  "/paths",
  "/send/sms",
  "post",
  "responses",
  "200",
  "content",
  "application/json",
);
const STATUS_OK = pointer("/paths", "/get/status/{MessageID}", "get", "responses", "200");
const STATUS_BODY = pointer("/webhooks", "statusReport", "post", "requestBody", "content");
const STATUS_JSON = pointer(STATUS_BODY, "application/json");
const STATUS_XML = pointer(STATUS_BODY, "application/xml");

describe("the spec's examples", () => {
  it("all validate against their schemas", () => {
    const report = validateSpecExamples(readDocument());
    expect(report.failures.map(formatFailure)).toEqual([]);
    expect(report.checked).toBeGreaterThan(0);
  });
});

describe("the sandbox control API's examples", () => {
  it("all validate against their schemas", () => {
    const file = path.join(path.dirname(SPEC_PATH), "sandbox-control.openapi.yaml");
    const report = validateSpecExamples(readDocument(file), { baseDir: path.dirname(file) });
    expect(report.failures.map(formatFailure)).toEqual([]);
    expect(report.checked).toBeGreaterThan(0);
  });
});

describe("the example check itself (fixture spec)", () => {
  it("passes the untouched fixture", () => {
    const report = validateSpecExamples(fixture(), { baseDir: FIXTURE_DIR });
    expect(report.failures.map(formatFailure)).toEqual([]);
    expect(report.checked).toBe(18);
  });

  it("reports a request body example of the wrong type, with Ajv's errors", () => {
    const failures = failuresOf(
      fixture((spec) => {
        node(spec, `${SEND_JSON}/examples/simple/value`).To = 4512345678;
      }),
    );
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({
      kind: "example",
      pointer: `${SEND_JSON}/examples/simple/value`,
    });
    expect(failures[0]?.errors).toContainEqual(
      expect.objectContaining({ instancePath: "/To", keyword: "type" }),
    );
  });

  it("reports every error of an example (allErrors) and unknown properties", () => {
    const failures = failuresOf(
      fixture((spec) => {
        const value = node(spec, `${SEND_JSON}/examples/simple/value`);
        value.Text = "";
        value.Email = "not an email";
        value.Unexpected = true;
      }),
    );
    expect(failures).toHaveLength(1);
    expect(failures[0]?.errors.map((error) => error.keyword).sort()).toEqual([
      "additionalProperties",
      "format",
      "minLength",
    ]);
  });

  it("reports a response example that lacks a required property (through $ref)", () => {
    const failures = failuresOf(
      fixture((spec) => {
        delete node(spec, `${STATUS_OK}/content/application~1json/examples/failed/value`)
          .StatusTime;
      }),
    );
    expect(failures.map((failure) => failure.pointer)).toEqual([
      `${STATUS_OK}/content/application~1json/examples/failed/value`,
    ]);
    expect(failures[0]?.errors[0]).toMatchObject({ keyword: "required" });
  });

  it("reports an invalid enum value and an invalid date-time", () => {
    const failures = failuresOf(
      fixture((spec) => {
        const value = node(spec, `${STATUS_OK}/content/application~1json/examples/delivered/value`);
        value.Status = "lost";
        value.StatusTime = "yesterday";
      }),
    );
    expect(failures).toHaveLength(1);
    expect(failures[0]?.errors.map((error) => error.keyword).sort()).toEqual(["enum", "format"]);
  });

  it("reports shared response examples (components/responses)", () => {
    const failures = failuresOf(
      fixture((spec) => {
        node(
          spec,
          "/components/responses/BadRequest/content/application~1json/examples/invalid/value",
        ).Link = "not a uri";
      }),
    );
    expect(failures.map((failure) => failure.pointer)).toEqual([
      "/components/responses/BadRequest/content/application~1json/examples/invalid/value",
    ]);
  });

  it("reports parameter examples: examples map, singular example, path-level parameters", () => {
    const failures = failuresOf(
      fixture((spec) => {
        node(spec, "/components/parameters/MessageID/examples/message").value = 0;
        node(spec, "/paths/~1addressbook~1contact~1{ContactID}/parameters/0").example = "seventeen";
      }),
    );
    expect(failures.map((failure) => failure.pointer).sort()).toEqual([
      "/components/parameters/MessageID/examples/message/value",
      "/paths/~1addressbook~1contact~1{ContactID}/parameters/0/example",
    ]);
  });

  it("checks examples given as $ref to components/examples against the media type's schema", () => {
    const failures = failuresOf(
      fixture((spec) => {
        node(spec, "/components").examples = {
          broken: { summary: "Broken", value: { MessageID: "x" } },
        };
        node(spec, `${SEND_OK_JSON}/examples`).shared = { $ref: "#/components/examples/broken" };
      }),
    );
    expect(failures.map((failure) => failure.pointer)).toEqual([
      `${SEND_OK_JSON}/examples/shared/value`,
    ]);
  });

  it("reports schema-level examples (JSON Schema `examples` arrays and `example`)", () => {
    const failures = failuresOf(
      fixture((spec) => {
        list(spec, "/components/schemas/SendSmsRequest/properties/To/examples").push("12345678");
        node(spec, "/components/schemas/SendSmsResponse/examples/0").Status = "sent";
        node(spec, "/components/schemas/ReceivedSms/properties/Text").example = 42;
      }),
    );
    expect(failures.map((failure) => failure.pointer).sort()).toEqual([
      "/components/schemas/ReceivedSms/properties/Text/example",
      "/components/schemas/SendSmsRequest/properties/To/examples/1",
      "/components/schemas/SendSmsResponse/examples/0",
    ]);
  });

  it("reports webhook examples, JSON and XML", () => {
    const failures = failuresOf(
      fixture((spec) => {
        node(spec, `${STATUS_JSON}/examples/delivered/value`).MessageID = "4711";
        node(spec, `${STATUS_XML}/examples/delivered`).value =
          "<StatusReport><MessageID>abc</MessageID><Status>delivered</Status>" +
          "<StatusTime>2025-01-31T12:00:00Z</StatusTime></StatusReport>";
      }),
    );
    expect(failures.map((failure) => failure.pointer).sort()).toEqual([
      `${STATUS_JSON}/examples/delivered/value`,
      `${STATUS_XML}/examples/delivered/value`,
    ]);
    const xmlFailure = failures.find((failure) => failure.pointer.startsWith(STATUS_XML));
    expect(xmlFailure?.errors).toContainEqual(
      expect.objectContaining({ instancePath: "/MessageID", keyword: "type" }),
    );
  });

  it("reports XML examples with a missing field, an unknown field, a wrong root or bad syntax", () => {
    const variants = [
      "<StatusReport><MessageID>1</MessageID><Status>delivered</Status></StatusReport>",
      "<StatusReport><MessageID>1</MessageID><Status>delivered</Status>" +
        "<StatusTime>2025-01-31T12:00:00Z</StatusTime><Extra>x</Extra></StatusReport>",
      "<Report><MessageID>1</MessageID><Status>delivered</Status>" +
        "<StatusTime>2025-01-31T12:00:00Z</StatusTime></Report>",
      "<StatusReport><MessageID>1</MessageID><Status>a & b</Status></StatusReport>",
      "<StatusReport><MessageID>1</MessageID>",
      { MessageID: 1 },
    ];
    for (const variant of variants) {
      const failures = failuresOf(
        fixture((spec) => {
          node(spec, `${STATUS_XML}/examples/delivered`).value = variant;
        }),
      );
      expect(
        failures.map((failure) => failure.pointer),
        JSON.stringify(variant),
      ).toEqual([`${STATUS_XML}/examples/delivered/value`]);
    }
  });

  it("reads externalValue files next to the spec, and reports missing or escaping ones", () => {
    const received = pointer(
      "/webhooks",
      "smsReceived",
      "post",
      "requestBody",
      "content",
      "application/xml",
      "examples",
      "hello",
    );
    for (const reference of ["examples/missing.xml", "../mini.openapi.yaml", "/etc/hostname"]) {
      const failures = failuresOf(
        fixture((spec) => {
          node(spec, received).externalValue = reference;
        }),
      );
      expect(
        failures.map((failure) => failure.pointer),
        reference,
      ).toEqual([`${received}/externalValue`]);
    }
  });

  it("reports schemas that break strict mode: unknown keywords and vendor extensions", () => {
    const failures = failuresOf(
      fixture((spec) => {
        node(spec, "/components/schemas/Deleted/properties/Deleted").exmaple = true;
        node(spec, "/components/schemas/Error")["x-bestsms-inptu"] = {};
        node(spec, "/components/schemas/Status").paths = {};
      }),
    );
    const schemaFailures = failures.filter((failure) => failure.kind === "schema");
    expect(schemaFailures.map((failure) => failure.pointer).sort()).toEqual([
      "/components/schemas/Deleted/properties/Deleted",
      "/components/schemas/Error",
      "/components/schemas/Status",
    ]);
    expect(schemaFailures.map((failure) => failure.message).join("\n")).toMatch(/exmaple/);
  });

  it("reports vendor extensions of the wrong type and unknown formats", () => {
    const failures = failuresOf(
      fixture((spec) => {
        node(spec, "/components/schemas/SendSmsRequest")["x-bestsms-input"] = "flatten";
        node(spec, "/components/schemas/Error/properties/Link").format = "url-ish";
      }),
    );
    const schemaFailures = failures.filter((failure) => failure.kind === "schema");
    expect(schemaFailures.map((failure) => failure.pointer).sort()).toEqual([
      "/components/schemas/Error/properties/Link",
      "/components/schemas/SendSmsRequest",
    ]);
  });

  it("reports schemas that are not valid JSON Schema and dangling references", () => {
    const failures = failuresOf(
      fixture((spec) => {
        node(spec, "/components/schemas/Deleted").required = "Deleted";
        node(spec, `${SEND_OK_JSON}/schema`).$ref = "#/components/schemas/Nope";
      }),
    );
    const pointers = failures.map((failure) => failure.pointer);
    expect(pointers).toContain("/components/schemas/Deleted");
    expect(pointers).toContain(`${SEND_OK_JSON}/schema`);
  });

  it("checks that required properties are defined, following allOf and $ref", () => {
    const failures = failuresOf(
      fixture((spec) => {
        const schemas = node(spec, "/components/schemas");
        schemas.Composed = {
          type: "object",
          allOf: [{ $ref: "#/components/schemas/SendSmsRequest" }],
          required: ["To", "Text"],
          anyOf: [{ required: ["Email"] }, { required: ["Text"] }],
        };
        list(spec, "/components/schemas/StatusReport/required").push("StatusTmie");
      }),
    );
    // The examples of StatusReport fail too; the schema failure names the cause.
    const schemaFailures = failures.filter((failure) => failure.kind === "schema");
    expect(schemaFailures.map(formatFailure)).toEqual([
      '/components/schemas/StatusReport/required: required property "StatusTmie" is not defined in properties (here, in allOf or $ref)',
    ]);
  });

  it("requires a request example, a 200 response example and JSON + XML webhook examples", () => {
    const failures = failuresOf(
      fixture((spec) => {
        delete node(spec, SEND_JSON).examples;
        delete node(
          spec,
          "/paths/~1addressbook~1contact~1{ContactID}/delete/responses/200/content/application~1json",
        ).examples;
        delete node(spec, "/webhooks/smsReceived/post/requestBody/content")["application/xml"];
        delete node(spec, "/paths/~1get~1status~1{MessageID}/get/responses")["200"];
      }),
    );
    expect(
      failures.filter((failure) => failure.kind === "missing-example").map(formatFailure),
    ).toMatchInlineSnapshot(`
      [
        "/paths/~1send~1sms/post/requestBody/content/application~1json: POST /send/sms: request body has no example",
        "/paths/~1get~1status~1{MessageID}/get/responses/200: GET /get/status/{MessageID}: no 200 response",
        "/paths/~1addressbook~1contact~1{ContactID}/delete/responses/200/content/application~1json: DELETE /addressbook/contact/{ContactID}: 200 response has no example",
        "/webhooks/smsReceived/post/requestBody: webhook smsReceived: no XML example",
      ]
    `);
  });
});

describe("parseFlatXml", () => {
  it("reads a flat document, with declaration, whitespace, comments and entities", () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
      <!-- a received SMS -->
      <ReceivedSms xmlns="urn:bestsms">
        <From>+4512345678</From>
        <Text>1 &lt; 2 &amp;&amp; &quot;x&quot; &apos;y&apos; &#65;&#x42;</Text>
        <Empty/>
        <Blank></Blank>
      </ReceivedSms>`;
    expect(parseFlatXml(xml)).toEqual({
      root: "ReceivedSms",
      fields: { From: "+4512345678", Text: `1 < 2 && "x" 'y' AB`, Empty: "", Blank: "" },
    });
  });

  it("rejects what is not the flat shape", () => {
    for (const bad of [
      "",
      "just text",
      "<A><B>1</B>",
      "<A><B>1</C></A>",
      "<A><B><C>1</C></B></A>",
      "<A><B>1</B><B>2</B></A>",
      "<A><B>&nbsp;</B></A>",
      "<A></A><A></A>",
    ]) {
      expect(() => parseFlatXml(bad), bad).toThrow();
    }
  });

  it("reads what a receiver reads: attributes ignored, CDATA taken literally", () => {
    expect(parseFlatXml('<A><B x="1">1</B><C><![CDATA[<x>]]></C></A>')).toEqual({
      root: "A",
      fields: { B: "1", C: "<x>" },
    });
  });
});
