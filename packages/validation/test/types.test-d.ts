// Type-level tests, checked by vitest (typecheck) and by `tsc -p tsconfig.json`: each line
// marked to expect an error must stay an error.
import type { StandardSchemaV1 } from "@standard-schema/spec";
import { describe, expectTypeOf, it } from "vitest";
import type { components } from "../src/generated/api.gen.js";
import {
  type AddressbookContactGroupDetailParams,
  assertSendMessageRequest,
  assertStatusWebhook,
  type CountryCode,
  isCountryCode,
  isReceivedWebhook,
  isSendMessageRequest,
  operationValidators,
  type ReportsStatusPollParams,
  reportsStatusPollParams,
  type SchemaValidationError,
  sendMessageRequest,
  statusWebhook,
  toE164,
  type ValidationIssue,
  type ValidationResult,
  type Validator,
} from "../src/index.js";

type SendMessageRequest = components["schemas"]["SendMessageRequest"];
type StatusWebhook = components["schemas"]["StatusWebhook"];
type ReceivedWebhook = components["schemas"]["ReceivedWebhook"];

declare const input: unknown;

describe("Standard Schema v1", () => {
  it("a validator is a StandardSchemaV1 of its spec type", () => {
    expectTypeOf(sendMessageRequest).toExtend<StandardSchemaV1<unknown, SendMessageRequest>>();
    expectTypeOf(statusWebhook).toExtend<StandardSchemaV1<unknown, StatusWebhook>>();
    const schema: StandardSchemaV1<unknown, SendMessageRequest> = sendMessageRequest;
    expectTypeOf(schema).not.toBeAny();
  });

  it("a library infers the output type from it", () => {
    expectTypeOf<
      StandardSchemaV1.InferOutput<typeof sendMessageRequest>
    >().toEqualTypeOf<SendMessageRequest>();
    expectTypeOf<StandardSchemaV1.InferInput<typeof sendMessageRequest>>().toEqualTypeOf<unknown>();
    expectTypeOf<
      StandardSchemaV1.InferOutput<typeof reportsStatusPollParams>
    >().toEqualTypeOf<ReportsStatusPollParams>();
  });

  it("is not a schema of another type", () => {
    expectTypeOf(sendMessageRequest).not.toExtend<StandardSchemaV1<unknown, StatusWebhook>>();
    // @ts-expect-error: a send-request validator does not produce a webhook
    const wrong: StandardSchemaV1<unknown, StatusWebhook> = sendMessageRequest;
    expectTypeOf(wrong).not.toBeAny();
  });

  it("~standard carries the literal version and vendor", () => {
    expectTypeOf(sendMessageRequest["~standard"].version).toEqualTypeOf<1>();
    expectTypeOf(sendMessageRequest["~standard"].vendor).toEqualTypeOf<"bestsms">();
    // @ts-expect-error: the vendor is the literal "bestsms"
    const zod: (typeof sendMessageRequest)["~standard"]["vendor"] = "zod";
    expectTypeOf(zod).toEqualTypeOf<"bestsms">();
  });
});

describe("validate", () => {
  it("returns the value typed, or issues", () => {
    const result = sendMessageRequest.validate(input);
    expectTypeOf(result).toEqualTypeOf<ValidationResult<SendMessageRequest>>();
    if (result.issues) {
      expectTypeOf(result.issues).toEqualTypeOf<readonly ValidationIssue[]>();
      // @ts-expect-error: no value on failure
      expectTypeOf(result.value).toBeUnknown();
    } else {
      expectTypeOf(result.value).toEqualTypeOf<SendMessageRequest>();
      expectTypeOf(result.value.MessageData.Destinations).toBeArray();
    }
  });

  it("issues have a message, a path of keys and indices, a rule and maybe a limit", () => {
    expectTypeOf<ValidationIssue["message"]>().toEqualTypeOf<string>();
    expectTypeOf<ValidationIssue["path"]>().toEqualTypeOf<readonly (string | number)[]>();
    expectTypeOf<ValidationIssue["rule"]>().toEqualTypeOf<string>();
    expectTypeOf<ValidationIssue>().toHaveProperty("limit");
    expectTypeOf<ValidationIssue>().toExtend<StandardSchemaV1.Issue>();
  });
});

describe("is… narrows", () => {
  it("the method and the function", () => {
    const value: unknown = input;
    if (sendMessageRequest.is(value)) {
      expectTypeOf(value).toEqualTypeOf<SendMessageRequest>();
      expectTypeOf(value.MessageData.Message).toBeString();
    }
    if (isSendMessageRequest(value)) {
      expectTypeOf(value).toEqualTypeOf<SendMessageRequest>();
      expectTypeOf(value.MessageData.Reference).toEqualTypeOf<string | undefined>();
    } else {
      expectTypeOf(value).toBeUnknown();
    }
    if (isReceivedWebhook(value)) {
      expectTypeOf(value).toEqualTypeOf<ReceivedWebhook>();
      expectTypeOf(value.Type).toEqualTypeOf<"SMSReply" | "SMSInbound">();
    }
  });

  it("params by wire name", () => {
    const value: unknown = input;
    if (reportsStatusPollParams.is(value)) {
      expectTypeOf(value).toEqualTypeOf<ReportsStatusPollParams>();
      expectTypeOf(value.MessageID).toBeString();
      expectTypeOf(value.recordsPerPage).toEqualTypeOf<number | undefined>();
      // @ts-expect-error: the wire name is recordsPerPage, not the document's RecordsPerPage
      expectTypeOf(value.RecordsPerPage).toBeUnknown();
    }
    expectTypeOf<AddressbookContactGroupDetailParams>().toEqualTypeOf<{
      ContactID: string;
      GroupID: string;
    }>();
  });
});

describe("assert… narrows after the call", () => {
  it("the function", () => {
    const value: unknown = input;
    assertSendMessageRequest(value);
    expectTypeOf(value).toEqualTypeOf<SendMessageRequest>();
  });

  it("the method", () => {
    const value: unknown = input;
    statusWebhook.assert(value);
    expectTypeOf(value).toEqualTypeOf<StatusWebhook>();
    expectTypeOf(value.Type).toEqualTypeOf<"SMS">();
  });

  it("another function", () => {
    const value: unknown = input;
    assertStatusWebhook(value);
    expectTypeOf(value.Price).toEqualTypeOf<string | undefined>();
  });

  it("throws SchemaValidationError, an Error with the schema and issues", () => {
    expectTypeOf<SchemaValidationError>().toExtend<Error>();
    expectTypeOf<SchemaValidationError["schema"]>().toEqualTypeOf<string>();
    expectTypeOf<SchemaValidationError["issues"]>().toEqualTypeOf<readonly ValidationIssue[]>();
  });
});

describe("operationValidators", () => {
  it("by operationId, each maybe with params and body", () => {
    const slot = operationValidators["messaging.sms.sendMessage"];
    // noUncheckedIndexedAccess: an id may be missing
    expectTypeOf(slot).toEqualTypeOf<
      | {
          readonly params?: Validator<unknown>;
          readonly body?: Validator<unknown>;
        }
      | undefined
    >();
    const body = slot?.body;
    if (body?.is(input)) expectTypeOf(input).toBeUnknown();
  });
});

describe("CountryCode", () => {
  it("isCountryCode narrows a string or an unknown to CountryCode", () => {
    const value: unknown = input;
    if (isCountryCode(value)) expectTypeOf(value).toEqualTypeOf<CountryCode>();
    const option: string = "AU";
    if (isCountryCode(option)) toE164("0421000001", { defaultCountry: option });
  });

  it("toE164 takes upper-case codes only, and an undefined defaultCountry", () => {
    toE164("0421000001", { defaultCountry: "AU" });
    toE164("+61421000001", { defaultCountry: undefined });
    // @ts-expect-error: lower case is not a CountryCode (and throws a TypeError at run time)
    toE164("0421000001", { defaultCountry: "au" });
    // @ts-expect-error: a plain string must be checked first, with isCountryCode
    toE164("0421000001", { defaultCountry: "AU" as string });
  });
});
