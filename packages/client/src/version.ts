/** This package's version; kept equal to package.json by `pnpm version-packages` (tested). */
export const VERSION = "0.0.0";
