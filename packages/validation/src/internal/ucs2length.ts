/**
 * Length of a string in Unicode code points, as JSON Schema counts `minLength`/`maxLength`
 * (a surrogate pair is one character; a lone surrogate is one too). The generated validators
 * call it.
 */
export function ucs2length(text: string): number {
  // Text without surrogates (nearly all) is as long as its UTF-16 length.
  if (!/[\ud800-\udfff]/.test(text)) return text.length;
  let length = 0;
  for (const _ of text) length++;
  return length;
}
