// Every case of the suite, in the order the runners run them.
import type { ConformanceCase } from "../context.ts";
import { failureCases } from "./failures.ts";
import { messagingCases } from "./messaging.ts";
import { runtimePackageCases } from "./runtime-package.ts";
import { webhookCases } from "./webhooks.ts";

export const cases: ConformanceCase[] = [
  ...messagingCases,
  ...webhookCases,
  ...failureCases,
  ...runtimePackageCases,
];
