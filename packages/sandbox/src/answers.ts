/** The sandbox's JSON answers, each remembered (by its Response) for the request log. */

/** The body of each JSON answer the app made, so recording a request never re-reads it. */
const ANSWERS = new WeakMap<Response, unknown>();

/** A JSON answer, remembered for the request log. */
export function jsonAnswer(status: number, body: unknown, headers: Headers): Response {
  const response = new Response(JSON.stringify(body), { status, headers });
  ANSWERS.set(response, body);
  return response;
}

/** The body of an answer the app made, if it made it. */
export function answerOf(response: Response): unknown {
  return ANSWERS.get(response);
}

/** The header naming what the sandbox ignored in a request. */
export const WARNING_HEADER = "X-Sandbox-Warning";

/** A JSON answer with the wire's content type, and the warning header when there is one. */
export function json(status: number, body: unknown, warning?: string): Response {
  const headers = new Headers({ "Content-Type": "application/json; charset=utf-8" });
  if (warning !== undefined) headers.set(WARNING_HEADER, warning);
  return jsonAnswer(status, body, headers);
}
