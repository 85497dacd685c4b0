import { redirect, redirectDocument } from 'react-router'

const BASE = 'http://signet.invalid'

/**
 * Only same-site paths: never '//host', '/\host', 'https://…' or 'javascript:', and nothing a
 * browser would turn into one (it drops tabs and newlines, and reads '\' as '/'), so a crafted
 * link cannot send a user elsewhere. Returns the path as resolved on our own origin.
 */
export function safeRedirect(target: FormDataEntryValue | string | null | undefined, fallback = '/'): string {
  if (typeof target !== 'string' || !target.startsWith('/') || target.length > 2048) return fallback
  // Control characters and backslashes have no place in our own paths.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to refuse them
  if (/[\u0000-\u001f\u007f\\]/.test(target) || target.startsWith('//')) return fallback
  let url: URL
  try {
    url = new URL(target, BASE)
  } catch {
    return fallback
  }
  // Resolve first, then check: '/.//host', '/x/..//host' and '/%2e//host' only become '//host'
  // (another site, to a browser) once their dot segments are resolved.
  if (url.origin !== BASE || url.pathname.startsWith('//')) return fallback
  return `${url.pathname}${url.search}${url.hash}`
}

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
