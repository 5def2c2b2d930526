import { operationTable, type Resources } from "./generated/operations.gen.js";
import { callOperation } from "./internal/call.js";
import { paginate } from "./internal/paginate.js";
import type { RequestOptions } from "./operation-spec.js";
import type { SmsExtras } from "./sms.js";
import type { StatusExtras } from "./wait-for.js";

/**
 * The generated resource tree with the client's additions: `reports.status.waitFor`,
 * `messaging.sms.estimate`.
 * (`reports` and `status` are declared once here, so each keeps one doc comment.)
 */
export type ResourceTree = Omit<Resources, "reports" | "messaging"> & {
  /** {@inheritDoc Resources.messaging} */
  readonly messaging: Omit<Resources["messaging"], "sms"> & {
    /** {@inheritDoc Resources.messaging.sms} */
    readonly sms: Resources["messaging"]["sms"] & SmsExtras;
  };
  /** {@inheritDoc Resources.reports} */
  readonly reports: Omit<Resources["reports"], "status"> & {
    /** {@inheritDoc Resources.reports.status} */
    readonly status: Resources["reports"]["status"] & StatusExtras;
  };
};

type Method = (input?: unknown, options?: RequestOptions) => unknown;

/** Builds the resource tree from the generated operation table. */
export function buildResources(client: object): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const spec of Object.values(operationTable)) {
    const segments = spec.id.split(".");
    const leaf = segments.pop() as string;
    let node = root;
    for (const segment of segments) {
      node[segment] ??= {};
      node = node[segment] as Record<string, unknown>;
    }
    const call: Method = (input, options) => callOperation(client, spec, input, options);
    node[leaf] = call;
    if (spec.list) {
      const all: Method = (input, options) => paginate(client, spec, input, options);
      node[`${leaf}All`] = all;
    }
  }
  return root;
}
