export type { Gsm7Change, Gsm7Result } from "./gsm7.js";
export { toGsm7 } from "./gsm7.js";
export type { MissingMergeFields } from "./merge-fields.js";
export { mergeFields, missingMergeFields, SERVICE_MERGE_FIELDS } from "./merge-fields.js";
export type { CountryCode, PhoneNumberErrorCode, ToE164Options } from "./phone.js";
export { isCountryCode, isE164, PhoneNumberError, toE164 } from "./phone.js";
export type { SmsEncoding, SmsSegments } from "./segments.js";
export { isGsm7, smsSegments } from "./segments.js";
