// Server Object (OpenAPI 3.1 §4.8.5): the base URL the client uses by default.
import { isObject } from "../json.js";
import type { Spec } from "../parse.js";

/** The first server's URL with its variables at their defaults. */
export function readBaseUrl(spec: Spec): string {
  const servers = Array.isArray(spec.root.servers) ? spec.root.servers : [];
  const server = isObject(servers[0]) ? servers[0] : {};
  const variables = isObject(server.variables) ? server.variables : {};
  return String(server.url ?? "").replace(/\{([^}]+)\}/g, (_m, name: string) => {
    const variable = variables[name];
    if (!isObject(variable) || typeof variable.default !== "string") {
      throw spec.error("#/servers/0", `server variable '${name}' has no default`);
    }
    return variable.default;
  });
}
