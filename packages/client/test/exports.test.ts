/// <reference types="node" />
// The public surface: what `src/index.ts` exports at run time (a change here is a visible diff),
// and one resource method plus one standalone function for every operation of the spec.
import { describe, expect, it } from "vitest";
import * as mod from "../src/index.js";
import { specOperations } from "./helpers/spec-server.js";

const operations = specOperations();

function functionName(operationId: string): string {
  return operationId
    .split(".")
    .map((part, i) => (i === 0 ? part : part.charAt(0).toUpperCase() + part.slice(1)))
    .join("");
}

function isPaged(op: (typeof operations)[number]): boolean {
  return op.params.some((p) => p.in === "query" && p.name === "page");
}

function lookup(root: unknown, path: readonly string[]): unknown {
  let node = root;
  for (const key of path) {
    node =
      node !== null && typeof node === "object"
        ? (node as Record<string, unknown>)[key]
        : undefined;
  }
  return node;
}

describe("exports of src/index.ts", () => {
  it("are these, at run time", () => {
    expect(Object.keys(mod).sort()).toMatchInlineSnapshot(`
      [
        "AbortError",
        "ApiError",
        "AuthenticationError",
        "BestSMS",
        "BestSMSCore",
        "BestSMSError",
        "ConnectionError",
        "NotFoundError",
        "RateLimitError",
        "TimeoutError",
        "VERSION",
        "ValidationError",
        "actionsAbortSendRequest",
        "actionsPacingSendRequest",
        "actionsRescheduleSendRequest",
        "actionsResubmitSendRequest",
        "addressbookContactCreate",
        "addressbookContactDelete",
        "addressbookContactDetail",
        "addressbookContactGroupCreate",
        "addressbookContactGroupDelete",
        "addressbookContactGroupDetail",
        "addressbookContactGroupList",
        "addressbookContactGroupListAll",
        "addressbookContactList",
        "addressbookContactListAll",
        "addressbookContactUpdate",
        "addressbookGroupContactCreate",
        "addressbookGroupContactDelete",
        "addressbookGroupContactDetail",
        "addressbookGroupContactList",
        "addressbookGroupContactListAll",
        "addressbookGroupCreate",
        "addressbookGroupDelete",
        "addressbookGroupDetail",
        "addressbookGroupList",
        "addressbookGroupListAll",
        "addressbookGroupUpdate",
        "apiVersion",
        "clientFromEnv",
        "defaultBaseUrl",
        "isFinalStatus",
        "messagingSmsSendMessage",
        "rawClient",
        "reportsSmsReceivedPoll",
        "reportsSmsReceivedPollAll",
        "reportsSmsReplyPoll",
        "reportsSmsReplyPollAll",
        "reportsStatusPoll",
        "reportsStatusPollAll",
      ]
    `);
  });

  it("every export is defined", () => {
    for (const [name, value] of Object.entries(mod)) expect(value, name).toBeDefined();
  });
});

describe("every operation of the spec", () => {
  it("there are 26", () => {
    expect(operations).toHaveLength(26);
  });

  it.each(operations.map((op) => [op.operationId, op] as const))(
    "%s: a resource method and a standalone function (and their paged forms)",
    (operationId, op) => {
      const client = new mod.BestSMS({ authToken: "t" });
      const path = operationId.split(".");
      expect(typeof lookup(client, path)).toBe("function");
      const fn = (mod as Record<string, unknown>)[functionName(operationId)];
      expect(typeof fn).toBe("function");
      const leaf = path[path.length - 1] ?? "";
      const allPath = [...path.slice(0, -1), `${leaf}All`];
      if (isPaged(op)) {
        expect(typeof lookup(client, allPath)).toBe("function");
        expect(typeof (mod as Record<string, unknown>)[`${functionName(operationId)}All`]).toBe(
          "function",
        );
      } else {
        expect(lookup(client, allPath)).toBeUndefined();
      }
    },
  );

  it("the resource tree has nothing else but waitFor and estimate", () => {
    const client = new mod.BestSMS({ authToken: "t" });
    const methods: string[] = [];
    const walk = (node: unknown, at: string[]): void => {
      for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
        if (typeof value === "function") methods.push([...at, key].join("."));
        else if (value !== null && typeof value === "object") walk(value, [...at, key]);
      }
    };
    for (const root of ["messaging", "actions", "reports", "addressbook"]) {
      walk((client as unknown as Record<string, unknown>)[root], [root]);
    }
    const expected = operations.flatMap((op) =>
      isPaged(op)
        ? [op.operationId, op.operationId.replace(/\.(\w+)$/, ".$1All")]
        : [op.operationId],
    );
    expect(methods.sort()).toEqual(
      [...expected, "messaging.sms.estimate", "reports.status.waitFor"].sort(),
    );
  });

  it("apiVersion and defaultBaseUrl follow the spec", () => {
    expect(mod.apiVersion).toBe("2.04");
    expect(mod.defaultBaseUrl).toBe("https://api.bestsms.au/api/v2.04");
  });
});
