// The parser: the spec's YAML read with the means to name the line of any JSON pointer, every
// `$ref` checked to be local and to resolve. No Node built-in: it runs wherever the text is at
// hand (`@bestsms/spec-model/parse`, for tests that run outside Node's file system).
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import {
  getAtPointer,
  isObject,
  type Json,
  type JsonObject,
  pathToPointer,
  pointerToPath,
} from "./json.js";

/** A problem in the spec, with the place it is at. */
export class SpecError extends Error {
  override readonly name = "SpecError";
  readonly pointer: string;
  readonly file: string;
  readonly line: number | undefined;

  constructor(file: string, pointer: string, message: string, line?: number) {
    super(`${file}${line === undefined ? "" : `:${line}`} at ${pointer}: ${message}`);
    this.file = file;
    this.pointer = pointer;
    this.line = line;
  }
}

/** A parsed spec with the means to point back into its source. */
export interface Spec {
  readonly file: string;
  readonly root: JsonObject;
  /** Resolves a local `$ref` (`#/components/...`); undefined when it does not resolve. */
  resolvePointer(ref: string): Json | undefined;
  /** An error naming the place of `pointer` in the source (file, line). */
  error(pointer: string, message: string): SpecError;
}

/** Parses spec source text. Every `$ref` must be local and resolve. */
export function parseSpec(file: string, text: string): Spec {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const firstError = document.errors[0];
  if (firstError) {
    const line = lineCounter.linePos(firstError.pos[0]).line;
    throw new SpecError(file, "#", `not valid YAML: ${firstError.message.split("\n")[0]}`, line);
  }
  const root = document.toJS({ maxAliasCount: -1 }) as Json;

  // The line of the key that holds the pointed-to value (or of the item, in a list).
  const lineOf = (pointer: string): number | undefined => {
    let node: unknown = document.contents;
    let at = (node as Node | undefined)?.range;
    for (const key of pointerToPath(pointer)) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
        if (!pair) return undefined;
        at = (pair.key as Node).range;
        node = pair.value;
      } else if (isSeq(node)) {
        node = node.items[Number(key)];
        at = (node as Node | undefined)?.range;
      } else return undefined;
    }
    return at ? lineCounter.linePos(at[0]).line : undefined;
  };
  const error = (pointer: string, message: string): SpecError =>
    new SpecError(file, pointer, message, lineOf(pointer));

  if (!isObject(root)) throw error("#", "the spec is not a YAML mapping");

  const resolvePointer = (ref: string): Json | undefined =>
    ref.startsWith("#/") ? getAtPointer(root, decodeURIComponent(ref.slice(1))) : undefined;

  // Every $ref in the document must be local and resolve; say where one does not.
  const checkRefs = (node: Json, path: (string | number)[]): void => {
    if (Array.isArray(node)) {
      node.forEach((item, index) => {
        checkRefs(item, [...path, index]);
      });
      return;
    }
    if (!isObject(node)) return;
    const ref = node.$ref;
    if (typeof ref === "string") {
      const at = pathToPointer([...path, "$ref"]);
      if (!ref.startsWith("#/"))
        throw error(at, `$ref '${ref}' is not local (only '#/...' is allowed)`);
      if (resolvePointer(ref) === undefined) throw error(at, `$ref '${ref}' does not resolve`);
    }
    for (const [key, value] of Object.entries(node)) checkRefs(value, [...path, key]);
  };
  checkRefs(root, []);

  return { file, root, resolvePointer, error };
}

/** Throws unless the document says `openapi: 3.1.x`. */
export function checkOpenApiVersion(spec: Spec): void {
  const version = spec.root.openapi;
  if (typeof version !== "string" || !version.startsWith("3.1.")) {
    throw spec.error("#/openapi", `expected "openapi: 3.1.x", found ${JSON.stringify(version)}`);
  }
}
