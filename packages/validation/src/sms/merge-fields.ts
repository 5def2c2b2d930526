/**
 * Merge fields the service fills itself in every message, so a recipient never lacks them:
 * `Reply` is a link for replying to the message.
 */
export const SERVICE_MERGE_FIELDS: readonly ["Reply"] = ["Reply"];

// A field name is ASCII letters, digits, underscores and single inner spaces, starting with a
// letter: [[Company]], [[First Name]], [[Custom1]]. Anything else in brackets is literal text.
const FIELD = /\[\[([A-Za-z][A-Za-z0-9_]*(?: [A-Za-z0-9_]+)*)\]\]/g;

/**
 * The `[[Field]]` merge fields of a message text, each once, in order of first appearance.
 * Names are as written (case-sensitive): ASCII letters, digits and underscores, starting with a
 * letter, with single spaces between words; `[[ Company ]]` or `[[a.b]]` are not fields.
 *
 * @example
 * mergeFields("Hi [[First Name]] at [[Company]], [[First Name]]!"); // ["First Name", "Company"]
 */
export function mergeFields(text: string): string[] {
  const names = new Set<string>();
  for (const match of text.matchAll(FIELD)) if (match[1] !== undefined) names.add(match[1]);
  return [...names];
}

// The API takes "First Name"/"Last Name" and the wire names FirstName/LastName alike.
function canonical(name: string): string {
  return name === "First Name" || name === "Last Name" ? name.replace(" ", "") : name;
}

/** A recipient of {@link missingMergeFields} lacking values, by its position in the list. */
export interface MissingMergeFields {
  /** Position in the recipients array, from 0. */
  index: number;
  /** Field names as written in the text. */
  missing: string[];
}

/**
 * The merge fields of `text` that each recipient does not supply, for the recipients that lack
 * any; an empty array means every message can be filled.
 *
 * A bare number supplies no fields; an object supplies the keys whose value is a non-empty
 * string ("First Name" and FirstName count as the same field, as do "Last Name" and LastName).
 * Address-book destinations (`{ ContactID }`, `{ GroupID }`) are filled by the service and
 * skipped, and {@link SERVICE_MERGE_FIELDS} are never missing.
 *
 * @example
 * missingMergeFields("Hi [[Attention]] at [[Company]]", [
 *   "+61421000001",
 *   { Recipient: "+61421000002", Attention: "John Doe", Company: "Example Corp" },
 *   { GroupID: "4000000b-f002-4007-b00a-c00000000001" },
 * ]); // [{ index: 0, missing: ["Attention", "Company"] }]
 */
export function missingMergeFields(
  text: string,
  recipients: ReadonlyArray<string | Record<string, unknown>>,
): MissingMergeFields[] {
  const service: readonly string[] = SERVICE_MERGE_FIELDS;
  const fields = mergeFields(text).filter((name) => !service.includes(name));
  const result: MissingMergeFields[] = [];
  if (fields.length === 0) return result;
  recipients.forEach((recipient, index) => {
    const supplied = new Set<string>();
    if (typeof recipient !== "string") {
      const fromBook = "ContactID" in recipient || "GroupID" in recipient;
      if (fromBook && !("Recipient" in recipient)) return;
      for (const [key, value] of Object.entries(recipient)) {
        if (typeof value === "string" && value !== "") supplied.add(canonical(key));
      }
    }
    const missing = fields.filter((name) => !supplied.has(canonical(name)));
    if (missing.length > 0) result.push({ index, missing });
  });
  return result;
}
