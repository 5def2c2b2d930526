import { describe, expect, it } from "vitest";
import {
  type CountryCode,
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
  ])("%j %j → %j", (input, options, expected) => {
    expect(toE164(input, options)).toBe(expected);
    expect(isE164(expected)).toBe(true);
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
    ["0421111111", { defaultCountry: "XX" as CountryCode }, "unknown_country", '"XX" is not known'],
    ["0421111111", { defaultCountry: "au" as CountryCode }, "unknown_country", "not known"],
    ["06 1234 5678", { defaultCountry: "HU" as CountryCode }, "unknown_country", "not known"],
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
    }
  });
});
