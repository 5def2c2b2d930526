import { describe, expect, it } from "vitest";
import { DOCUMENT_ADVANCED_SEND } from "../../../../tools/test-kit/src/document-examples.js";
import { mergeFields, missingMergeFields, SERVICE_MERGE_FIELDS } from "../../src/sms/index.js";

// The advanced send example of the API document.
const { MessageText: MESSAGE, Recipients: DESTINATIONS } = DOCUMENT_ADVANCED_SEND;

describe("mergeFields", () => {
  it("lists the document's fields in order", () => {
    expect(mergeFields(MESSAGE)).toEqual(["Attention", "Company", "Reply"]);
  });

  it("lists each field once, in order of first appearance", () => {
    expect(mergeFields("[[Company]] [[Attention]] [[Company]] [[Reply]] [[Attention]]")).toEqual([
      "Company",
      "Attention",
      "Reply",
    ]);
  });

  it("takes names with inner spaces, digits and underscores", () => {
    expect(mergeFields("Hi [[First Name]] [[Last Name]], [[Custom1]] [[my_field]]")).toEqual([
      "First Name",
      "Last Name",
      "Custom1",
      "my_field",
    ]);
  });

  it("is case-sensitive and keeps the spelling used", () => {
    expect(mergeFields("[[company]] [[Company]] [[FirstName]] [[First Name]]")).toEqual([
      "company",
      "Company",
      "FirstName",
      "First Name",
    ]);
  });

  it("ignores what is not a field name", () => {
    const text =
      "[[]] [[ Company ]] [[1st]] [[a.b]] [[First  Name]] [[x]y]] [Company] [[Com\npany]]";
    expect(mergeFields(text)).toEqual([]);
    expect(mergeFields("")).toEqual([]);
    expect(mergeFields("no fields here")).toEqual([]);
  });

  it("finds fields next to extra brackets", () => {
    expect(mergeFields("[[[Company]]] and [[[[Attention]]")).toEqual(["Company", "Attention"]);
  });
});

describe("missingMergeFields", () => {
  it("checks the document's advanced example", () => {
    expect(missingMergeFields(MESSAGE, DESTINATIONS)).toEqual([
      { index: 0, missing: ["Attention", "Company"] },
    ]);
  });

  it("treats a recipient with only its number like a bare number: no fields", () => {
    const numberOnly = { Recipient: "+61421000001" };
    expect(missingMergeFields(MESSAGE, [numberOnly, ...DESTINATIONS.slice(1)])).toEqual([
      { index: 0, missing: ["Attention", "Company"] },
    ]);
  });

  it("never reports the service's own fields", () => {
    expect(SERVICE_MERGE_FIELDS).toEqual(["Reply"]);
    expect(missingMergeFields("Click [[Reply]]", ["+61421000001", {}])).toEqual([]);
  });

  it("needs a non-empty string value", () => {
    const text = "[[Attention]] [[Company]] [[Custom1]]";
    expect(
      missingMergeFields(text, [
        { Recipient: "+61421000001", Attention: "", Company: 5, Custom1: "x" },
        { Recipient: "+61421000002", Attention: null, Company: ["x"], Custom1: undefined },
      ]),
    ).toEqual([
      { index: 0, missing: ["Attention", "Company"] },
      { index: 1, missing: ["Attention", "Company", "Custom1"] },
    ]);
  });

  it('treats "First Name"/FirstName and "Last Name"/LastName as one field', () => {
    expect(
      missingMergeFields("[[First Name]] [[LastName]] [[FirstName]] [[Last Name]]", [
        { Recipient: "+61421000001", FirstName: "Jess", "Last Name": "Doe" },
        { Recipient: "+61421000002", "First Name": "Jo" },
        { Recipient: "+61421000003", firstname: "Al", LastName: "Li" },
      ]),
    ).toEqual([
      { index: 1, missing: ["LastName", "Last Name"] },
      { index: 2, missing: ["First Name", "FirstName"] },
    ]);
  });

  it("skips address-book destinations but not numbers that also name a contact", () => {
    expect(
      missingMergeFields("[[Company]]", [
        { ContactID: "6000000b-f002-4007-b00a-c00000000002" },
        { GroupID: "4000000b-f002-4007-b00a-c00000000001" },
        { Recipient: "+61421000001", ContactID: "6000000b-f002-4007-b00a-c00000000002" },
      ]),
    ).toEqual([{ index: 2, missing: ["Company"] }]);
  });

  it("reports nothing for a text without fields or no recipients", () => {
    expect(missingMergeFields("Hello", ["+61421000001"])).toEqual([]);
    expect(missingMergeFields(MESSAGE, [])).toEqual([]);
  });
});
