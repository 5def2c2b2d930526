import { type ApiModel, deref, type OperationModel, type Spec } from "@bestsms/spec-model";
import { operationIdUnion } from "../naming.js";

/** Orders paths so a literal segment comes before a `{parameter}` in the same place. */
function specificity(a: OperationModel, b: OperationModel): number {
  const as = a.path.split("/");
  const bs = b.path.split("/");
  for (let i = 0; i < Math.min(as.length, bs.length); i++) {
    const ap = (as[i] as string).startsWith("{");
    const bp = (bs[i] as string).startsWith("{");
    if (ap !== bp) return ap ? 1 : -1;
  }
  return 0;
}

/**
 * The server side of the operation table, for the sandbox: every operation's method and path
 * (literal segments first, as OpenAPI matches them), its query parameters (and which are
 * integers, since query strings arrive as text) and whether it takes a JSON body.
 */
export function emitRoutes(spec: Spec, model: ApiModel): string {
  const routes = [...model.operations].sort(specificity).map((op) => {
    const query = op.params.filter((p) => p.in === "query");
    const integers = query
      .filter((p) => deref(spec, p.schema).type === "integer")
      .map((p) => p.wire);
    return `  { id: ${JSON.stringify(op.id)}, method: ${JSON.stringify(op.method.toUpperCase())}, path: ${JSON.stringify(op.path)}, query: ${JSON.stringify(query.map((p) => p.wire))}, integerQuery: ${JSON.stringify(integers)}, body: ${op.body !== undefined} },`;
  });
  return [
    operationIdUnion(model.operations.map((op) => op.id)),
    "",
    "/** How one operation arrives at a server. */",
    "export interface Route {",
    "  readonly id: OperationId;",
    '  readonly method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";',
    "  /** The spec's path, `{Name}` for a parameter. */",
    "  readonly path: string;",
    "  /** Query parameters, by wire name. */",
    "  readonly query: readonly string[];",
    "  /** The query parameters whose schema is an integer. */",
    "  readonly integerQuery: readonly string[];",
    "  /** Whether it takes a JSON body. */",
    "  readonly body: boolean;",
    "}",
    "",
    "/** Every operation, literal path segments before parameters (`/contact/list` before `/contact/{ContactID}`). */",
    `export const routes: readonly Route[] = [\n${routes.join("\n")}\n];`,
    "",
  ].join("\n");
}
