/** Countries `toE164` knows: ISO 3166-1 alpha-2 codes. */
export type CountryCode =
  | "AE"
  | "AT"
  | "AU"
  | "BD"
  | "BE"
  | "BR"
  | "CA"
  | "CH"
  | "CN"
  | "CZ"
  | "DE"
  | "DK"
  | "EG"
  | "ES"
  | "FI"
  | "FJ"
  | "FR"
  | "GB"
  | "GR"
  | "HK"
  | "ID"
  | "IE"
  | "IL"
  | "IN"
  | "IT"
  | "JP"
  | "KE"
  | "KR"
  | "MX"
  | "MY"
  | "NG"
  | "NL"
  | "NO"
  | "NZ"
  | "PH"
  | "PK"
  | "PL"
  | "PT"
  | "SA"
  | "SE"
  | "SG"
  | "TH"
  | "TR"
  | "US"
  | "VN"
  | "ZA";

// Country, calling code and, after ":", the national trunk prefix dialled before a national
// number (none where the leading digit is part of the number, as in Italy).
const COUNTRIES =
  "AE971:0 AT43:0 AU61:0 BD880:0 BE32:0 BR55:0 CA1:1 CH41:0 CN86:0 CZ420 DE49:0 DK45 EG20:0 " +
  "ES34 FI358:0 FJ679 FR33:0 GB44:0 GR30 HK852 ID62:0 IE353:0 IL972:0 IN91:0 IT39 JP81:0 " +
  "KE254:0 KR82:0 MX52 MY60:0 NG234:0 NL31:0 NO47 NZ64:0 PH63:0 PK92:0 PL48 PT351 SA966:0 " +
  "SE46:0 SG65 TH66:0 TR90:0 US1:1 VN84:0 ZA27:0";

/** Why `toE164` rejected a number. */
export type PhoneNumberErrorCode =
  | "invalid_characters"
  | "too_short"
  | "too_long"
  | "no_country"
  | "unknown_country";

/**
 * Thrown by `toE164` for input it cannot turn into an E.164 number.
 *
 * @example
 * try { toE164("0421") } catch (e) { if (e instanceof PhoneNumberError) e.code; } // "no_country"
 */
export class PhoneNumberError extends Error {
  /** `"PhoneNumberError"`: the class, also in `String(error)` and stack traces. */
  override name: string = "PhoneNumberError";
  /** Which rule the input broke. */
  readonly code: PhoneNumberErrorCode;

  constructor(code: PhoneNumberErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

/** Options of {@link toE164}. */
export interface ToE164Options {
  /** The country of numbers written in national form (without `+` or an international prefix). */
  defaultCountry?: CountryCode;
}

/**
 * Whether a value is an E.164 number as the API takes it: `+`, a country code that does not
 * start with 0, and 7 to 15 digits in all.
 *
 * @example
 * isE164("+61421111111"); // true
 * isE164("0421111111"); // false
 */
export function isE164(value: string): boolean {
  return /^\+[1-9][0-9]{6,14}$/.test(value);
}

function callingCode(country: string): readonly [code: string, trunk: string] | undefined {
  const at = ` ${COUNTRIES}`.indexOf(` ${country}`);
  if (country.length !== 2 || at < 0) return undefined;
  const [code = "", trunk = ""] = (COUNTRIES.slice(at + 2).split(" ")[0] ?? "").split(":");
  return [code, trunk];
}

/**
 * Normalises a phone number to E.164.
 *
 * Spaces, dots, dashes and parentheses are dropped. International numbers start with `+`, `00`,
 * `0011` (Australia) or `011` (US and Canada; only with no defaultCountry or a NANP one, since
 * elsewhere 011 is a national area code); a `(0)` after `+` and the country code is dropped.
 * Other numbers are national: they get the defaultCountry's calling code, minus its trunk prefix
 * (`0` in most countries, `1` in the US and Canada). Without a metadata library, the number's
 * length is only checked against E.164's 7 to 15 digits.
 *
 * @throws {PhoneNumberError} for letters or other characters, a length outside 7–15 digits,
 * a national number without defaultCountry, or a country code that is unknown or starts with 0.
 * @example
 * toE164("0421 111 111", { defaultCountry: "AU" }); // "+61421111111"
 * toE164("(415) 555-2671", { defaultCountry: "US" }); // "+14155552671"
 * toE164("0064 21 123 4567"); // "+64211234567"
 */
export function toE164(input: string, options: ToE164Options = {}): string {
  const fail = (code: PhoneNumberErrorCode, rule: string): PhoneNumberError =>
    new PhoneNumberError(code, `${JSON.stringify(input)}: ${rule}`);
  const { defaultCountry } = options;
  const country = defaultCountry === undefined ? undefined : callingCode(defaultCountry);
  if (defaultCountry !== undefined && country === undefined) {
    throw fail("unknown_country", `defaultCountry ${JSON.stringify(defaultCountry)} is not known`);
  }
  let text = input.trim();
  const plus = text.startsWith("+");
  if (plus) text = text.slice(1).replace(/^([\d\s.-]+?)\s*\(0\)/, "$1");
  if (/[^\d\s.()-]/.test(text)) {
    throw fail(
      "invalid_characters",
      "only digits, spaces, dots, dashes, parentheses and a leading + are allowed",
    );
  }
  let digits = text.replace(/\D/g, "");
  if (digits === "") throw fail("too_short", "a phone number needs digits");
  if (!plus) {
    const nanp = country === undefined || country[0] === "1";
    const prefix =
      /^00(?:11)?/.exec(digits)?.[0] ?? (nanp && digits.startsWith("011") ? "011" : "");
    if (prefix !== "") {
      digits = digits.slice(prefix.length);
    } else if (country === undefined) {
      throw fail("no_country", "a national number needs defaultCountry");
    } else {
      const [code, trunk] = country;
      if (trunk !== "" && digits.startsWith(trunk)) digits = digits.slice(trunk.length);
      digits = code + digits;
    }
  }
  if (digits.startsWith("0")) throw fail("unknown_country", "a country code cannot start with 0");
  if (digits.length < 7) throw fail("too_short", "E.164 needs at least 7 digits after +");
  if (digits.length > 15) throw fail("too_long", "E.164 allows at most 15 digits after +");
  return `+${digits}`;
}
