/** A header's value from a `Headers` object or a plain record; `name` is in lower case. */
export function headerValue(
  headers: Headers | Record<string, string>,
  name: string,
): string | undefined {
  const value =
    headers instanceof Headers
      ? headers.get(name)
      : Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1];
  return typeof value === "string" ? value : undefined;
}
