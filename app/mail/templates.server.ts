// react-email's renderer, in one module that render.server.ts imports lazily: react-email brings
// Tailwind, Prism and a Markdown parser with it (about 0.7 s to load), which the server should pay
// for with its first mail, not at every start. Each concept loads its own templates as lazily
// (app/registration/mail-templates.server.ts).
import { compile } from 'html-to-text'
import type { ReactElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { plainTextSelectors } from 'react-email'

const XHTML_DOCTYPE =
  '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">'

/**
 * A mail's HTML, as react-email's render() makes it (its doctype; React's preload links for
 * images removed) but rendered synchronously: our templates never suspend, and render() goes
 * through a stream that waits a turn of the event loop per mail and leaves Suspense comments in
 * the HTML. Half the time per mail (ADR 0011).
 */
export function render(element: ReactElement): string {
  const html = renderToStaticMarkup(element).replace(/<link rel="preload" as="image"[^>]*>/g, '')
  return `${XHTML_DOCTYPE}${html}`
}

/**
 * The plain-text part of a mail from its HTML: react-email's toPlainText settings (links as
 * "text [url]", tables as blocks), headings kept in their case. Compiled once: react-email's
 * toPlainText compiles its selectors again for every mail, which was a third of rendering time.
 */
export const toPlainText: (html: string) => string = compile({
  wordwrap: false,
  selectors: [
    ...plainTextSelectors,
    { selector: 'h1', options: { uppercase: false } },
    { selector: 'h2', options: { uppercase: false } },
  ],
})
