import { WebhookParseError } from "../webhook-parse-error.js";

/** The top-level members of a JSON object body, read without ever assigning them anywhere. */
export function jsonEntries(text: string): Array<[string, unknown]> {
  refuseNesting(text);
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch {
    // The engine's message quotes the body, so it is not kept.
    throw new WebhookParseError("invalid_json");
  }
  // Arrays were refused above; strings, numbers and null are left.
  if (typeof root !== "object" || root === null) throw new WebhookParseError("invalid_root");
  // JSON.parse makes `__proto__` an own data property, so this reads it without side effects.
  return Object.entries(root);
}

/**
 * The payload is one flat object, so an array anywhere, or an object inside it, is refused
 * here, in one pass outside strings, before JSON.parse would build 10^5 levels of a hostile body.
 */
function refuseNesting(text: string): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === "\\") i++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === "}") depth--;
    else if (char === "[" || (char === "{" && depth++)) {
      throw new WebhookParseError(depth ? "invalid_field" : "invalid_root");
    }
  }
}
