/**
 * The API's routes: one per operation of the spec (the generated `routes`), each reading the
 * query and body as the service does (see tolerance.ts), validating them with the spec's
 * validators and answering with its handler.
 */
import { operationValidators } from "@bestsms/validation";
import type { Hono } from "hono";
import { json } from "./answers.js";
import { failed, type SandboxEngine } from "./engine.js";
import { routes } from "./generated/routes.gen.js";
import { HANDLERS } from "./handlers.js";
import { describeNames, readQuery, safeText, validateLeniently } from "./tolerance.js";
import type { WebhookQueue } from "./webhooks.js";

/** The operations the sandbox serves: operationId, method and the spec's path. */
export const SANDBOX_OPERATIONS: readonly {
  /** The spec's operationId, e.g. `messaging.sms.sendMessage`. */
  readonly id: string;
  /** The HTTP method, e.g. `POST`. */
  readonly method: string;
  /** The spec's path, e.g. `/send/sms` or `/get/status/{MessageID}`. */
  readonly path: string;
}[] = routes.map(({ id, method, path }) => ({ id, method, path }));

// http:// to a loopback host is accepted as a WebhookCallbackURL for local receivers.
const LOOPBACK_HTTP = /^http:\/\/(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])(?::\d+)?(?:[/?#]|$)/i;

/**
 * Whether a request to an operation without a body carries one anyway. Node's server adapter
 * drops the body of a GET, so its `Content-Length` counts too.
 */
async function carriesBody(request: Request): Promise<boolean> {
  const length = Number(request.headers.get("content-length") ?? "0");
  if (Number.isFinite(length) && length > 0) return true;
  return (await request.text()).trim() !== "";
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The body the validator sees: a loopback http WebhookCallbackURL is checked as if https. */
function forValidation(id: string, body: unknown): unknown {
  if (id !== "messaging.sms.sendMessage" || !isObject(body) || !isObject(body.MessageData)) {
    return body;
  }
  const url = body.MessageData.WebhookCallbackURL;
  if (typeof url !== "string" || !LOOPBACK_HTTP.test(url)) return body;
  return {
    ...body,
    MessageData: { ...body.MessageData, WebhookCallbackURL: `https:${url.slice("http:".length)}` },
  };
}

/** Send values the service reads in any letter case, and the case the spec writes them in. */
const CASE_INSENSITIVE: Readonly<Record<string, readonly string[]>> = {
  Mode: ["Test"],
  WebhookCallbackFormat: ["JSON", "XML"],
};

/**
 * A send body with `Mode` and `WebhookCallbackFormat` in the spec's case: the service takes
 * `test` or `json` as well (the reference SDK compares them upper-cased and sends them as given).
 */
function canonicalCase(id: string, body: unknown): unknown {
  if (id !== "messaging.sms.sendMessage" || !isObject(body) || !isObject(body.MessageData)) {
    return body;
  }
  const data: Record<string, unknown> = { ...body.MessageData };
  for (const [field, values] of Object.entries(CASE_INSENSITIVE)) {
    const given = data[field];
    if (typeof given !== "string") continue;
    const match = values.find((value) => value.toLowerCase() === given.toLowerCase());
    if (match !== undefined) data[field] = match;
  }
  return { ...body, MessageData: data };
}

/** What the routes work with. */
export interface OperationDeps {
  readonly engine: SandboxEngine;
  readonly webhooks: WebhookQueue;
  readonly authToken: string;
  readonly strict: boolean;
  readonly log: ((line: string) => void) | undefined;
}

/** Registers a route for every operation of the spec. */
export function mountOperations(app: Hono, deps: OperationDeps): void {
  const { engine, webhooks, authToken, strict, log } = deps;
  for (const operation of routes) {
    const honoPath = operation.path.replace(/\{(\w+)\}/g, ":$1");
    const integers = new Set(operation.integerQuery);
    app.on(operation.method, honoPath, async (c) => {
      engine.processDue();
      const params: Record<string, string> = { ...c.req.param() };
      const query: Record<string, unknown> = {};
      const found = readQuery(new URL(c.req.url).searchParams, operation.query);
      for (const [name, value] of found.values) {
        query[name] = integers.has(name) && /^-?\d+$/.test(value) ? Number(value) : value;
      }
      const ignored: string[] = [];
      if (found.unknown.length > 0) {
        ignored.push(`unknown query parameters: ${describeNames(found.unknown, authToken)}`);
      }
      let body: unknown = {};
      if (operation.body) {
        const text = await c.req.text();
        if (text.trim() !== "") {
          try {
            body = canonicalCase(operation.id, JSON.parse(text));
          } catch {
            return json(400, failed(["The body is not valid JSON"]).body);
          }
        }
      } else if (await carriesBody(c.req.raw)) {
        // The service reads no body here (tnzapi sends `{"HTTPMethod":"GET"}` on every call).
        ignored.push(`the body (${operation.method} ${operation.path} takes none)`);
      }
      const validators = operationValidators[operation.id];
      const bodyCheck = validators?.body;
      const checked = bodyCheck
        ? validateLeniently(
            body,
            (value) => bodyCheck.validate(forValidation(operation.id, value)).issues ?? [],
            !strict,
          )
        : { issues: [], ignored: [] };
      if (checked.ignored.length > 0) {
        ignored.push(`unknown fields: ${describeNames(checked.ignored, authToken)}`);
      }
      const warning = ignored.length > 0 ? `ignored ${ignored.join("; ")}` : undefined;
      if (warning !== undefined) {
        log?.(
          `bestsms-sandbox: ${c.req.method} ${safeText(new URL(c.req.url).pathname, authToken)}: ${warning}`,
        );
      }
      const issues = [
        ...(validators?.params?.validate({ ...params, ...query }).issues ?? []),
        ...checked.issues,
      ];
      if (issues.length > 0) return json(400, failed(issues.map((i) => i.message)).body, warning);

      const reply = HANDLERS[operation.id](engine, {
        params,
        query,
        body: isObject(body) ? body : {},
      });
      const started = webhooks.startDue();
      if (started.length > 0) {
        let context: { waitUntil(promise: Promise<unknown>): void } | undefined;
        try {
          context = c.executionCtx;
        } catch {
          context = undefined;
        }
        context?.waitUntil(Promise.all(started));
      }
      return json(reply.status, reply.body, warning);
    });
  }
}
