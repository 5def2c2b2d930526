/**
 * Filling `[[Field]]` merge fields per recipient, as the service does.
 *
 * Known fields: `Attention`, `Company`, `FirstName` (or `First Name`), `LastName` (or
 * `Last Name`), `Custom1` … `Custom9`, and `Reply` (a link for replying to the message). A known
 * field without a value becomes empty; any other `[[...]]` is left as it is.
 */

/** The values a recipient fills merge fields with, by wire name. */
export interface MergeValues {
  readonly Attention: string;
  readonly Company: string;
  readonly FirstName: string;
  readonly LastName: string;
  /** Custom1 … Custom9, in order (index 0 is Custom1). */
  readonly Custom: readonly string[];
}

// The same field-name shape as @bestsms/validation's mergeFields: letters, digits, underscores
// and single inner spaces, starting with a letter.
const FIELD = /\[\[([A-Za-z][A-Za-z0-9_]*(?: [A-Za-z0-9_]+)*)\]\]/g;

function fieldValue(name: string, values: MergeValues, replyLink: string): string | undefined {
  switch (name) {
    case "Attention":
    case "Company":
    case "FirstName":
    case "LastName":
      return values[name];
    case "First Name":
      return values.FirstName;
    case "Last Name":
      return values.LastName;
    case "Reply":
      return replyLink;
    default: {
      const custom = /^Custom([1-9])$/.exec(name);
      return custom ? (values.Custom[Number(custom[1]) - 1] ?? "") : undefined;
    }
  }
}

/** The text with every known merge field replaced by the recipient's value. */
export function fillMergeFields(text: string, values: MergeValues, replyLink: string): string {
  return text.replace(FIELD, (whole, name: string) => fieldValue(name, values, replyLink) ?? whole);
}
