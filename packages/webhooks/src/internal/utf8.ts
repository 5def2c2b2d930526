/** The one UTF-8 encoder of the package (a TextEncoder keeps no state between calls). */
export const utf8: TextEncoder = new TextEncoder();
