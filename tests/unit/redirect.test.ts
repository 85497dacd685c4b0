/**
 * Redirect targets (issue 7): only same-site paths are followed; anything a browser could read as
 * another site, or as a script, falls back.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { pagePathOf } from '../../app/http/redirect'
import { safeRedirect } from '../../app/validation/safe-redirect'

/** Where a browser would go from our page, given a Location header (tabs and newlines dropped, \ as /). */
function browserTarget(location: string): URL {
  return new URL(location.replace(/[\t\n\r]/g, '').replaceAll('\\', '/'), 'https://events.example.org/login')
}

describe('safeRedirect', () => {
  it('refuses every known way out of the site', () => {
    for (const target of [
      '//evil.example',
      '/\\evil.example',
      '/\t/evil.example',
      '/\n/evil.example',
      ' //evil.example',
      'https://evil.example/',
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      '/\\/evil.example',
      // Paths that only become '//host' once their dot segments are resolved (issue 14).
      '/.//evil.test/x',
      '/x/..//evil.test/x',
      '/%2e//evil.test/x',
      '/%2E%2E//evil.test',
      '/a/b/../..//evil.test',
      'evil.example',
      '',
      null,
      undefined,
    ]) {
      expect(safeRedirect(target, '/events'), String(target)).toBe('/events')
    }
  })
  it('keeps our own paths with their query and fragment', () => {
    expect(safeRedirect('/events/yantai-2024?view=room#day-2')).toBe('/events/yantai-2024?view=room#day-2')
    expect(safeRedirect('/e/x/register?lng=ja')).toBe('/e/x/register?lng=ja')
  })
  it('never yields a target a browser would take to another origin (fast-check)', () => {
    const tricky = fc.constantFrom(
      '/',
      '\\',
      '\t',
      '\n',
      ':',
      '.',
      '..',
      '%2e',
      '%2E',
      '@',
      '%',
      '?',
      '#',
      'evil',
      'javascript',
      ' ',
    )
    const input = fc.oneof(
      fc.string(),
      fc.array(tricky, { maxLength: 12 }).map((parts) => parts.join('')),
      // Our own paths made of dot segments and slashes, e.g. '/.//evil' or '/%2e/..//evil'.
      fc
        .array(fc.constantFrom('/', '.', '..', '%2e', 'x', 'evil'), { maxLength: 8 })
        .map((parts) => `/${parts.join('')}`),
    )
    fc.assert(
      fc.property(input, (target) => {
        const result = safeRedirect(target, '/fallback')
        const url = browserTarget(result)
        return url.origin === 'https://events.example.org' && url.protocol === 'https:'
      }),
      { numRuns: 2000 },
    )
  })
})

describe('pagePathOf', () => {
  const at = (url: string) => pagePathOf(new Request(`https://events.example.org${url}`))

  it('gives the page a client-side data request is for, not its .data URL (React Router 8 passes the raw request)', () => {
    expect(at('/events/demo.data?_routes=routes%2Fevent')).toBe('/events/demo')
    expect(at('/_root.data?_routes=root')).toBe('/')
    expect(at('/events/_.data')).toBe('/events/')
    expect(at('/events/demo/registrations.data?status=waitlisted&_routes=a%2Cb')).toBe(
      '/events/demo/registrations?status=waitlisted',
    )
    expect(at('/events/demo/sessions.data?index&_routes=x')).toBe('/events/demo/sessions')
  })

  it('keeps a document request as it is', () => {
    expect(at('/events/demo/people?q=%E9%88%B4%E6%9C%A8')).toBe('/events/demo/people?q=%E9%88%B4%E6%9C%A8')
    expect(at('/')).toBe('/')
  })
})
