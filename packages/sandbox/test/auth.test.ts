// The token: `Basic <token>` and `Bearer <token>` are accepted, anything else is 401.
import { AuthenticationError, BestSMS } from "@bestsms/client";
import { describe, expect, it } from "vitest";
import { createSandboxApp } from "../src/app.js";

const sandbox = createSandboxApp({ authToken: "secret-token", clock: { now: () => 0 } });

async function status(authorization: string | undefined): Promise<[number, unknown]> {
  const response = await sandbox.fetch(
    new Request("http://sandbox.test/addressbook/group/list", {
      headers: authorization === undefined ? {} : { Authorization: authorization },
    }),
  );
  return [response.status, await response.json()];
}

const UNAUTHORIZED = { Result: "Unauthorized", ErrorMessage: "Invalid Auth Token" };

describe("authentication", () => {
  it.each([
    "Basic secret-token",
    "Bearer secret-token",
    "bearer secret-token",
    "BASIC   secret-token ",
  ])("accepts %j", async (header) => {
    const [code, body] = await status(header);
    expect(code).toBe(200);
    expect(body).toMatchObject({ Result: "Success" });
  });

  it.each([
    ["no header", undefined],
    ["a wrong token", "Basic secret-tokem"],
    ["a longer token", "Basic secret-token2"],
    ["a prefix of the token", "Bearer secret"],
    ["the bare token", "secret-token"],
    ["another scheme", "Token secret-token"],
    ["an empty Basic", "Basic "],
  ])("refuses %s with 401", async (_, header) => {
    expect(await status(header)).toEqual([401, UNAUTHORIZED]);
  });

  it("takes the client in both schemes, and refuses it with a wrong token", async () => {
    const fetch = (input: RequestInfo | URL, init?: RequestInit) =>
      sandbox.fetch(new Request(input, init));
    for (const authScheme of ["Basic", "Bearer"] as const) {
      const client = new BestSMS({
        authToken: "secret-token",
        authScheme,
        baseUrl: "http://sandbox.test",
        fetch,
      });
      await expect(client.addressbook.contact.list({})).resolves.toMatchObject({
        Result: "Success",
      });
    }
    const wrong = new BestSMS({ authToken: "nope", baseUrl: "http://sandbox.test", fetch });
    await expect(wrong.addressbook.contact.list({})).rejects.toThrow(AuthenticationError);
  });

  it("checks the token before anything else, unknown routes included", async () => {
    const response = await sandbox.fetch(new Request("http://sandbox.test/nowhere"));
    expect([response.status, await response.json()]).toEqual([401, UNAUTHORIZED]);
  });
});
