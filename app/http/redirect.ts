import { redirect, redirectDocument } from 'react-router'

/**
 * A redirect to a page of ours after a form or a loader. The scanner is a page of its own (its own
 * bundle, ADR 0012), which only a full page load starts: to it, the browser loads the document.
 */
export function redirectWithin(path: string, init?: ResponseInit): Response {
  const scanner = path === '/scan' || path.startsWith('/scan?') || path.startsWith('/scan/')
  return scanner ? redirectDocument(path, init) : redirect(path, init)
}

/**
 * The page a request is for, as a path to come back to: React Router 8 hands loaders the raw
 * request, and a client-side navigation asks for its data at `/events/x.data?_routes=…`
 * (`/_root.data` for `/`, `/x/_.data` for `/x/`), a URL that shows a user the raw data stream.
 */
export function pagePathOf(request: Request): string {
  const url = new URL(request.url)
  if (url.pathname === '/_root.data') url.pathname = '/'
  else if (url.pathname.endsWith('/_.data')) url.pathname = url.pathname.slice(0, -'_.data'.length)
  else if (url.pathname.endsWith('.data')) url.pathname = url.pathname.slice(0, -'.data'.length)
  url.searchParams.delete('_routes')
  url.searchParams.delete('index')
  return `${url.pathname}${url.search}`
}
