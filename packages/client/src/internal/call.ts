import { ValidationError } from "../errors.js";
import { checkNumber } from "../options.js";
import { send } from "./http.js";
import { readResponse } from "./response.js";
import { stateOf } from "./state.js";
import type { OperationSpec, RequestOptions } from "./types.js";
import { toInputIssue, toWireRequest } from "./wire.js";

/** Runs one operation: checks the input, sends it with the retry policy, reads the answer. */
export async function callOperation(
  client: object,
  spec: OperationSpec,
  input: unknown,
  options: RequestOptions = {},
): Promise<Record<string, unknown>> {
  const state = stateOf(client);
  const validators = Object.hasOwn(state.validators, spec.id)
    ? state.validators[spec.id]
    : undefined;
  checkNumber("timeoutMs", options.timeoutMs, 1);
  checkNumber("maxRetries", options.maxRetries, 0);
  const request = toWireRequest(spec, input, state.randomUUID);
  const issues = [
    ...(validators?.params?.validate(request.params).issues ?? []).map((issue) =>
      toInputIssue(request, spec, issue, "params"),
    ),
    ...(request.body === undefined
      ? []
      : (validators?.body?.validate(request.body).issues ?? []).map((issue) =>
          toInputIssue(request, spec, issue, "body"),
        )),
  ];
  if (issues.length > 0) throw new ValidationError(spec.id, issues);

  const safe = spec.method !== "POST" || options.idempotent === true;
  const result = await send(state.http, {
    operationId: spec.id,
    method: spec.method,
    url: state.baseUrl + request.path + request.query,
    body: request.body === undefined ? undefined : JSON.stringify(request.body),
    headers: request.body === undefined ? undefined : { "content-type": "application/json" },
    retry: safe ? "safe" : "unsafe",
    timeoutMs: options.timeoutMs ?? state.timeoutMs,
    maxRetries: options.maxRetries ?? state.maxRetries,
    signal: options.signal,
  });
  return readResponse(state, spec, result.status, result.headers, result.text);
}
