/** A variable of the binding, trimmed; a missing, empty or non-string one is `undefined`. */
export function envString(env: object | null | undefined, name: string): string | undefined {
  const value: unknown =
    env !== null && typeof env === "object" ? (env as Record<string, unknown>)[name] : undefined;
  if (typeof value !== "string") return undefined;
  const trimmed = value.trim();
  return trimmed === "" ? undefined : trimmed;
}
