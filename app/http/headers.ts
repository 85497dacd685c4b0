/**
 * A page's response headers: never cached, and an action's Retry-After (a rate limit's answer)
 * passed on, since React Router keeps an action's headers only when the route says so.
 */
export function noStoreHeaders({ actionHeaders }: { actionHeaders: Headers }): Headers {
  const headers = new Headers({ 'Cache-Control': 'no-store' })
  const retry = actionHeaders.get('Retry-After')
  if (retry) headers.set('Retry-After', retry)
  return headers
}
