/** `%text%` for `LIKE … ESCAPE '\'`, lower-cased, with the text's own % _ and \ matched literally. */
export function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}
