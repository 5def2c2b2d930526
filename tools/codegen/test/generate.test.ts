import { readFile } from "node:fs/promises";
import { basename, dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { buildModel, loadSpec, SpecError } from "@bestsms/spec-model";
import { describe, expect, it } from "vitest";
import { type GeneratedFile, generate } from "../src/generate.js";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "../../..");

async function run(specFile: string): Promise<GeneratedFile[]> {
  const specName = relative(root, specFile).split("\\").join("/");
  return generate(await loadSpec(specFile, specName), { root, specName });
}

function fileOf(files: readonly GeneratedFile[], name: string): string {
  const file = files.find((f) => f.path.endsWith(`/${name}`));
  if (!file) throw new Error(`no output ${name}`);
  return file.content;
}

describe.each(["base", "changed"])("fixture %s: whole files out", (fixture) => {
  it("matches the committed snapshots", async () => {
    const files = await run(join(here, "fixtures", fixture, "spec.yaml"));
    expect(files.map((f) => f.path)).toEqual([
      "packages/client/src/generated/operations.gen.ts",
      "packages/client/src/generated/functions.gen.ts",
      "packages/webhooks/src/generated/webhooks.gen.ts",
      "packages/validation/src/generated/api.gen.ts",
      "packages/validation/src/generated/schemas.gen.ts",
      "packages/validation/src/generated/validators.gen.ts",
      "packages/sandbox/src/generated/routes.gen.ts",
    ]);
    for (const file of files) {
      // packages/client/src/generated/api.gen.ts → client.api.gen.ts
      const name = `${file.path.split("/")[1]}.${basename(file.path)}`;
      await expect(file.content).toMatchFileSnapshot(
        join(here, "fixtures", fixture, "__out__", name),
      );
    }
  });
});

describe("a spec change reaches every output", () => {
  it("a new operation, a new field and a new enum value each appear in every file", async () => {
    const base = await run(join(here, "fixtures/base/spec.yaml"));
    const changed = await run(join(here, "fixtures/changed/spec.yaml"));
    const additions: Array<[string, string, string, string]> = [
      // [what, in the wire types, in the SDK input types, in the validators]
      ["operation", '"store.thing.create"', '"store.thing.create"', '"store.thing.create"'],
      ["field", "Priority?: number", "Urgency?: number", '"Priority"'],
      ["enum value", '"Blue"', '"Blue"', '"Blue"'],
    ];
    for (const [what, wireText, inputText, validatorText] of additions) {
      for (const [file, text] of [
        ["validation/src/generated/api.gen.ts", wireText],
        ["operations.gen.ts", inputText],
        ...(what === "operation"
          ? ([
              ["functions.gen.ts", "storeThingCreate("],
              ["routes.gen.ts", 'id: "store.thing.create"'],
            ] as const)
          : []),
        [what === "operation" ? "schemas.gen.ts" : "validators.gen.ts", validatorText],
      ] as const) {
        expect(fileOf(base, file), `${what} absent from base ${file}`).not.toContain(text);
        expect(fileOf(changed, file), `${what} in changed ${file}`).toContain(text);
      }
    }
    const ops = fileOf(changed, "operations.gen.ts");
    // The new operation is in the table, the resource tree and the input types.
    expect(ops).toMatch(
      /storeThingCreateSpec: OperationSpec = \{\s+id: "store\.thing\.create",\s+method: "POST",\s+path: "\/things"/,
    );
    expect(ops).toContain('"store.thing.create": storeThingCreateSpec,');
    expect(ops).toContain("export interface StoreThingCreateInput");
    expect(ops).toMatch(/create\(\s*input\?: StoreThingCreateInput/);
    // The renamed field maps to its wire name at run time.
    expect(ops).toContain('Urgency: "Priority"');
    // A document name for an output field: typed on a record type, and added at run time
    // wherever the record comes back (alone or as a list's items).
    expect(fileOf(base, "operations.gen.ts")).not.toContain("ThingRecord");
    expect(ops).toMatch(
      /export type ThingRecord = components\["schemas"\]\["Thing"\] & \{[^}]*readonly Made\?: components\["schemas"\]\["Thing"\]\["MadeAt"\];/,
    );
    expect(ops).toContain('output: { aliases: { Made: "MadeAt" } }');
    expect(ops).toMatch(
      /output: \{ fields: \{ Things: \{ items: \{ aliases: \{ Made: "MadeAt" \} \} \} \} \}/,
    );
  });

  it("is byte-identical across runs", async () => {
    const first = await run(join(here, "fixtures/changed/spec.yaml"));
    const second = await run(join(here, "fixtures/changed/spec.yaml"));
    expect(second).toEqual(first);
  });
});

describe("bad specs fail with the place in the spec", () => {
  const cases: Array<[string, RegExp]> = [
    [
      "missing-operation-id",
      /bad\/missing-operation-id\.yaml:\d+ at #\/paths\/~1things~1\{ThingID\}\/get: GET \/things\/\{ThingID\} has no operationId/,
    ],
    [
      "duplicate-operation-id",
      /duplicate-operation-id\.yaml:\d+ at #\/paths\/~1things~1\{ThingID\}\/get\/operationId: operationId 'store\.thing\.list' is also used at #\/paths\/~1things~1list\/get/,
    ],
    [
      "unresolved-ref",
      /unresolved-ref\.yaml:\d+ at #\/components\/schemas\/SendRequest\/properties\/Data\/properties\/To\/items\/\$ref: \$ref '#\/components\/schemas\/Destinaton' does not resolve/,
    ],
    [
      "nested-operation-id",
      /operationId 'store\.thing\.list\.first' nests under operation 'store\.thing\.list'/,
    ],
    ["unknown-input-key", /x-bestsms-input: unknown key 'nmae'/],
    ["unknown-output-key", /x-bestsms-output: unknown key 'alias'/],
    ["input-name-clash", /input name 'MessageText'/],
  ];
  it.each(cases)("%s", async (name, message) => {
    const error = await run(join(here, "fixtures/bad", `${name}.yaml`)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpecError);
    expect((error as SpecError).message).toMatch(message);
  });

  it("names the line of the problem", async () => {
    const file = join(here, "fixtures/bad/missing-operation-id.yaml");
    const error = (await run(file).catch((e: unknown) => e)) as SpecError;
    const lines = (await readFile(file, "utf8")).split("\n");
    // The line points at the operation without an operationId.
    expect(lines[(error.line ?? 0) - 1]).toBe("    get:");
  });
});

describe("the real spec", () => {
  it("has 26 operations, 7 paged lists and 2 webhooks, and the send shape of the document", async () => {
    const spec = await loadSpec(join(root, "spec/bestsms.openapi.yaml"));
    const model = buildModel(spec);
    expect(model.operations).toHaveLength(26);
    expect(
      model.operations.filter((op) => op.list).map((op) => `${op.id}:${op.list?.items}`),
    ).toEqual([
      "reports.status.poll:Recipients",
      "reports.smsReceived.poll:Messages",
      "reports.smsReply.poll:Recipients",
      "addressbook.contact.list:Contacts",
      "addressbook.contactGroup.list:Groups",
      "addressbook.group.list:Groups",
      "addressbook.groupContact.list:Contacts",
    ]);
    expect(model.webhooks.map((w) => w.name)).toEqual(["smsStatus", "smsReceived"]);
    const send = model.operations.find((op) => op.id === "messaging.sms.sendMessage");
    expect(send?.body?.envelope).toBe("MessageData");
  });
});
