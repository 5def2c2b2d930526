// The validators as Standard Schema v1 (`~standard`), and the is…/assert… helpers at run time.
import type { StandardSchemaV1 } from "@standard-schema/spec";
import { describe, expect, it } from "vitest";
import * as validation from "../src/index.js";
import {
  assertSendMessageRequest,
  assertStatusWebhook,
  isSendMessageRequest,
  pacingRequest,
  SchemaValidationError,
  sendMessageRequest,
  statusWebhook,
  type Validator,
} from "../src/index.js";

const good = {
  MessageData: {
    MessageID: "ID12345",
    Reference: "Test",
    Message: "Hi [[FirstName]]",
    Destinations: [
      { Recipient: "+61421000001", FirstName: "Jess" },
      { ContactID: "6000000b-f002-4007-b00a-c00000000002" },
      { GroupID: "4000000b-f002-4007-b00a-c00000000001" },
    ],
  },
};
const bad = {
  MessageData: {
    Reference: "r".repeat(81),
    Message: "Hi",
    Destinations: [{ Recipient: "0421000001" }],
  },
};
const BAD_MESSAGES = [
  "MessageData.Reference: at most 80 characters, got 81",
  'MessageData.Destinations[0].Recipient: must match ^\\+[1-9][0-9]{6,14}$, got "0421000001"',
];

/** What a library taking any Standard Schema does with one (as Hono's or tRPC's validators do). */
async function parseWith<S extends StandardSchemaV1>(
  schema: S,
  value: unknown,
): Promise<StandardSchemaV1.InferOutput<S>> {
  const result = await schema["~standard"].validate(value);
  if (result.issues) {
    const text = result.issues.map((issue) => {
      const path = (issue.path ?? []).map((p) => (typeof p === "object" ? p.key : p));
      return `${path.join("/")}: ${issue.message}`;
    });
    throw new Error(text.join("\n"));
  }
  return result.value;
}

const exported = Object.entries(validation as Record<string, unknown>).filter(
  (entry): entry is [string, Validator<unknown>] =>
    typeof entry[1] === "object" && entry[1] !== null && "~standard" in entry[1],
);

describe("~standard on every exported validator", () => {
  it("every request body, parameter set and webhook has one", () => {
    // Every validator is one of an operation's, or one of the two webhooks'.
    const fromOperations = new Set(
      Object.values(validation.operationValidators).flatMap((slot) =>
        [slot.params, slot.body].filter((v) => v !== undefined),
      ),
    );
    expect(new Set(exported.map(([, v]) => v))).toEqual(
      new Set([...fromOperations, validation.statusWebhook, validation.receivedWebhook]),
    );
  });

  it.each(exported)("%s: version 1, vendor bestsms, a validate function", (_name, v) => {
    expect(v["~standard"].version).toBe(1);
    expect(v["~standard"].vendor).toBe("bestsms");
    expect(typeof v["~standard"].validate).toBe("function");
  });

  it.each(exported)(
    "%s: ~standard.validate gives what validate gives, synchronously",
    (_name, v) => {
      const standard = v["~standard"].validate({});
      expect(standard).not.toBeInstanceOf(Promise);
      expect(standard).toEqual(v.validate({}));
    },
  );

  it.each(exported)("%s: name is the export's name in PascalCase", (name, v) => {
    expect(v.name).toBe(`${name.charAt(0).toUpperCase()}${name.slice(1)}`);
  });
});

describe("~standard.validate", () => {
  const validate = sendMessageRequest["~standard"].validate;

  it("returns { value } for a valid value: the value itself, not a copy", () => {
    const result = validate(good);
    expect(result).toEqual({ value: good });
    expect(result.issues).toBeUndefined();
    expect("value" in result && result.value).toBe(good);
  });

  it("returns { issues } with a message and a path for an invalid value", () => {
    const result = validate(bad);
    expect(result.issues).toBeDefined();
    expect("value" in result).toBe(false);
    expect(result.issues?.map((i) => i.message)).toEqual(BAD_MESSAGES);
    expect(result.issues?.map((i) => i.path)).toEqual([
      ["MessageData", "Reference"],
      ["MessageData", "Destinations", 0, "Recipient"],
    ]);
  });

  it("answers synchronously", () => {
    expect(validate(good)).not.toBeInstanceOf(Promise);
    expect(validate(bad)).not.toBeInstanceOf(Promise);
  });

  it("works detached from its object (no `this`)", () => {
    const { validate: detached } = statusWebhook["~standard"];
    expect(detached({ Type: "SMS" })).toEqual({ value: { Type: "SMS" } });
    const { validate: own, is, assert } = pacingRequest;
    expect(own({ NumberOfOperators: 2 }).issues).toBeUndefined();
    expect(is({ NumberOfOperators: -1 })).toBe(false);
    expect(() => assert({ NumberOfOperators: -1 })).toThrow(SchemaValidationError);
  });

  it("never throws for values JSON cannot hold", () => {
    for (const value of [undefined, 1n, Symbol("s"), () => 0, Number.NaN]) {
      const result = validate(value);
      expect(result.issues?.map((i) => [i.path, i.rule])).toEqual([[[], "type"]]);
    }
    expect(validate(new Map()).issues?.map((i) => i.message)).toEqual(["MessageData: required"]);
    expect(
      validate({ MessageData: { ...good.MessageData, CharacterConversion: 1n } }).issues,
    ).toEqual([
      {
        message: "MessageData.CharacterConversion: must be a boolean, got a bigint",
        path: ["MessageData", "CharacterConversion"],
        rule: "type",
        limit: "boolean",
      },
    ]);
  });

  // issues.ts show() JSON-stringifies the offending value for enum/const/pattern messages, which
  // throws for a BigInt or a circular object. When that is fixed, this becomes a plain `it`.
  it("a BigInt where an enum is expected is reported, not thrown", () => {
    const result = validate({ MessageData: { ...good.MessageData, Mode: 1n } });
    expect(result.issues?.map((i) => i.rule)).toEqual(["type", "enum"]);
  });

  it("plugs into a generic Standard Schema consumer", async () => {
    await expect(parseWith(sendMessageRequest, good)).resolves.toBe(good);
    await expect(parseWith(sendMessageRequest, bad)).rejects.toThrow(
      "MessageData/Reference: MessageData.Reference: at most 80 characters, got 81",
    );
    await expect(parseWith(statusWebhook, { Type: "SMS", Extra: "kept" })).resolves.toEqual({
      Type: "SMS",
      Extra: "kept",
    });
  });
});

describe("validate, is and assert agree", () => {
  it("validate is ~standard.validate", () => {
    expect(sendMessageRequest.validate(good)).toEqual(
      sendMessageRequest["~standard"].validate(good),
    );
    expect(sendMessageRequest.validate(bad)).toEqual(sendMessageRequest["~standard"].validate(bad));
  });

  it("is / isSendMessageRequest", () => {
    expect(sendMessageRequest.is(good)).toBe(true);
    expect(isSendMessageRequest(good)).toBe(true);
    expect(sendMessageRequest.is(bad)).toBe(false);
    expect(isSendMessageRequest(bad)).toBe(false);
    expect(isSendMessageRequest(null)).toBe(false);
  });

  it("assert returns nothing for a valid value", () => {
    expect(sendMessageRequest.assert(good)).toBeUndefined();
    expect(assertSendMessageRequest(good)).toBeUndefined();
  });

  it("assert throws a SchemaValidationError naming the schema and every issue", () => {
    let caught: unknown;
    try {
      assertSendMessageRequest(bad);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SchemaValidationError);
    expect(caught).toBeInstanceOf(Error);
    const error = caught as SchemaValidationError;
    expect(error.name).toBe("SchemaValidationError");
    expect(error.schema).toBe("SendMessageRequest");
    expect(error.message).toBe(`SendMessageRequest: ${BAD_MESSAGES.join("; ")}`);
    expect(error.issues).toEqual(sendMessageRequest.validate(bad).issues);
    expect(String(error)).toBe(`SchemaValidationError: ${error.message}`);
    expect(error.stack).toContain("SchemaValidationError");
  });

  it("the method and the function throw the same", () => {
    expect(() => sendMessageRequest.assert(bad)).toThrow(
      new SchemaValidationError(
        "SendMessageRequest",
        sendMessageRequest.validate(bad).issues ?? [],
      ),
    );
    expect(() => assertStatusWebhook({ Type: "SMSReply" })).toThrow(
      'StatusWebhook: Type: must be "SMS", got "SMSReply"',
    );
  });

  it("SchemaValidationError can be made by hand", () => {
    const error = new SchemaValidationError("X", [
      { message: "a: required", path: ["a"], rule: "required" },
    ]);
    expect(error.message).toBe("X: a: required");
    expect(error.issues[0]?.path).toEqual(["a"]);
  });
});
