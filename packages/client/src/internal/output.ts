import type { OutputShape } from "./types.js";

/**
 * Adds the reference document's names beside the wire fields they read (`Created` beside
 * `CreatedTimeLocal`), following the generated output shape. The aliases are not enumerable, so
 * `JSON.stringify`, spreads and equality checks see the wire's fields only.
 */
export function addOutputAliases(value: unknown, shape: OutputShape | undefined): void {
  if (shape === undefined || value === null || typeof value !== "object") return;
  if (Array.isArray(value)) {
    for (const item of value) addOutputAliases(item, shape.items);
    return;
  }
  const record = value as Record<string, unknown>;
  for (const [alias, wire] of Object.entries(shape.aliases ?? {})) {
    if (!Object.hasOwn(record, wire) || Object.hasOwn(record, alias)) continue;
    Object.defineProperty(record, alias, {
      value: record[wire],
      enumerable: false,
      writable: false,
      configurable: true,
    });
  }
  for (const [wire, inner] of Object.entries(shape.fields ?? {})) {
    if (Object.hasOwn(record, wire)) addOutputAliases(record[wire], inner);
  }
}
