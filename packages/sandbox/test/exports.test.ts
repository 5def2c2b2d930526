import { describe, expect, it } from "vitest";
import * as app from "../src/app.js";
import * as api from "../src/index.js";

describe("the public API", () => {
  // Adding or removing an export is a visible change of these lists.
  it("the web-standard app entry exports exactly these names", () => {
    expect(Object.keys(app).sort()).toMatchInlineSnapshot(`
      [
        "CONTROL_BASE_PATH",
        "DUPLICATE_WINDOW_MS",
        "FAILING_NUMBERS",
        "REQUEST_LOG_SIZE",
        "SANDBOX_OPERATIONS",
        "SandboxControlError",
        "WEBHOOK_RETRY_INTERVAL_MS",
        "WEBHOOK_RETRY_WINDOW_MS",
        "createSandboxApp",
        "failingNumberRule",
        "memoryStore",
        "sandboxControl",
      ]
    `);
  });
  it("the main entry exports the app entry's names and the Node-only fileStore and startSandbox", () => {
    expect(Object.keys(api).sort()).toEqual(
      [...Object.keys(app), "fileStore", "startSandbox"].sort(),
    );
  });
});
