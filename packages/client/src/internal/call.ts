import { type InputIssue, ValidationError } from "../errors.js";
import { checkNumber, lowerHeaders } from "../options.js";
import { apiPromise } from "./api-promise.js";
import { send } from "./http.js";
import { readResponse } from "./response.js";
import { type ClientState, stateOf } from "./state.js";
import type { APIPromise, OperationSpec, RequestOptions, WithResponse } from "./types.js";
import { toInputIssue, toWireRequest, type WireRequest } from "./wire.js";

type Explain = NonNullable<ClientState["explain"]>;

let sequence = 0;
let prefix: string | undefined;

/**
 * An id for a call, unique in this process (a random prefix, a counter); the service's
 * `X-Request-Id` replaces it once there is one.
 */
export function newRequestId(): string {
  prefix ??= crypto.randomUUID().slice(0, 8);
  sequence++;
  return `req_${prefix}_${sequence.toString(36)}`;
}

async function run(
  client: object,
  spec: OperationSpec,
  input: unknown,
  options: RequestOptions,
): Promise<WithResponse<Record<string, unknown>>> {
  const state = stateOf(client);
  const validators = Object.hasOwn(state.validators, spec.id)
    ? state.validators[spec.id]
    : undefined;
  checkNumber("timeoutMs", options.timeoutMs, 1);
  checkNumber("maxRetries", options.maxRetries, 0);
  const explain = (issues: readonly InputIssue[]): ValidationError =>
    new ValidationError(
      spec.id,
      state.explain ? issues.map((issue) => (state.explain as Explain)(spec, issue)) : issues,
    );
  let request: WireRequest;
  try {
    request = toWireRequest(spec, input, state.randomUUID);
  } catch (error) {
    throw error instanceof ValidationError ? explain(error.issues) : error;
  }
  const valid =
    state.prepare &&
    request.inner !== undefined &&
    state.prepare(state, spec.id, request.inner, options.maxSegments);
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
  if (issues.length > 0) throw explain(issues);
  if (valid) valid();

  const safe = options.idempotent ?? spec.method !== "POST";
  const own = options.headers && lowerHeaders(options.headers);
  const requestId = newRequestId();
  const result = await send(state.http, {
    operationId: spec.id,
    method: spec.method,
    url: state.baseUrl + request.path + request.query,
    body: request.body === undefined ? undefined : JSON.stringify(request.body),
    headers: request.body === undefined ? own : { ...own, "content-type": "application/json" },
    retry: safe ? "safe" : "unsafe",
    timeoutMs: options.timeoutMs ?? state.timeoutMs,
    maxRetries: options.maxRetries ?? state.maxRetries,
    signal: options.signal,
    requestId,
  });
  const data = readResponse(state, spec, result);
  // Made when first asked for: a Response costs as much as the rest of a call.
  let response: Response | undefined;
  return {
    data,
    requestId: result.requestId,
    get response(): Response {
      // An empty body as null: a 204 or 304 may not have one.
      response ??= new Response(result.text || null, {
        status: result.status,
        headers: result.headers,
      });
      return response;
    },
  };
}

/**
 * Runs one operation: checks the input, sends it with the retry policy, reads the answer.
 * Awaited, the output; `.withResponse()` gives `{ data, response, requestId }`.
 */
export function callOperation(
  client: object,
  spec: OperationSpec,
  input: unknown,
  options: RequestOptions = {},
): APIPromise<Record<string, unknown>> {
  return apiPromise(run(client, spec, input, options));
}
