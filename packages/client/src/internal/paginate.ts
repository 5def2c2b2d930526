import { BestSMSError } from "../errors.js";
import { callOperation } from "./call.js";
import type { OperationSpec, RequestOptions } from "./types.js";

/** Every item of a paged list operation, page after page, until `PageCount`. */
export async function* paginate(
  client: object,
  spec: OperationSpec,
  input: unknown,
  options: RequestOptions = {},
): AsyncGenerator<unknown, void, undefined> {
  const list = spec.list;
  const pageParam = spec.queryParams.find((p) => p.wire === "page");
  if (!list || !pageParam) throw new BestSMSError(`${spec.id} is not a paged list`);
  const base = { ...((input ?? {}) as Record<string, unknown>) };
  const pageName = pageParam.names.find((name) => base[name] !== undefined) ?? pageParam.names[0];
  let page = Number(base[pageName as string] ?? 1);
  for (;;) {
    const response = await callOperation(
      client,
      spec,
      { ...base, [pageName as string]: page },
      options,
    );
    const items = response[list.items];
    const batch = Array.isArray(items) ? items : [];
    yield* batch;
    const pageCount = Number(response.PageCount ?? 0);
    if (batch.length === 0 || !(page < pageCount)) return;
    page++;
  }
}
