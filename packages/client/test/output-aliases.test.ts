// The reference document reads a contact's timestamps as Created, CreatedUTC, Updated and
// UpdatedUTC; the wire (and the reference SDK's ContactModel) says CreatedTimeLocal … The client
// returns the wire's fields and adds the document's names beside them, without changing what a
// serialisation of the output shows.
import { describe, expect, it } from "vitest";
import { addressbookContactDetail } from "../src/index.js";
import { CONTACT_ID, GROUP_ID, useHarness } from "./helpers/harness.js";

const h = useHarness();

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe("a contact's timestamps under the document's names", () => {
  it("detail: Created … UpdatedUTC read the wire's values", async () => {
    const { Contact } = await h.client().addressbook.contact.detail({ ContactID: CONTACT_ID });
    expect(Contact.CreatedTimeLocal).toBe("2025-12-01T12:00:00");
    expect(Contact.Created).toBe(Contact.CreatedTimeLocal);
    expect(Contact.CreatedUTC).toBe(Contact.CreatedTimeUTC);
    expect(Contact.Updated).toBe(Contact.UpdatedTimeLocal);
    expect(Contact.UpdatedUTC).toBe(Contact.UpdatedTimeUTC);
  });

  it("the aliases are not enumerable: keys, spreads and JSON show the wire's fields only", async () => {
    const { Contact } = await addressbookContactDetail(h.core(), { ContactID: CONTACT_ID });
    expect(Object.keys(Contact)).not.toContain("Created");
    expect({ ...Contact }).not.toHaveProperty("Created");
    const json = JSON.parse(JSON.stringify(Contact)) as Record<string, unknown>;
    expect(json.CreatedTimeLocal).toBe("2025-12-01T12:00:00");
    expect(json).not.toHaveProperty("Created");
    expect(() => {
      (Contact as { Created: string }).Created = "changed";
    }).toThrow(TypeError);
  });

  it("every place a contact comes back: lists, listAll, memberships in both directions", async () => {
    const client = h.client();
    const all = await collect(client.addressbook.contact.listAll());
    expect(all.length).toBeGreaterThan(0);
    for (const contact of all) expect(contact.Created).toBe(contact.CreatedTimeLocal);
    const page = await client.addressbook.groupContact.list({ GroupID: GROUP_ID });
    for (const contact of page.Contacts) expect(contact.UpdatedUTC).toBe(contact.UpdatedTimeUTC);
    const groups = await client.addressbook.contactGroup.list({ ContactID: CONTACT_ID });
    expect(groups.Contact.Created).toBe(groups.Contact.CreatedTimeLocal);
    const member = await client.addressbook.groupContact.detail({
      GroupID: GROUP_ID,
      ContactID: CONTACT_ID,
    });
    expect(member.Contact.CreatedUTC).toBe(member.Contact.CreatedTimeUTC);
  });

  it("a field the answer lacks gets no alias, and a wire field of the alias's name wins", async () => {
    h.server.handle(() => ({
      status: 200,
      json: {
        Result: "Success",
        Contact: { ContactID: CONTACT_ID, Created: "from the wire", CreatedTimeUTC: "x" },
      },
    }));
    const { Contact } = await h.client().addressbook.contact.detail({ ContactID: CONTACT_ID });
    expect(Contact.Created).toBe("from the wire");
    expect(Object.keys(Contact)).toContain("Created");
    expect("Updated" in Contact).toBe(false);
    expect(Contact.CreatedUTC).toBe("x");
  });
});
