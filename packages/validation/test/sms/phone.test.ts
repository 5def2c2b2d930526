import { describe, expect, it } from "vitest";
import {
  type CountryCode,
  isCountryCode,
  isE164,
  PhoneNumberError,
  type PhoneNumberErrorCode,
  type ToE164Options,
  toE164,
} from "../../src/sms/index.js";

describe("isE164", () => {
  it.each([
    ["+1234567", true],
    ["+123456789012345", true],
    ["+61421111111", true],
    ["+123456", false],
    ["+1234567890123456", false],
    ["+0421111111", false],
    ["61421111111", false],
    ["+61 421 111 111", false],
    ["+61421abc111", false],
    ["+", false],
    ["", false],
    ["+61421111111\n", false],
  ])("%j → %s", (value, expected) => {
    expect(isE164(value)).toBe(expected);
  });
});

describe("isCountryCode", () => {
  it.each<[value: unknown, expected: boolean]>([
    ["AU", true],
    ["US", true],
    ["ZA", true],
    ["au", false],
    ["Au", false],
    ["XX", false],
    ["HU", false],
    ["", false],
    ["A", false],
    ["AUS", false],
    [" AU", false],
    ["AU ", false],
    ["61", false],
    ["U ", false],
    [61, false],
    [null, false],
    [undefined, false],
    [{}, false],
  ])("%j → %s", (value, expected) => {
    expect(isCountryCode(value)).toBe(expected);
  });
});

describe("toE164", () => {
  it.each<[input: string, options: ToE164Options, expected: string]>([
    ["0421 111 111", { defaultCountry: "AU" }, "+61421111111"],
    ["021 123 4567", { defaultCountry: "NZ" }, "+64211234567"],
    ["(415) 555-2671", { defaultCountry: "US" }, "+14155552671"],
    ["1 (415) 555-2671", { defaultCountry: "US" }, "+14155552671"],
    ["416.555.0123", { defaultCountry: "CA" }, "+14165550123"],
    ["07700 900123", { defaultCountry: "GB" }, "+447700900123"],
    ["030 1234567", { defaultCountry: "DE" }, "+49301234567"],
    ["06 12 34 56 78", { defaultCountry: "FR" }, "+33612345678"],
    ["087 123 4567", { defaultCountry: "IE" }, "+353871234567"],
    ["098765 43210", { defaultCountry: "IN" }, "+919876543210"],
    ["06 123 4567", { defaultCountry: "IT" }, "+39061234567"],
    ["9123 4567", { defaultCountry: "SG" }, "+6591234567"],
    ["421 111 111", { defaultCountry: "AU" }, "+61421111111"],
    ["+61 421 111 111", {}, "+61421111111"],
    ["+61 (0) 421 111 111", {}, "+61421111111"],
    ["+44 (0)7700 900123", { defaultCountry: "AU" }, "+447700900123"],
    ["+1 (415) 555-2671", {}, "+14155552671"],
    ["0061 421 111 111", {}, "+61421111111"],
    ["0064 21 123 4567", { defaultCountry: "AU" }, "+64211234567"],
    ["0011 64 21 123 4567", { defaultCountry: "AU" }, "+64211234567"],
    ["0011 1 415 555 2671", {}, "+14155552671"],
    ["011 61 421 111 111", { defaultCountry: "US" }, "+61421111111"],
    ["011 44 7700 900123", {}, "+447700900123"],
    ["011 234 5678", { defaultCountry: "ZA" }, "+27112345678"],
    ["  +61-421-111-111  ", {}, "+61421111111"],
    ["+61\u00a0421\u00a0111\u00a0111", {}, "+61421111111"],
    // + then spaces, dashes, dots or parentheses, with or without defaultCountry
    ["+61 421 000 003", { defaultCountry: "AU" }, "+61421000003"],
    ["+ 61 421 000 003", {}, "+61421000003"],
    ["+61.421.000.003", { defaultCountry: "NZ" }, "+61421000003"],
    ["+(61) 421-000-003", {}, "+61421000003"],
    ["+(61) (0) 421 000 003", {}, "+61421000003"],
    ["+61-(0)-421-000-003", { defaultCountry: "AU" }, "+61421000003"],
  ])("%j %j → %j", (input, options, expected) => {
    expect(toE164(input, options)).toBe(expected);
    expect(isE164(expected)).toBe(true);
  });

  // libphonenumber's rule for digits that start with the defaultCountry's calling code: they are
  // international when, read as a national number, the whole digits cannot be one of that
  // country's numbers (no national number starts with them or has their length), or when what
  // follows (less a trunk prefix) is a mobile number and the whole digits are not.
  it.each<[input: string, options: ToE164Options, expected: string]>([
    ["61421000004", { defaultCountry: "AU" }, "+61421000004"],
    ["61 421 000 004", { defaultCountry: "AU" }, "+61421000004"],
    ["61 (0) 421 000 004", { defaultCountry: "AU" }, "+61421000004"],
    ["0061421000004", { defaultCountry: "AU" }, "+61421000004"],
    ["0011 61 421 000 004", { defaultCountry: "AU" }, "+61421000004"],
    ["447700900123", { defaultCountry: "GB" }, "+447700900123"],
    ["64 21 123 4567", { defaultCountry: "NZ" }, "+64211234567"],
    ["4915123456789", { defaultCountry: "DE" }, "+4915123456789"],
    ["393123456789", { defaultCountry: "IT" }, "+393123456789"],
    ["31612345678", { defaultCountry: "NL" }, "+31612345678"],
    ["4741234567", { defaultCountry: "NO" }, "+4741234567"],
    ["420601123456", { defaultCountry: "CZ" }, "+420601123456"],
    ["27821234567", { defaultCountry: "ZA" }, "+27821234567"],
    ["14155552671", { defaultCountry: "US" }, "+14155552671"],
    // The whole digits have a mobile number's length: national.
    ["47123456", { defaultCountry: "NO" }, "+4747123456"],
    ["3912345678", { defaultCountry: "IT" }, "+393912345678"],
    ["420123456", { defaultCountry: "CZ" }, "+420420123456"],
    ["6112345678", { defaultCountry: "US" }, "+16112345678"],
    // No national number starts with the calling code, or has the whole digits' length there:
    // international, mobile or landline, even where mobile lengths overlap (8 to 10 digits in NZ).
    ["64 21 234 567", { defaultCountry: "NZ" }, "+6421234567"],
    ["6421234567", { defaultCountry: "NZ" }, "+6421234567"],
    ["64 021 234 567", { defaultCountry: "NZ" }, "+6421234567"],
    ["64 9 123 4567", { defaultCountry: "NZ" }, "+6491234567"],
    ["64 4 123 4567", { defaultCountry: "NZ" }, "+6441234567"],
    ["628123456789", { defaultCountry: "ID" }, "+628123456789"],
    ["62 812 3456 7890", { defaultCountry: "ID" }, "+6281234567890"],
    ["62 0812 3456 789", { defaultCountry: "ID" }, "+628123456789"],
    ["62 21 1234 5678", { defaultCountry: "ID" }, "+622112345678"],
    ["44 16977 2345", { defaultCountry: "GB" }, "+44169772345"],
    ["44 20 7946 0123", { defaultCountry: "GB" }, "+442079460123"],
    ["86 10 1234 5678", { defaultCountry: "CN" }, "+861012345678"],
    ["86 138 0013 8000", { defaultCountry: "CN" }, "+8613800138000"],
    ["61 2 9876 5432", { defaultCountry: "AU" }, "+61298765432"],
    ["61421000", { defaultCountry: "AU" }, "+61421000"],
    // National numbers can start with the calling code and have the whole digits' length, and
    // what follows is not a mobile number: national (a German landline with 49 prepended is
    // ambiguous without number ranges: 4930 1234567 is also a number in the 04930 area).
    ["86 10 1234", { defaultCountry: "CN" }, "+8686101234"],
    ["49 30 1234567", { defaultCountry: "DE" }, "+4949301234567"],
    ["4926 11224148", { defaultCountry: "DE" }, "+49492611224148"],
    ["62 123456", { defaultCountry: "ID" }, "+6262123456"],
    ["0812 3456 789", { defaultCountry: "ID" }, "+628123456789"],
    ["0800 123 456", { defaultCountry: "NZ" }, "+64800123456"],
    ["0061421000004", { defaultCountry: "NZ" }, "+61421000004"],
    ["61421000004", { defaultCountry: "NZ" }, "+6461421000004"],
  ])("calling code without +: %j %j → %j", (input, options, expected) => {
    expect(toE164(input, options)).toBe(expected);
  });

  it("is idempotent on E.164 numbers", () => {
    for (const value of ["+61421111111", "+14155552671", "+447700900123", "+1234567"]) {
      expect(toE164(value)).toBe(value);
      expect(toE164(value, { defaultCountry: "NZ" })).toBe(value);
    }
  });

  it.each<[input: string, options: ToE164Options, code: PhoneNumberErrorCode, message: string]>([
    ["0421 ABC 111", { defaultCountry: "AU" }, "invalid_characters", '"0421 ABC 111": only digits'],
    ["+61 421+111", {}, "invalid_characters", "a leading + are allowed"],
    ["0421/111/111", { defaultCountry: "AU" }, "invalid_characters", "parentheses"],
    ["", { defaultCountry: "AU" }, "too_short", '"": a phone number needs digits'],
    ["() -", {}, "too_short", "needs digits"],
    ["+61 4211", {}, "too_short", '"+61 4211": E.164 needs at least 7 digits after +'],
    ["0 42", { defaultCountry: "AU" }, "too_short", "at least 7 digits"],
    ["+61 4211 1111 1111 11", {}, "too_long", "E.164 allows at most 15 digits after +"],
    ["0421 111 111 111 111", { defaultCountry: "AU" }, "too_long", "at most 15"],
    ["0421", {}, "no_country", '"0421": a national number needs defaultCountry'],
    ["(415) 555-2671", {}, "no_country", "needs defaultCountry"],
    ["+0421111111", {}, "unknown_country", "a country code cannot start with 0"],
    ["000 421 111 111", {}, "unknown_country", "cannot start with 0"],
  ])("%j %j throws %s", (input, options, code, message) => {
    let error: unknown;
    try {
      toE164(input, options);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(PhoneNumberError);
    expect(error).toBeInstanceOf(Error);
    if (!(error instanceof PhoneNumberError)) return;
    expect(error.code).toBe(code);
    expect(error.name).toBe("PhoneNumberError");
    expect(error.message).toContain(message);
  });

  it.each<[defaultCountry: unknown, input: string]>([
    ["XX", "0421111111"],
    ["au", "0421111111"],
    ["Au", "0421111111"],
    ["HU", "06 1234 5678"],
    ["", "0421111111"],
    ["AUS", "0421111111"],
    [" AU", "0421111111"],
    ["61", "0421111111"],
    [null, "0421111111"],
    [61, "0421111111"],
    ["au", "+61421111111"],
    ["XX", "0421 ABC"],
  ])("defaultCountry %j throws a TypeError naming the rule (%j)", (defaultCountry, input) => {
    const call = () => toE164(input, { defaultCountry: defaultCountry as CountryCode });
    expect(call).toThrow(TypeError);
    expect(call).toThrow(/^defaultCountry must be one of AE AT AU .* ZA, got /);
    expect(call).toThrow(`, got ${JSON.stringify(defaultCountry)}`);
  });

  it("knows every country of CountryCode", () => {
    const countries: Array<[CountryCode, string]> = [
      ["AE", "971"],
      ["AT", "43"],
      ["AU", "61"],
      ["BD", "880"],
      ["BE", "32"],
      ["BR", "55"],
      ["CA", "1"],
      ["CH", "41"],
      ["CN", "86"],
      ["CZ", "420"],
      ["DE", "49"],
      ["DK", "45"],
      ["EG", "20"],
      ["ES", "34"],
      ["FI", "358"],
      ["FJ", "679"],
      ["FR", "33"],
      ["GB", "44"],
      ["GR", "30"],
      ["HK", "852"],
      ["ID", "62"],
      ["IE", "353"],
      ["IL", "972"],
      ["IN", "91"],
      ["IT", "39"],
      ["JP", "81"],
      ["KE", "254"],
      ["KR", "82"],
      ["MX", "52"],
      ["MY", "60"],
      ["NG", "234"],
      ["NL", "31"],
      ["NO", "47"],
      ["NZ", "64"],
      ["PH", "63"],
      ["PK", "92"],
      ["PL", "48"],
      ["PT", "351"],
      ["SA", "966"],
      ["SE", "46"],
      ["SG", "65"],
      ["TH", "66"],
      ["TR", "90"],
      ["US", "1"],
      ["VN", "84"],
      ["ZA", "27"],
    ];
    for (const [country, code] of countries) {
      expect(toE164("98765432", { defaultCountry: country }), country).toBe(`+${code}98765432`);
      expect(isCountryCode(country), country).toBe(true);
    }
    // The TypeError's list is these countries, no more.
    let message = "";
    try {
      toE164("0421111111", { defaultCountry: "XX" as CountryCode });
    } catch (error) {
      message = error instanceof TypeError ? error.message : "";
    }
    expect(message).toBe(
      `defaultCountry must be one of ${countries.map(([country]) => country).join(" ")}, got "XX"`,
    );
  });
});
