export type OriginVerdict = { ok: true } | { ok: false; reason: 'cross_site' }

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])
/** Where the device API is mounted (app/server/app.ts). */
export const DEVICE_API = '/api/v1/'

/**
 * Cross-site request forgery guard for every non-GET request. A browser names where a request
 * comes from in Sec-Fetch-Site and Origin; the request passes only when it is same-origin and
 * the Origin is one of ours (APP_URL, or the address the request was made to). A request that
 * names neither is refused too: every browser we support sends Origin on POST. Requests to the
 * device API (/api/v1/…) that authenticate with a device token are exempt; nowhere else is.
 */
export function checkOrigin(input: {
  method: string
  /** the request's path: the device-token exemption holds for the device API only */
  path: string
  origin: string | null
  fetchSite: string | null
  /** the Authorization header: a device token is a credential no other site can send */
  authorization?: string | null
  allowedOrigins: readonly string[]
}): OriginVerdict {
  if (SAFE_METHODS.has(input.method.toUpperCase())) return { ok: true }
  // Another site cannot make a browser send an Authorization header without a CORS preflight,
  // which Signet never grants; a scanner using its device token is not riding on a cookie. Only
  // the device API reads that token (and then ignores cookies): a page action with the header
  // would still act on the cookie's session, so it gets no exemption (issue 14).
  if (input.path.startsWith(DEVICE_API) && input.authorization && /^Device\s+\S/i.test(input.authorization))
    return { ok: true }
  if (input.fetchSite !== null && input.fetchSite !== 'same-origin') return { ok: false, reason: 'cross_site' }
  // Pages sent with Referrer-Policy: no-referrer make the browser say `Origin: null` on their own
  // form posts; Sec-Fetch-Site, which no page can forge, still tells where they come from.
  if (input.origin === null || input.origin === 'null')
    return input.fetchSite === 'same-origin' ? { ok: true } : { ok: false, reason: 'cross_site' }
  return input.allowedOrigins.includes(input.origin) ? { ok: true } : { ok: false, reason: 'cross_site' }
}
