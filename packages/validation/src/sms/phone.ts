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

// Country and calling code, then after each ":" (lengths in base 36, a = 10 digits; from
// libphonenumber's metadata): the trunk prefix dialled before a national number (none where the
// leading digit is part of the number, as in Italy); the lengths of the national numbers that
// start with the calling code's digits (none: no national number does, as in New Zealand); and,
// only where those lengths leave digits such as 4915123456789 in Germany ambiguous, the lengths
// of a mobile national significant number that matter there and the digits mobiles start with.
const COUNTRIES =
  "AE971:0:8 AT43:0:789abcd:789abcd:6 AU61:0 BD880:0:678 BE32:0:8 BR55:0:9ab CA1:1 " +
  "CH41:0:9 CN86:0:78 CZ420::9 DE49:0:56789abcd:ab:1 DK45::8 EG20:0:9 ES34 " +
  "FI358:0:56789:6789:45 FJ679::7 FR33:0:9 GB44:0 GR30 HK852 ID62:0:789ab:9ab:8 IE353:0 " +
  "IL972:0:8 IN91:0:a IT39::9a JP81:0:9a KE254:0 KR82:0 MX52::a MY60:0:8 NG234:0 NL31:0:9 " +
  "NO47::8 NZ64:0 PH63:0:9 PK92:0:89ac:a:3 PL48::79 PT351 SA966:0 SE46:0:789 SG65::8 " +
  "TH66:0:9 TR90:0:a US1:1 VN84:0:9 ZA27:0:9:679:12345678";

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
  /**
   * The country of numbers written in national form (without `+` or an international prefix):
   * upper case, as `CountryCode` says; `toE164` throws a `TypeError` for any other value.
   */
  defaultCountry?: CountryCode | undefined;
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

/**
 * Whether a value is a `CountryCode`: an upper-case ISO 3166-1 alpha-2 code of a country that
 * `toE164` knows. Lets a caller check a `defaultCountry` before using it (`toE164` throws a
 * `TypeError` for any other).
 *
 * @example
 * isCountryCode("AU"); // true
 * isCountryCode("au"); // false
 * isCountryCode("XX"); // false
 */
export function isCountryCode(value: unknown): value is CountryCode {
  return typeof value === "string" && /^[A-Z]{2}$/.test(value) && COUNTRIES.includes(value);
}

/**
 * Normalises a phone number to E.164.
 *
 * Spaces, dots, dashes and parentheses are dropped. International numbers start with `+`, `00`,
 * `0011` (Australia) or `011` (US and Canada; only with no defaultCountry or a NANP one, since
 * elsewhere 011 is a national area code); a `(0)` after `+` and the country code is dropped.
 * Other numbers are national: they get the defaultCountry's calling code, minus its trunk prefix
 * (`0` in most countries, `1` in the US and Canada). As libphonenumber does, digits that start with
 * the defaultCountry's calling code are taken as international when, read nationally, they cannot
 * be a number of that country (no national number starts with those digits or has their length:
 * `64 21 234 567` with `NZ` is `+6421234567`), or when what follows (less a trunk prefix) is a mobile
 * number of that country and the whole digits are not: `61421000004` with `AU` is `+61421000004`.
 * Without number ranges, digits that can be either stay national (`4930 1234567` with `DE` is
 * `+4949301234567`); the number's length is otherwise only checked against E.164's 7 to 15 digits.
 *
 * @throws {PhoneNumberError} for letters or other characters, a length outside 7–15 digits,
 * a national number without defaultCountry, or a country code that starts with 0.
 * @throws {TypeError} for a defaultCountry that is not a `CountryCode` (see `isCountryCode`).
 * @example
 * toE164("0421 111 111", { defaultCountry: "AU" }); // "+61421111111"
 * toE164("61 421 111 111", { defaultCountry: "AU" }); // "+61421111111"
 * toE164("(415) 555-2671", { defaultCountry: "US" }); // "+14155552671"
 * toE164("0064 21 123 4567"); // "+64211234567"
 */
export function toE164(input: string, options: ToE164Options = {}): string {
  const fail = (code: PhoneNumberErrorCode, rule: string): PhoneNumberError =>
    new PhoneNumberError(code, `${JSON.stringify(input)}: ${rule}`);
  const { defaultCountry } = options;
  if (defaultCountry !== undefined && !isCountryCode(defaultCountry)) {
    throw new TypeError(
      `defaultCountry must be one of ${COUNTRIES.replace(/[^A-Z ]/g, "")}, got ${JSON.stringify(defaultCountry)}`,
    );
  }
  let text = input.trim();
  const plus = text.startsWith("+");
  if (plus) text = text.slice(1).replace(/^([\d\s.()-]+?)\s*\(0\)/, "$1");
  if (/[^\d\s.()-]/.test(text)) {
    throw fail(
      "invalid_characters",
      "only digits, spaces, dots, dashes, parentheses and a leading + are allowed",
    );
  }
  let digits = text.replace(/\D/g, "");
  if (digits === "") throw fail("too_short", "a phone number needs digits");
  if (!plus) {
    const [code = "", trunk = "", codeLengths = "", lengths = "", leading = ""] = defaultCountry
      ? (COUNTRIES.split(defaultCountry)[1]?.split(" ")[0]?.split(":") ?? [])
      : [];
    const prefix =
      /^00(?:11)?/.exec(digits)?.[0] ??
      (code === "" || code === "1" ? /^011/.exec(digits)?.[0] : "");
    if (prefix) {
      digits = digits.slice(prefix.length);
    } else if (code === "") {
      throw fail("no_country", "a national number needs defaultCountry");
    } else {
      const national = (n: string): string => (n.startsWith(trunk) ? n.slice(trunk.length) : n);
      const length = (n: string, list: string): boolean => list.includes(n.length.toString(36));
      const mobile = (n: string): boolean => length(n, lengths) && leading.includes(n.charAt(0));
      const rest = national(digits.slice(code.length));
      digits =
        code +
        (digits.startsWith(code) &&
        !mobile(digits) &&
        (!length(digits, codeLengths) || mobile(rest))
          ? rest
          : national(digits));
    }
  }
  if (digits.startsWith("0")) throw fail("unknown_country", "a country code cannot start with 0");
  if (digits.length < 7) throw fail("too_short", "E.164 needs at least 7 digits after +");
  if (digits.length > 15) throw fail("too_long", "E.164 allows at most 15 digits after +");
  return `+${digits}`;
}
