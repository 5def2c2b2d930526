// jsr.json, deno.json and package.json describe one package: same name, version and entry, and
// deno.json maps each @bestsms dependency to the npm range pnpm publishes for `workspace:^`.
import clientPackage from "@bestsms/client/package.json" with { type: "json" };
import validationPackage from "@bestsms/validation/package.json" with { type: "json" };
import webhooksPackage from "@bestsms/webhooks/package.json" with { type: "json" };
import { expect, test } from "vitest";
import denoJson from "../deno.json" with { type: "json" };
import jsrJson from "../jsr.json" with { type: "json" };
import packageJson from "../package.json" with { type: "json" };

test("jsr.json and deno.json agree with package.json", () => {
  for (const config of [jsrJson, denoJson]) {
    expect(config).toMatchObject({
      name: packageJson.name,
      version: packageJson.version,
      license: packageJson.license,
      exports: { ".": "./src/index.ts", "./xml": "./src/xml.ts" },
    });
  }
  expect(denoJson.publish).toEqual(jsrJson.publish);
});

test("deno.json maps every @bestsms dependency to npm", () => {
  const versions: Record<string, string> = {
    [clientPackage.name]: clientPackage.version,
    [validationPackage.name]: validationPackage.version,
    [webhooksPackage.name]: webhooksPackage.version,
  };
  const dependencies = Object.keys(packageJson.dependencies).filter((name) =>
    name.startsWith("@bestsms/"),
  );
  // Each dependency, plus the XML subpath of @bestsms/webhooks.
  const subpaths = ["@bestsms/webhooks/xml"];
  expect(Object.keys(denoJson.imports).sort()).toEqual([...dependencies, ...subpaths].sort());
  for (const name of dependencies) {
    expect(denoJson.imports[name as keyof typeof denoJson.imports]).toBe(
      `npm:${name}@^${versions[name]}`,
    );
  }
  expect(denoJson.imports["@bestsms/webhooks/xml"]).toBe(
    `npm:@bestsms/webhooks@^${webhooksPackage.version}/xml`,
  );
});
