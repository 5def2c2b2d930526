import { apiErrorFor } from "../errors.js";
import type { HttpResult } from "./http.js";
import { addOutputAliases } from "./output.js";
import { retryAfterMs } from "./retry.js";
import type { ClientState } from "./state.js";
import type { OperationSpec } from "./types.js";

function errorMessages(value: unknown): string[] {
  if (typeof value === "string") return value.trim() === "" ? [] : [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
  return [];
}

/** Response body → the wire's output (ErrorMessage always a list), or the error it stands for. */
export function readResponse(
  state: ClientState,
  spec: OperationSpec,
  { status, headers, text, requestId }: HttpResult,
): Record<string, unknown> {
  let body: unknown;
  let parsed = true;
  try {
    body = text.trim() === "" ? undefined : JSON.parse(text);
  } catch {
    parsed = false;
  }
  const isObject = body !== null && typeof body === "object" && !Array.isArray(body);
  const record = isObject ? (body as Record<string, unknown>) : {};
  const result = typeof record.Result === "string" ? state.redact(record.Result) : undefined;
  const messages = errorMessages(record.ErrorMessage).map(state.redact);
  const bodyExcerpt = isObject ? undefined : state.redact(text).slice(0, 200);
  const excerpt =
    bodyExcerpt && bodyExcerpt.trim() !== ""
      ? `: ${JSON.stringify(bodyExcerpt.replace(/\s+/g, " ").trim())}`
      : "";
  const said = messages.length > 0 ? `: ${messages.join("; ")}` : excerpt;
  let message: string | undefined;
  if (status >= 400) {
    const hint = status === 401 ? (state.authHint?.(state) ?? "") : "";
    message = `${spec.id}: HTTP ${status}${result ? ` ${result}` : ""}${said}${hint}`;
  } else if (!parsed || !isObject) {
    message = `${spec.id}: HTTP ${status} with a body that is not a JSON object (${headers.get("content-type") ?? "no content type"})${excerpt}`;
  } else if (result !== "Success") {
    const hint = result === "Unauthorized" ? (state.authHint?.(state) ?? "") : "";
    message = `${spec.id}: Result ${result ?? "missing"}${said}${hint}`;
  }
  if (message !== undefined) {
    // Made only for an error: a success does not pay for the copy of the headers.
    throw apiErrorFor(message, {
      operationId: spec.id,
      status,
      result,
      errorMessages: messages,
      bodyExcerpt,
      // A copy, the token redacted wherever a server echoed it.
      headers: new Headers(
        [...headers].map(([name, value]): [string, string] => [name, state.redact(value)]),
      ),
      requestId,
      retryAfterMs: retryAfterMs(headers.get("retry-after"), state.http.clock),
    });
  }
  const output = { ...record, ErrorMessage: messages };
  addOutputAliases(output, spec.output);
  return output;
}
