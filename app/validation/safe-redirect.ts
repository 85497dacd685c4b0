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
