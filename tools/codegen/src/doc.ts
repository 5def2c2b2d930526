/**
 * A doc comment from lines of text (`undefined` lines are left out, `""` is a paragraph break):
 * one line gives `/** text *\/`, more give a block; no text gives "". `*\/` in the text is escaped.
 */
export function doc(lines: readonly (string | undefined)[] | string | undefined): string {
  const text = typeof lines === "string" ? [lines.trim()] : (lines ?? []);
  const body = text
    .filter((l): l is string => l !== undefined)
    .flatMap((l) => l.split("\n"))
    .map((l) => l.replaceAll("*/", "*\\/").trimEnd());
  while (body.length > 0 && body[0] === "") body.shift();
  while (body.length > 0 && body[body.length - 1] === "") body.pop();
  if (body.length === 0) return "";
  if (body.length === 1) return `/** ${body[0]} */\n`;
  return `/**\n${body.map((l) => (l ? ` * ${l}` : " *")).join("\n")}\n */\n`;
}
