// Sending, acting on sent messages, polling their status and paging through lists.
import type { Assert } from "../assert.ts";
import type { ConformanceCase } from "../context.ts";
import {
  client,
  countingFetch,
  messageIdOf,
  newContact,
  newGroup,
  sendOne,
  sendTimeIn,
  uid,
} from "../fixtures.ts";

export const messagingCases: ConformanceCase[] = [
  {
    name: "send to numbers, a recipient with merge fields, a group and a contact",
    async run(ctx) {
      const a: Assert = ctx.assert;
      const api = client(ctx);
      const groupId = await newGroup(api, a);
      const memberId = await newContact(api, a, "Grace", "+61421000005");
      await api.addressbook.groupContact.create({ GroupID: groupId, ContactID: memberId });
      const contactId = await newContact(api, a, "Ada", "+61421000004");

      const sent = await api.messaging.sms.sendMessage({
        Reference: "conformance: mixed recipients",
        MessageText: "Hello [[First Name]]",
        Recipients: [
          "+61421000001",
          { Recipient: "+61421000002", "First Name": "Jess" },
          { GroupID: groupId },
          { ContactID: contactId },
        ],
      });
      a.equal(sent.Result, "Success", "Result");
      const MessageID = messageIdOf(a, sent);
      a.deepEqual(sent.ErrorMessage, [], "ErrorMessage");

      // The group and the contact were expanded to their numbers.
      const status = await api.reports.status.poll({ MessageID });
      a.equal(status.Count, 4, "recipients counted");
      const destinations = (status.Recipients ?? []).map((r) => r.Destination).sort();
      a.deepEqual(
        destinations,
        ["+61421000001", "+61421000002", "+61421000004", "+61421000005"],
        "destinations",
      );
    },
  },
  {
    name: "the per-operation function on BestSMSCore",
    async run(ctx) {
      const a: Assert = ctx.assert;
      const core = new ctx.sdk.BestSMSCore({
        authToken: ctx.token,
        baseUrl: ctx.baseUrl,
        validators: ctx.sdk.operationValidators,
      });
      const MessageID = uid();
      const sent = await ctx.sdk.messagingSmsSendMessage(core, {
        MessageID,
        MessageText: "From the core",
        Recipients: "+61421000006",
      });
      a.equal(sent.MessageID, MessageID, "the MessageID given is kept");
      const status = await ctx.sdk.reportsStatusPoll(core, { MessageID });
      a.equal(status.MessageID, MessageID, "polled MessageID");
      a.equal(status.Count, 1, "Count");
    },
  },
  {
    name: "reschedule, then abort, a delayed message",
    async run(ctx) {
      const a: Assert = ctx.assert;
      const { api, MessageID } = await sendOne(ctx, {
        MessageText: "Later",
        Recipients: ["+61421000003"],
        SendTime: sendTimeIn(2),
      });
      a.equal((await api.reports.status.poll({ MessageID })).Status, "Delayed", "after send");

      const moved = await api.actions.reschedule.sendRequest({
        MessageID,
        SendTime: sendTimeIn(3),
      });
      a.equal(moved.Result, "Success", "reschedule Result");
      a.equal(moved.MessageID, MessageID, "reschedule MessageID");
      a.equal(moved.Status, "Delayed", "reschedule Status");

      const aborted = await api.actions.abort.sendRequest({ MessageID });
      a.equal(aborted.Result, "Success", "abort Result");
      a.equal(aborted.Status, "Aborted", "abort Status");
      a.equal((await api.reports.status.poll({ MessageID })).Status, "Aborted", "after abort");

      // A second abort is refused by the service: an ApiError carrying its words.
      const again = await a.rejects(
        api.actions.abort.sendRequest({ MessageID }),
        ctx.sdk.ApiError,
        "abort twice",
      );
      a.equal(again.status, 400, "refusal status");
      a.equal(again.result, "Failed", "refusal Result");
      a.ok(again.errorMessages.length > 0, "refusal ErrorMessage");
    },
  },
  {
    name: "status poll until final, and the merged text",
    async run(ctx) {
      const a: Assert = ctx.assert;
      const { api, MessageID } = await sendOne(ctx, {
        Reference: "conformance: status",
        MessageText: "Hi [[First Name]]",
        Recipients: [{ Recipient: "+61421000001", "First Name": "Jess" }, "+61421009900"],
      });
      const first = await api.reports.status.poll({ MessageID });
      a.equal(first.MessageID, MessageID, "MessageID");
      a.equal(first.Count, 2, "Count");

      const final = await api.reports.status.waitFor({
        MessageID,
        initialIntervalMs: 100,
        maxIntervalMs: 400,
        timeoutMs: 15_000,
      });
      a.equal(final.Status, "Completed", "Status");
      a.equal(final.Complete, 2, "Complete");
      a.equal(final.Success, 1, "Success");
      a.equal(final.Failed, 1, "Failed");
      const outcome = (final.Recipients ?? [])
        .map((r) => `${r.Destination} ${r.Status} ${r.Result}`)
        .sort();
      a.deepEqual(
        outcome,
        ["+61421000001 Success Sent OK", "+61421009900 Failed Bad Number"],
        "recipients",
      );

      const replies = await api.reports.smsReply.poll({ MessageID });
      const jess = (replies.Recipients ?? []).find((r) => r.Destination === "+61421000001");
      a.equal(jess?.MessageText, "Hi Jess", "merged text");
    },
  },
  {
    name: "listAll over more than one page",
    async run(ctx) {
      const a: Assert = ctx.assert;
      const api = client(ctx);
      const groupId = await newGroup(api, a);
      const ids: string[] = [];
      for (const [i, name] of ["Ann", "Ben", "Cat"].entries()) {
        const id = await newContact(api, a, name, `+6142100010${i}`);
        await api.addressbook.groupContact.create({ GroupID: groupId, ContactID: id });
        ids.push(id);
      }

      const counted = countingFetch("/contact/list");
      const paged = client(ctx, { fetch: counted.fetch });
      const seen: string[] = [];
      for await (const contact of paged.addressbook.groupContact.listAll({
        GroupID: groupId,
        RecordsPerPage: 2,
      })) {
        seen.push(String(contact.ContactID));
      }
      a.deepEqual(seen.sort(), [...ids].sort(), "every member, once");
      a.equal(counted.count(), 2, "pages fetched");

      // One page alone says how many there are.
      const page = await api.addressbook.groupContact.list({ GroupID: groupId, RecordsPerPage: 2 });
      a.equal(page.PageCount, 2, "PageCount");
      a.equal(page.Contacts?.length, 2, "items on page 1");
    },
  },
];
