// html-to-text 10 ships no types; its options are the ones react-email's toPlainText takes.
declare module 'html-to-text' {
  type Options = NonNullable<Parameters<typeof import('react-email').toPlainText>[1]>
  export function compile(options?: Options): (html: string) => string
  export function convert(html: string, options?: Options): string
}
