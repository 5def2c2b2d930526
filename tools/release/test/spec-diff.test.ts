import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseSpec } from "@bestsms/spec-model";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  bumpsFor,
  type Change,
  diffSpecs,
  formatChangeset,
  formatTable,
  packagesFor,
  RUNTIME_PACKAGES,
} from "../src/spec-diff.js";

const here = dirname(fileURLToPath(import.meta.url));
const release = join(here, "..");
const repo = join(release, "..", "..");
const fixtures = join(here, "fixtures", "spec-diff");

function fixture(rule: string): { old: string; new: string } {
  return {
    old: readFileSync(join(fixtures, rule, "old.yaml"), "utf8"),
    new: readFileSync(join(fixtures, rule, "new.yaml"), "utf8"),
  };
}

function diffFixture(rule: string): Array<[Change["kind"], string, string]> {
  const { old, new: neu } = fixture(rule);
  return diffSpecs(parseSpec("old.yaml", old), parseSpec("new.yaml", neu)).map((c) => [
    c.kind,
    c.where,
    c.what,
  ]);
}

const SEND = "messaging.sms.sendMessage";
const POLL = "reports.status.poll";

/** Per fixture: every change it must produce, and nothing else. */
const EXPECTED: Record<string, Array<[Change["kind"], string, string]>> = {
  // ---- breaking
  "operation-removed": [["breaking", POLL, "operation removed (was GET /status/{MessageID})"]],
  "operation-path-changed": [
    ["breaking", SEND, "operation moved from POST /send to POST /sms/send"],
  ],
  "operation-method-changed": [["breaking", SEND, "operation moved from POST /send to PUT /send"]],
  "input-property-removed": [
    ["breaking", `${SEND} input.Reference`, "field Reference removed from the input"],
  ],
  "input-name-renamed": [
    [
      "breaking",
      `${SEND} input.MessageText`,
      "input field MessageText renamed to Text (wire Message)",
    ],
  ],
  "parameter-removed": [
    ["breaking", `${POLL} input.Page`, "query parameter Page (wire page) removed from the input"],
  ],
  "response-field-removed": [
    ["breaking", `${SEND} output.MessageID`, "field MessageID removed from the response"],
  ],
  // Renamed on the wire, the old name kept as the client's output alias: the wire types change.
  "response-field-renamed-with-alias": [
    [
      "breaking",
      `${SEND} output.MessageID`,
      "field MessageID is sent as MessageIdentifier instead (the wire types change; the client's output still reads MessageID)",
    ],
  ],
  "allof-part-field-removed": [
    ["breaking", `${POLL} output.Page`, "field Page removed from the response"],
  ],
  "new-required-input": [
    ["breaking", `${SEND} input.SenderID`, "new required input field SenderID"],
  ],
  "input-becomes-required": [
    ["breaking", `${SEND} input.Reference`, "optional input field Reference is now required"],
  ],
  "request-enum-narrowed": [
    ["breaking", `${SEND} input.Mode`, 'enum narrowed: "Live" no longer accepted'],
  ],
  "request-type-changed": [
    ["breaking", `${SEND} input.Reference`, "type string → integer (narrowed or changed)"],
  ],
  "request-maxlength-lowered": [
    [
      "breaking",
      `${SEND} input.MessageID`,
      "maxLength 40 → 36: values valid before are now rejected",
    ],
  ],
  "request-minimum-raised": [
    ["breaking", `${SEND} input.Priority`, "minimum 1 → 2: values valid before are now rejected"],
  ],
  "request-pattern-changed": [
    [
      "breaking",
      `${SEND} input.MessageID`,
      'pattern "^[A-Za-z0-9_-]+$" → "^[A-Za-z0-9]+$": values valid before are now rejected',
    ],
  ],
  "oneof-branch-removed": [
    [
      "breaking",
      `${SEND} input.Recipients[]<GroupDestination>`,
      "oneOf branch GroupDestination removed",
    ],
  ],
  "webhook-field-removed": [
    [
      "breaking",
      "webhook smsStatus payload.MessageID",
      "field MessageID removed from the webhook payload",
    ],
  ],
  // ---- feature
  "operation-added": [
    ["feature", "actions.abort.sendRequest", "new operation PATCH /abort/{MessageID}"],
  ],
  "optional-input-added": [
    [
      "feature",
      `${SEND} input.CostCentre`,
      "new optional input field CostCentre (wire ChargeCode)",
    ],
  ],
  "optional-parameter-added": [
    [
      "feature",
      `${POLL} input.RecordsPerPage`,
      "new optional input query parameter RecordsPerPage (wire recordsPerPage)",
    ],
  ],
  "enum-widened": [["feature", `${SEND} input.Mode`, 'enum widened: "Draft" added']],
  "response-field-added": [
    ["feature", `${SEND} output.JobNum`, "new field JobNum in the response"],
  ],
  // A response field the service now always sends: callers lose nothing.
  "response-field-required": [
    [
      "feature",
      `${SEND} output.MessageID`,
      "field MessageID of the response is now always present",
    ],
  ],
  "webhook-added": [["feature", "webhook smsReceived", "new webhook"]],
  "webhook-field-added": [
    ["feature", "webhook smsStatus payload.Price", "new field Price in the webhook payload"],
  ],
  "constraint-relaxed": [
    ["feature", `${SEND} input.MessageID`, "maxLength 40 → 64: the constraint is relaxed"],
  ],
  // ---- fix
  "description-changed": [
    [
      "fix",
      "#/components/schemas/SendRequest/properties/Message/description",
      "description changed",
    ],
    [
      "fix",
      "#/components/schemas/SendResponse/properties/MessageID/description",
      "description changed",
    ],
  ],
  "summary-changed": [["fix", "#/paths/~1send/post/summary", "summary changed"]],
  "example-changed": [
    [
      "fix",
      "#/paths/~1send/post/requestBody/content/application~1json/examples",
      "examples changed",
    ],
    ["fix", "#/components/schemas/WebhookFields/properties/Status/examples", "examples changed"],
  ],
};

describe("diffSpecs on one fixture per rule", () => {
  it("has an expectation for every fixture directory, and the reverse", () => {
    expect(readdirSync(fixtures).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const [rule, expected] of Object.entries(EXPECTED)) {
    it(`${rule}: ${expected.map(([kind]) => kind).join(", ")}`, () => {
      expect(diffFixture(rule)).toEqual(expected);
    });
  }

  it("reading a fixture backwards flips the classification where it should", () => {
    const { old, new: neu } = fixture("optional-input-added");
    const back = diffSpecs(parseSpec("new.yaml", neu), parseSpec("old.yaml", old));
    expect(back.map((c) => [c.kind, c.where])).toEqual([["breaking", `${SEND} input.CostCentre`]]);
    const widened = fixture("enum-widened");
    const narrowed = diffSpecs(parseSpec("n", widened.new), parseSpec("o", widened.old));
    expect(narrowed.map((c) => c.kind)).toEqual(["breaking"]);
  });
});

describe("the real spec", () => {
  it("against itself: no changes", () => {
    const text = readFileSync(join(repo, "spec", "bestsms.openapi.yaml"), "utf8");
    expect(diffSpecs(parseSpec("a", text), parseSpec("b", text))).toEqual([]);
  });

  it("sees a renamed input name through x-bestsms-input, nested in a oneOf branch", () => {
    const text = readFileSync(join(repo, "spec", "bestsms.openapi.yaml"), "utf8");
    const renamed = text.replace("name: First Name", "name: Given Name");
    expect(renamed).not.toBe(text);
    const changes = diffSpecs(parseSpec("a", text), parseSpec("b", renamed));
    expect(changes.map((c) => [c.kind, c.where])).toEqual([
      ["breaking", `${SEND} input.Recipients[]<RecipientDestination>.First Name`],
    ]);
  });
});

describe("parts outside the schemas", () => {
  const text = readFileSync(join(repo, "spec", "bestsms.openapi.yaml"), "utf8");

  it("a declared error status removed: fix", () => {
    const edited = text.replace(
      '        "404":\n          $ref: "#/components/responses/NotFound"\n',
      "",
    );
    expect(edited).not.toBe(text);
    const changes = diffSpecs(parseSpec("a", text), parseSpec("b", edited));
    expect(changes.map((c) => [c.kind, c.what])).toEqual([
      ["fix", "status 404 no longer declared"],
    ]);
  });

  it("rules across parameters (x-bestsms-params) added: breaking; removed: feature", () => {
    const edited = text.replace(
      "      x-bestsms-params:\n",
      "      x-bestsms-params:\n        required: [timePeriod]\n",
    );
    expect(edited).not.toBe(text);
    const changes = diffSpecs(parseSpec("a", text), parseSpec("b", edited));
    expect(changes.map((c) => [c.kind, c.where])).toEqual([
      ["breaking", "reports.smsReceived.poll input"],
    ]);
  });
});

describe("packages and bumps", () => {
  it("maps operation, webhook and documentation changes to the packages they reach", () => {
    expect(packagesFor({ kind: "breaking", scope: "operation" })).toEqual([
      "@bestsms/client",
      "@bestsms/validation",
      "@bestsms/sandbox",
      ...RUNTIME_PACKAGES,
    ]);
    expect(packagesFor({ kind: "feature", scope: "webhook" })).toEqual([
      "@bestsms/webhooks",
      "@bestsms/validation",
      ...RUNTIME_PACKAGES,
    ]);
    expect(packagesFor({ kind: "fix", scope: "operation" })).toEqual([
      "@bestsms/client",
      "@bestsms/validation",
    ]);
    expect(packagesFor({ kind: "fix", scope: "webhook" })).toEqual([
      "@bestsms/client",
      "@bestsms/validation",
      "@bestsms/webhooks",
    ]);
  });

  it("takes the largest bump per package", () => {
    const changes: Change[] = [
      { kind: "fix", where: "a", what: "x", scope: "operation" },
      { kind: "feature", where: "b", what: "y", scope: "webhook" },
      { kind: "breaking", where: "c", what: "z", scope: "webhook" },
    ];
    expect(Object.fromEntries(bumpsFor(changes))).toEqual({
      "@bestsms/bun": "major",
      "@bestsms/client": "patch",
      "@bestsms/deno": "major",
      "@bestsms/edge": "major",
      "@bestsms/node": "major",
      "@bestsms/validation": "major",
      "@bestsms/webhooks": "major",
    });
  });

  it("formats a table and a changeset, noting 0.x packages that get a major bump", () => {
    const changes = diffSpecs(
      parseSpec("o", fixture("response-field-removed").old),
      parseSpec("n", fixture("response-field-removed").new),
    );
    expect(formatTable(changes).split("\n")).toEqual([
      "kind      where                                       what",
      "breaking  messaging.sms.sendMessage output.MessageID  field MessageID removed from the response",
    ]);
    const text = formatChangeset(changes, { since: "HEAD", zeroMajor: ["@bestsms/client"] });
    expect(text).toContain('---\n"@bestsms/bun": major\n"@bestsms/client": major\n');
    expect(text).toContain(
      "- **breaking** `messaging.sms.sendMessage output.MessageID`: field MessageID removed from the response",
    );
    expect(text).toContain("Note: @bestsms/client is at 0.x; a major bump releases 1.0.0.");
  });
});

describe("the CLI on a git repository", () => {
  let dir: string;
  const tsx = join(release, "node_modules", ".bin", "tsx");
  const cli = join(release, "src", "spec-diff-cli.ts");
  const git = (...args: string[]): string =>
    execFileSync("git", args, { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  const run = (...args: string[]): string =>
    execFileSync(tsx, [cli, ...args], { cwd: dir, encoding: "utf8" });
  const specPath = (): string => join(dir, "spec", "bestsms.openapi.yaml");
  const changesets = (): string[] =>
    readdirSync(join(dir, ".changeset")).filter((f) => f.startsWith("spec-"));

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "spec-diff-"));
    git("init", "-q");
    git("config", "user.email", "test@example.com");
    git("config", "user.name", "Test");
    git("config", "commit.gpgsign", "false");
    mkdirSync(join(dir, "spec"));
    mkdirSync(join(dir, ".changeset"));
    mkdirSync(join(dir, "packages", "client"), { recursive: true });
    writeFileSync(
      join(dir, "packages", "client", "package.json"),
      '{ "name": "@bestsms/client", "version": "0.3.0" }\n',
    );
    writeFileSync(specPath(), fixture("optional-input-added").old);
    git("add", "-A");
    git("commit", "-q", "-m", "first");
    // Second commit: a breaking change (MessageID no longer in the send response).
    writeFileSync(specPath(), fixture("response-field-removed").new);
    git("commit", "-q", "-am", "second");
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it("with nothing changed since HEAD: says so and writes nothing", () => {
    const out = run();
    expect(out).toContain("no changes to spec/bestsms.openapi.yaml since HEAD");
    expect(changesets()).toEqual([]);
  });

  it("--since HEAD~1 --dry-run: prints the table and the changeset, writes nothing", () => {
    const out = run("--since", "HEAD~1", "--dry-run");
    expect(out).toContain(
      "breaking  messaging.sms.sendMessage output.MessageID  field MessageID removed from the response",
    );
    expect(out).toContain(
      [
        "---",
        '"@bestsms/bun": major',
        '"@bestsms/client": major',
        '"@bestsms/deno": major',
        '"@bestsms/edge": major',
        '"@bestsms/node": major',
        '"@bestsms/sandbox": major',
        '"@bestsms/validation": major',
        "---",
      ].join("\n"),
    );
    expect(out).toContain("Note: @bestsms/client is at 0.x");
    expect(changesets()).toEqual([]);
  });

  it("a working-tree change since HEAD: writes .changeset/spec-<hash>.md with the bumps", () => {
    // On top of HEAD: a new optional input (feature) and a changed summary (fix).
    const text = readFileSync(specPath(), "utf8")
      .replace("summary: Send an SMS", "summary: Send an SMS message")
      .replace(
        "        Reference:\n          type: string\n",
        "        Reference:\n          type: string\n        ChargeCode:\n          type: string\n",
      );
    writeFileSync(specPath(), text);
    const out = run();
    expect(out).toMatch(/wrote \.changeset\/spec-[0-9a-f]{8}\.md/);
    const [file] = changesets();
    expect(file).toBeDefined();
    const changeset = readFileSync(join(dir, ".changeset", file as string), "utf8");
    expect(changeset.split("\n---\n")[0]).toBe(
      [
        "---",
        '"@bestsms/bun": minor',
        '"@bestsms/client": minor',
        '"@bestsms/deno": minor',
        '"@bestsms/edge": minor',
        '"@bestsms/node": minor',
        '"@bestsms/sandbox": minor',
        '"@bestsms/validation": minor',
      ].join("\n"),
    );
    expect(changeset).toContain(
      "- **feature** `messaging.sms.sendMessage input.ChargeCode`: new optional input field ChargeCode",
    );
    expect(changeset).toContain("- **fix** `#/paths/~1send/post/summary`: summary changed");
    expect(changeset).not.toContain("Note:");
  });
});
