import { createServer } from "node:net";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { ExampleOutput } from "../src/examples.js";
import { freePort } from "../src/free-port.js";
import { comparePublicApi } from "../src/public-api.js";
import { isNodeBuiltin } from "../src/worker-bundle.js";

describe("comparePublicApi", () => {
  const shared = { a: 1, b: 2 };
  it("names what is the package's own, what it replaced and what it left out", () => {
    expect(comparePublicApi({ a: 1, b: 3, z: 0, y: 0 }, [shared, { c: 4 }])).toEqual({
      own: ["y", "z"],
      replaced: ["b"],
      missing: ["c"],
    });
  });

  it("a later shared package's export wins, as in a re-export", () => {
    expect(comparePublicApi({ a: 5, b: 2 }, [shared, { a: 5 }]).replaced).toEqual([]);
  });
});

describe("isNodeBuiltin", () => {
  it.each([
    ["node:fs", true],
    ["fs", true],
    ["fs/promises", true],
    ["@bestsms/client", false],
    ["openapi-fetch", false],
  ])("%s: %s", (specifier, expected) => {
    expect(isNodeBuiltin(specifier)).toBe(expected);
  });
});

describe("freePort", () => {
  it("names a port on 127.0.0.1 that a server can then listen on", async () => {
    const port = await freePort();
    expect(port).toBeGreaterThan(0);
    expect(port).toBeLessThan(65_536);
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", resolve);
    });
    expect(server.address()).toMatchObject({ address: "127.0.0.1", port });
    await new Promise((resolve) => server.close(resolve));
  });
});

describe("ExampleOutput", () => {
  it("waits for what a stream writes later, and names what never came, with the output", async () => {
    const output = new ExampleOutput();
    const stream = new PassThrough();
    output.capture(stream);
    setTimeout(() => stream.write("Listening on http://127.0.0.1:3000/webhooks\n"), 20);
    await output.waitFor("Listening on", "the server to listen");
    expect(output.text).toBe("Listening on http://127.0.0.1:3000/webhooks\n");
    await expect(output.waitFor("SUCCESS", "the status report", 100)).rejects.toThrow(
      "timed out waiting for the status report; output:\nListening on http://127.0.0.1:3000",
    );
  });
});
