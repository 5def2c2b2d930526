import { describe, expect, it } from "vitest";
import {
  camelName,
  lowerFirst,
  operationIdUnion,
  propertyKey,
  typeBaseName,
  upperFirst,
  webhookTypeName,
} from "../src/naming.js";

describe("names", () => {
  it("of an operation: a type base and a function", () => {
    expect(typeBaseName("addressbook.groupContact.list")).toBe("AddressbookGroupContactList");
    expect(camelName("addressbook.groupContact.list")).toBe("addressbookGroupContactList");
  });

  it("of a webhook payload without a component schema", () => {
    expect(webhookTypeName("statusUpdate")).toBe("StatusUpdateWebhook");
    expect(upperFirst("a")).toBe("A");
    expect(lowerFirst("SendMessageRequest")).toBe("sendMessageRequest");
  });

  it("of an object key: quoted only when not an identifier", () => {
    expect(propertyKey("MessageID")).toBe("MessageID");
    expect(propertyKey("First Name")).toBe('"First Name"');
  });

  it("of every operation, as one union", () => {
    expect(operationIdUnion(["a.b", "c.d"])).toBe(
      '/** Every operationId of the API. */\nexport type OperationId =\n  | "a.b"\n  | "c.d";',
    );
  });
});
