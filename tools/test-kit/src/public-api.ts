// A runtime package's public API against the shared packages it re-exports.

/** How a package's exports relate to the shared packages'. */
export interface PublicApiComparison {
  /** Names only the package exports, sorted. */
  own: string[];
  /** Names of the shared packages the package exports as another value, sorted. */
  replaced: string[];
  /** Names of the shared packages the package does not export, sorted. */
  missing: string[];
}

/** Compares a package's exports (`import * as api`) with those of the shared packages. */
export function comparePublicApi(api: object, shared: readonly object[]): PublicApiComparison {
  const sharedApi: Record<string, unknown> = Object.assign({}, ...shared);
  const exported = api as Record<string, unknown>;
  const names = Object.keys(sharedApi);
  return {
    own: Object.keys(api)
      .filter((name) => !(name in sharedApi))
      .sort(),
    replaced: names.filter((name) => name in exported && exported[name] !== sharedApi[name]).sort(),
    missing: names.filter((name) => !(name in exported)).sort(),
  };
}
