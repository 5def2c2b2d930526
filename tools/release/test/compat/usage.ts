/**
 * Code written against the client's generated input and output types, as a user writes it.
 *
 * It is type-checked with the rest of this package against the generated types in the tree, and by
 * `test/compat.test.ts` against types generated from a spec with a breaking change: that must fail
 * to compile, whatever the spec-diff rules say about the change.
 */
import type {
  MessagingSmsSendMessageInput,
  MessagingSmsSendMessageOutput,
  ReportsStatusPollInput,
  ReportsStatusPollOutput,
} from "../../../../packages/client/src/generated/operations.gen.js";

export const send: MessagingSmsSendMessageInput = {
  MessageText: "Hello [[First Name]]",
  Recipients: [{ Recipient: "+61421000001", "First Name": "Jess" }, { GroupID: "group-1" }],
  Reference: "renewal",
  SendMode: "Test",
  ForceGSMChars: true,
};

export const poll: ReportsStatusPollInput = { MessageID: "ID12345", Page: 2 };

export function messageIdOf(out: MessagingSmsSendMessageOutput): string | undefined {
  const errors: string[] = out.ErrorMessage;
  return errors.length === 0 ? out.MessageID : undefined;
}

export function destinations(out: ReportsStatusPollOutput): string[] {
  return (out.Recipients ?? []).map((r) => `${r.Destination ?? ""} ${r.Status ?? ""}`);
}
