// State kept between sandboxes through a store: records, deliveries and the clock's advance.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BestSMS } from "@bestsms/client";
import { afterEach, describe, expect, it } from "vitest";
import { fileStore, memoryStore, type SandboxStore, startSandbox } from "../src/index.js";
import { manualClock, startReceiver } from "./helpers.js";

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanup.length > 0) await cleanup.pop()?.();
});

async function sandboxOn(store: SandboxStore, authToken: string, webhookUrl?: string) {
  const clock = manualClock();
  const sandbox = await startSandbox({
    clock,
    authToken,
    store,
    log: false,
    ...(webhookUrl === undefined ? {} : { webhookUrl }),
  });
  cleanup.push(() => sandbox.close());
  const client = new BestSMS({ authToken, baseUrl: sandbox.apiUrl, maxRetries: 0 });
  return { sandbox, client };
}

describe("a store", () => {
  it("hands a pending message, its webhook and the clock to the next sandbox", async () => {
    const hooks = await startReceiver();
    cleanup.push(() => hooks.close());
    hooks.status = 500;
    const store = memoryStore();
    const first = await sandboxOn(store, "first-token-123", hooks.url);
    const { MessageID } = await first.client.messaging.sms.sendMessage({
      MessageText: "Hi",
      Recipients: ["+61421000001", "+61421000002"],
    });
    await first.sandbox.simulateInbound({ From: "+61421000009", MessageText: "STOP" });
    await first.sandbox.advance(60_000);
    await first.sandbox.close();

    const second = await sandboxOn(store, "second-token-456", hooks.url);
    expect(second.sandbox.now()).toBe(first.sandbox.now());
    const status = await second.client.reports.status.poll({ MessageID });
    expect(status.Status).toBe("Completed");
    expect(second.sandbox.deliveries.map((d) => d.status)).toEqual([
      "pending",
      "pending",
      "pending",
    ]);
    hooks.status = 200;
    hooks.requests.length = 0;
    await second.sandbox.advance(5 * 60_000);
    expect(second.sandbox.deliveries.every((d) => d.status === "delivered")).toBe(true);
    // Posted again with the token of the sandbox that restored them.
    expect(hooks.requests.map((r) => r.headers.authorization)).toEqual(
      Array(3).fill("Basic second-token-456"),
    );
    expect(hooks.requests.map((r) => JSON.parse(r.body).APIKey)).toEqual(
      Array(3).fill("second-token-456"),
    );
    const contact = await second.client.addressbook.contact.create({ FirstName: "Jess" });
    expect(contact.Result).toBe("Success");
  });

  it("in a file: written on close, read on start, without the token", async () => {
    const dir = mkdtempSync(join(tmpdir(), "bestsms-sandbox-store-"));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, "state.json");
    const first = await sandboxOn(fileStore(file), "file-token-123");
    const { MessageID } = await first.client.messaging.sms.sendMessage({
      MessageText: "Hi",
      Recipients: "+61421000001",
    });
    await first.sandbox.close();
    const text = readFileSync(file, "utf8");
    expect(text).toContain(MessageID);
    expect(text).not.toContain("file-token-123");

    const second = await sandboxOn(fileStore(file), "file-token-123");
    expect(second.sandbox.latestMessage(MessageID)?.Status).toBe("Pending");
    await second.sandbox.advance(2_000);
    expect(second.sandbox.latestMessage(MessageID)?.Status).toBe("Completed");
  });
});
