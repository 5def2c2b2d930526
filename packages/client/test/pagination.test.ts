/// <reference types="node" />
// listAll / pollAll: items page after page until PageCount, from the page asked for; stops on an
// empty page; honours the caller's signal; an error on a later page ends the iteration.
import { describe, expect, it } from "vitest";
import {
  AbortError,
  ApiError,
  addressbookContactListAll,
  addressbookGroupContactListAll,
  reportsSmsReceivedPollAll,
} from "../src/index.js";
import { CONTACT_ID, GROUP_ID, MESSAGE_ID, useHarness } from "./helpers/harness.js";
import type { RecordedRequest } from "./helpers/spec-server.js";

const h = useHarness();

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

function pageOf(request: RecordedRequest): number {
  return Number(request.query.page ?? "1");
}

/**
 * Answers a paged list: `pages[n - 1]` holds the ids of page n; each item is the spec's example
 * item with its id replaced.
 */
function servePages(
  operationId: string,
  list: string,
  idField: string,
  pages: readonly (readonly string[])[],
  /** null: the answer has no PageCount. */
  pageCount: number | null = pages.length,
): void {
  const example = h.server.operation(operationId).example;
  const template = (example[list] as Record<string, unknown>[])[0];
  h.server.handle((request) => {
    if (request.operationId !== operationId) return undefined;
    const page = pageOf(request);
    const ids = pages[page - 1] ?? [];
    return {
      json: {
        ...example,
        Page: page,
        PageCount: pageCount ?? undefined,
        TotalRecords: pages.flat().length,
        [list]: ids.map((id) => ({ ...template, [idField]: id })),
      },
    };
  });
}

function ids(items: readonly unknown[], field: string): unknown[] {
  return items.map((item) => (item as Record<string, unknown>)[field]);
}

describe("listAll", () => {
  it("yields every contact over three pages, in order, asking page 1, 2, 3", async () => {
    servePages("addressbook.contact.list", "Contacts", "ContactID", [
      ["c1", "c2"],
      ["c3", "c4"],
      ["c5"],
    ]);
    const contacts = await collect(h.client().addressbook.contact.listAll({ RecordsPerPage: 2 }));
    expect(ids(contacts, "ContactID")).toEqual(["c1", "c2", "c3", "c4", "c5"]);
    expect(h.server.requests.map((r) => r.query)).toEqual([
      { recordsPerPage: "2", page: "1" },
      { recordsPerPage: "2", page: "2" },
      { recordsPerPage: "2", page: "3" },
    ]);
    expect(h.server.requests.every((r) => r.problems.length === 0)).toBe(true);
    expect(contacts[0]).toMatchObject({ FirstName: "Person first name", ViewBy: "Account" });
  });

  it("takes no input at all", async () => {
    servePages("addressbook.contact.list", "Contacts", "ContactID", [["c1"], ["c2"]]);
    const contacts = await collect(h.client().addressbook.contact.listAll());
    expect(ids(contacts, "ContactID")).toEqual(["c1", "c2"]);
  });

  it("starts at the Page given", async () => {
    servePages("addressbook.group.list", "Groups", "GroupID", [["g1"], ["g2"], ["g3"], ["g4"]]);
    const groups = await collect(h.client().addressbook.group.listAll({ Page: 3 }));
    expect(ids(groups, "GroupID")).toEqual(["g3", "g4"]);
    expect(h.server.requests.map(pageOf)).toEqual([3, 4]);
  });

  it("stops on an empty page even when PageCount says there are more", async () => {
    servePages("addressbook.group.list", "Groups", "GroupID", [["g1"], []], 5);
    const groups = await collect(h.client().addressbook.group.listAll());
    expect(ids(groups, "GroupID")).toEqual(["g1"]);
    expect(h.server.requests.map(pageOf)).toEqual([1, 2]);
  });

  it("stops after one page when the answer has no PageCount", async () => {
    servePages("addressbook.group.list", "Groups", "GroupID", [["g1"], ["g2"]], null);
    const groups = await collect(h.client().addressbook.group.listAll());
    expect(ids(groups, "GroupID")).toEqual(["g1"]);
    expect(h.server.requests).toHaveLength(1);
  });

  it("a contact's groups and a group's contacts, by the owner's id", async () => {
    servePages("addressbook.contactGroup.list", "Groups", "GroupID", [["g1"], ["g2"]]);
    const groups = await collect(
      h.client().addressbook.contactGroup.listAll({ ContactID: CONTACT_ID }),
    );
    expect(ids(groups, "GroupID")).toEqual(["g1", "g2"]);
    expect(h.server.requests.map((r) => r.path)).toEqual([
      `/addressbook/contact/${CONTACT_ID}/group/list`,
      `/addressbook/contact/${CONTACT_ID}/group/list`,
    ]);
    h.server.reset();
    servePages("addressbook.groupContact.list", "Contacts", "ContactID", [["c1"], ["c2"], ["c3"]]);
    const contacts = await collect(
      h.client().addressbook.groupContact.listAll({ GroupID: GROUP_ID }),
    );
    expect(ids(contacts, "ContactID")).toEqual(["c1", "c2", "c3"]);
  });

  it("through the standalone functions", async () => {
    servePages("addressbook.contact.list", "Contacts", "ContactID", [["c1"], ["c2"]]);
    expect(ids(await collect(addressbookContactListAll(h.core(), {})), "ContactID")).toEqual([
      "c1",
      "c2",
    ]);
    h.server.reset();
    servePages("addressbook.groupContact.list", "Contacts", "ContactID", [["c9"]]);
    const contacts = await collect(addressbookGroupContactListAll(h.core(), { GroupID: GROUP_ID }));
    expect(ids(contacts, "ContactID")).toEqual(["c9"]);
  });

  it("asks for nothing until iterated, and no more than the consumer takes", async () => {
    servePages("addressbook.contact.list", "Contacts", "ContactID", [["c1", "c2"], ["c3"], ["c4"]]);
    const iterable = h.client().addressbook.contact.listAll();
    expect(h.server.requests).toHaveLength(0);
    for await (const contact of iterable) {
      expect(contact.ContactID).toBe("c1");
      break;
    }
    expect(h.server.requests).toHaveLength(1);
  });

  it("stops when aborted mid-way: AbortError, no further request", async () => {
    servePages("addressbook.contact.list", "Contacts", "ContactID", [
      ["c1", "c2"],
      ["c3", "c4"],
      ["c5"],
    ]);
    const controller = new AbortController();
    const seen: unknown[] = [];
    const error = await (async () => {
      for await (const contact of h
        .client()
        .addressbook.contact.listAll({}, { signal: controller.signal })) {
        seen.push(contact.ContactID);
        if (contact.ContactID === "c3") controller.abort();
      }
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect(seen).toEqual(["c1", "c2", "c3", "c4"]);
    expect(h.server.requests.map(pageOf)).toEqual([1, 2]);
  });

  it("an error on a later page ends the iteration with that error", async () => {
    servePages("addressbook.contact.list", "Contacts", "ContactID", [["c1"], ["c2"], ["c3"]]);
    h.server.enqueue(
      { json: { Result: "Success", Page: 1, PageCount: 3, Contacts: [{ ContactID: "c1" }] } },
      { status: 404, json: { Result: "RecordNotFound", ErrorMessage: "No page 2" } },
    );
    const seen: unknown[] = [];
    const error = await (async () => {
      for await (const contact of h.client().addressbook.contact.listAll())
        seen.push(contact.ContactID);
    })().catch((e: unknown) => e);
    expect(seen).toEqual(["c1"]);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 404, operationId: "addressbook.contact.list" });
  });

  it("checks its input before the first request", async () => {
    const error = await collect(h.client().addressbook.contact.listAll({ Page: 0 })).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ name: "ValidationError" });
    expect(h.server.requests).toEqual([]);
  });
});

describe("pollAll", () => {
  it("status: every recipient of a message, page after page", async () => {
    servePages("reports.status.poll", "Recipients", "Destination", [
      ["+61421000001", "+61421000002"],
      ["+61421000003"],
    ]);
    const recipients = await collect(
      h.client().reports.status.pollAll({ MessageID: MESSAGE_ID, RecordsPerPage: 2 }),
    );
    expect(ids(recipients, "Destination")).toEqual([
      "+61421000001",
      "+61421000002",
      "+61421000003",
    ]);
    expect(h.server.requests.map((r) => [r.path, r.query])).toEqual([
      [`/get/status/${MESSAGE_ID}`, { recordsPerPage: "2", page: "1" }],
      [`/get/status/${MESSAGE_ID}`, { recordsPerPage: "2", page: "2" }],
    ]);
  });

  it("smsReceived: the Messages of every page, with the time frame on each request", async () => {
    servePages("reports.smsReceived.poll", "Messages", "ReceivedID", [["r1"], ["r2"], ["r3"]]);
    const messages = await collect(
      h.client().reports.smsReceived.pollAll({
        DateFrom: "2025-08-01 00:00:00",
        DateTo: "2025-08-31 23:59:59",
      }),
    );
    expect(ids(messages, "ReceivedID")).toEqual(["r1", "r2", "r3"]);
    expect(h.server.requests.map((r) => r.query)).toEqual(
      [1, 2, 3].map((page) => ({
        dateFrom: "2025-08-01 00:00:00",
        dateTo: "2025-08-31 23:59:59",
        page: String(page),
      })),
    );
  });

  it("smsReceived through the standalone function, with TimePeriod", async () => {
    servePages("reports.smsReceived.poll", "Messages", "ReceivedID", [["r1"], ["r2"]]);
    const messages = await collect(reportsSmsReceivedPollAll(h.core(), { TimePeriod: 1440 }));
    expect(ids(messages, "ReceivedID")).toEqual(["r1", "r2"]);
    expect(h.server.requests.map((r) => r.query.timePeriod)).toEqual(["1440", "1440"]);
  });

  it("smsReply: every recipient with its replies", async () => {
    servePages("reports.smsReply.poll", "Recipients", "Destination", [
      ["+61421000001"],
      ["+61421000002"],
    ]);
    const recipients = await collect(
      h.client().reports.smsReply.pollAll({ MessageID: MESSAGE_ID }),
    );
    expect(ids(recipients, "Destination")).toEqual(["+61421000001", "+61421000002"]);
    expect(recipients[0]).toMatchObject({
      MessageText: "This is an outbound message sent via API.",
      SMSReplies: [
        expect.objectContaining({ MessageText: "This is a reply back from the mobile phone." }),
      ],
    });
  });
});
