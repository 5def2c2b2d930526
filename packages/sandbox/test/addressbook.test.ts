// The address book as the reference SDK uses it: groups created without a GroupCode, groups named
// by GroupCode in the path, and records carrying the fields its models read.
import { BestSMS, NotFoundError } from "@bestsms/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSandbox, startSandbox } from "../src/index.js";

let sandbox: RunningSandbox;
let client: BestSMS;

beforeAll(async () => {
  sandbox = await startSandbox({ authToken: "addressbook-token" });
  client = new BestSMS({ authToken: sandbox.authToken, baseUrl: sandbox.url });
});

afterAll(async () => {
  await sandbox.close();
});

describe("a group created without a GroupCode", () => {
  it("gets one derived from its name, unique among the groups", async () => {
    const first = await client.addressbook.group.create({ GroupName: "VIP Customers 2025" });
    expect(first.Group.GroupCode).toBe("VIP_Customers_2025");
    const second = await client.addressbook.group.create({ GroupName: "VIP Customers 2025" });
    expect(second.Group.GroupCode).toBe("VIP_Customers_2025_2");
    const odd = await client.addressbook.group.create({ GroupName: "€€€" });
    expect(odd.Group.GroupCode).toBe("___");
  });

  it("a given GroupCode is kept, and a taken one is refused", async () => {
    const made = await client.addressbook.group.create({ GroupCode: "Kept", GroupName: "Kept" });
    expect(made.Group.GroupCode).toBe("Kept");
    await expect(
      client.addressbook.group.create({ GroupCode: "Kept", GroupName: "Again" }),
    ).rejects.toThrow(/GroupCode: Kept is already the code/);
  });
});

describe("a group named by its GroupCode in the path", () => {
  it("detail, update and delete find it by code as by GroupID", async () => {
    const { Group } = await client.addressbook.group.create({
      GroupCode: "By_Code",
      GroupName: "By code",
    });
    expect((await client.addressbook.group.detail({ GroupCode: "By_Code" })).Group.GroupID).toBe(
      Group.GroupID,
    );
    const updated = await client.addressbook.group.update({
      GroupID: "By_Code",
      GroupCode: "New_Code",
      GroupName: "Renamed",
    });
    expect(updated.Group).toMatchObject({ GroupID: Group.GroupID, GroupCode: "New_Code" });
    const deleted = await client.addressbook.group.delete({ GroupCode: "New_Code" });
    expect(deleted.Group.GroupName).toBe("Renamed");
    await expect(client.addressbook.group.detail({ GroupID: Group.GroupID })).rejects.toThrow(
      NotFoundError,
    );
  });
});

describe("records carry the reference models' fields", () => {
  it("a group: AccessControl, CreatedTimeLocal, CreatedTimeUTC, Timezone", async () => {
    const { Group } = await client.addressbook.group.create({ GroupName: "Fields" });
    expect(Object.keys(Group)).toEqual(
      expect.arrayContaining(["AccessControl", "CreatedTimeLocal", "CreatedTimeUTC", "Timezone"]),
    );
    expect(Group.CreatedTimeUTC).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
  });

  it("a contact: CreatedTimeLocal … UpdatedTimeUTC on the wire, the document's names on the client", async () => {
    const made = await client.addressbook.contact.create({ FirstName: "Jo" });
    const wire = (await (
      await fetch(`${sandbox.url}/addressbook/contact/${made.Contact.ContactID}`, {
        headers: { Authorization: `Basic ${sandbox.authToken}` },
      })
    ).json()) as { Contact: Record<string, unknown> };
    expect(Object.keys(wire.Contact)).toEqual(
      expect.arrayContaining([
        "CreatedTimeLocal",
        "CreatedTimeUTC",
        "UpdatedTimeLocal",
        "UpdatedTimeUTC",
      ]),
    );
    expect(wire.Contact).not.toHaveProperty("Created");
    expect(made.Contact.Created).toBe(wire.Contact.CreatedTimeLocal);
    expect(made.Contact.UpdatedUTC).toBe(wire.Contact.UpdatedTimeUTC);
  });
});
