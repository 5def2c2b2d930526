// Which exported symbols of the API reference have no doc comment, read from TypeDoc's JSON output.
// TypeDoc's own `notDocumented` check cannot leave out openapi-typescript's mirror of the spec
// (`paths`, `operations`, `components`, `webhooks`), whose structural keys (`parameters`,
// `requestBody`, `content` …) are the mirror's shape, not API; its fields carry the spec's
// descriptions, which tools/spec-check requires. So the rule is applied here: every top-level
// export of every package has a comment, and so does every member of a hand-written or generated
// declaration, to any depth of nested object types.

/** The part of a TypeDoc JSON reflection this check reads. */
export interface Reflection {
  readonly name: string;
  readonly kind: number;
  readonly comment?: unknown;
  readonly inheritedFrom?: unknown;
  readonly children?: readonly Reflection[];
  readonly signatures?: readonly Reflection[];
  readonly getSignature?: Reflection;
  readonly setSignature?: Reflection;
  readonly type?: TypeNode;
}

/** The part of a TypeDoc JSON type this check reads. */
export interface TypeNode {
  readonly type?: string;
  /** An object type written in place (`{ a: string }`). */
  readonly declaration?: Reflection;
  /** The parts of an intersection or a union. */
  readonly types?: readonly TypeNode[];
  /** The arguments of a generic (`Omit<{ … }, "k">`). */
  readonly typeArguments?: readonly TypeNode[];
}

/** The mirror of the spec that openapi-typescript generates: documented at the top only. */
const MIRROR = new Set(["paths", "operations", "components", "webhooks"]);
const CONSTRUCTOR = 512;

function documented(r: Reflection): boolean {
  return (
    r.comment !== undefined ||
    (r.signatures ?? []).some((s) => s.comment !== undefined) ||
    r.getSignature?.comment !== undefined ||
    r.setSignature?.comment !== undefined
  );
}

/** The members of the object types written in place in a type, through `&`, `|` and generics. */
function literalMembers(type: TypeNode | undefined): Reflection[] {
  if (type === undefined) return [];
  return [
    ...(type.declaration?.children ?? []),
    ...(type.types ?? []).flatMap(literalMembers),
    ...(type.typeArguments ?? []).flatMap(literalMembers),
  ];
}

/** Members of a declaration: its own children, and those of the object types it is typed with. */
function members(r: Reflection): readonly Reflection[] {
  return [...(r.children ?? []), ...literalMembers(r.type)];
}

/**
 * Qualified names (`Package: Export.member.member`) of exported symbols without a doc comment,
 * each name once.
 */
export function undocumented(project: Reflection): string[] {
  const missing = new Set<string>();
  const visit = (r: Reflection, name: string): void => {
    for (const member of members(r)) {
      if (member.kind === CONSTRUCTOR || member.inheritedFrom !== undefined) continue;
      const qualified = `${name}.${member.name}`;
      if (!documented(member)) missing.add(qualified);
      visit(member, qualified);
    }
  };
  for (const pkg of project.children ?? []) {
    for (const symbol of pkg.children ?? []) {
      const name = `${pkg.name}: ${symbol.name}`;
      if (!documented(symbol)) missing.add(name);
      if (!MIRROR.has(symbol.name)) visit(symbol, name);
    }
  }
  return [...missing];
}
