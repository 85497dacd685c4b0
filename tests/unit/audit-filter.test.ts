/**
 * The audit log's filters (app/audit/audit-filter.ts) and how a row reads (audit-view.ts):
 * coded errors per field, the paging cursor, and a label for every action the app writes.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { auditQueryString, parseAuditFilter, parseCursor } from '../../app/audit/audit-filter'
import { actionKey, auditTimestamp, detailSummary } from '../../app/audit/audit-view'
import { LANGUAGES } from '../../app/i18n/i18n'
import { lookup, type MessageTree } from '../../app/i18n/messages'
import { resources } from '../../app/i18n/resources'

const parse = (query: Record<string, string>) => parseAuditFilter(new URLSearchParams(query))

describe('parseAuditFilter', () => {
  it('reads no filter as everything', () => {
    expect(parse({})).toEqual({
      ok: true,
      filter: { actor: '', action: '', event: '', from: null, to: null },
      before: null,
    })
  })

  it('normalizes an email (trim, lower case, full-width folded) and keeps a user id as it is', () => {
    const byEmail = parse({ actor: '  Ｏrganizer@Example.ORG ' })
    expect(byEmail.ok && byEmail.filter.actor).toBe('organizer@example.org')
    const byId = parse({ actor: '0b5c1f7e-1111-4222-8333-444455556666' })
    expect(byId.ok && byId.filter.actor).toBe('0b5c1f7e-1111-4222-8333-444455556666')
  })

  it('takes an exact action code or an area prefix ending in a dot, and refuses anything else', () => {
    const exact = parse({ action: 'user.create' })
    expect(exact.ok && exact.filter.action).toBe('user.create')
    const prefix = parse({ action: 'segment.' })
    expect(prefix.ok && prefix.filter.action).toBe('segment.')
    const bad = parse({ action: "user.create' or 1=1 --" })
    expect(bad).toMatchObject({ ok: false, errors: { action: { key: 'validation.choice' } } })
  })

  it('refuses an event that is not a slug with validation.slug', () => {
    expect(parse({ event: 'Yantai 2030' })).toMatchObject({ ok: false, errors: { event: { key: 'validation.slug' } } })
    const ok = parse({ event: 'Yantai-2030' })
    expect(ok.ok && ok.filter.event).toBe('yantai-2030')
  })

  it('refuses a date that is not a real calendar day with validation.date, on that field', () => {
    for (const from of ['2030-02-30', '20300520', 'yesterday', '2030-5-1']) {
      const result = parse({ from, to: '2030-05-20' })
      expect(result, from).toMatchObject({ ok: false, errors: { from: { key: 'validation.date' } } })
      expect(result.ok || Object.keys(result.errors)).toEqual(['from'])
    }
    expect(parse({ to: '2030-13-01' })).toMatchObject({ ok: false, errors: { to: { key: 'validation.date' } } })
  })

  it('refuses a last day before the first on `to`, and accepts a single day', () => {
    expect(parse({ from: '2030-05-21', to: '2030-05-20' })).toMatchObject({
      ok: false,
      errors: { to: { key: 'audit.errors.toBeforeFrom' } },
    })
    expect(parse({ from: '2030-05-20', to: '2030-05-20' })).toMatchObject({
      ok: true,
      filter: { from: '2030-05-20', to: '2030-05-20' },
    })
  })

  it('echoes what was sent when it refuses, cut to a field’s length', () => {
    const result = parse({ actor: 'x'.repeat(400), from: 'nope' })
    expect(result).toMatchObject({ ok: false, errors: { actor: { key: 'validation.tooLong' } } })
    if (result.ok) return
    expect(result.values.from).toBe('nope')
    expect(result.values.actor).toHaveLength(254)
  })

  it('reads its own cursor and ignores any other, and the query string keeps filters and cursor', () => {
    const cursor = { createdAt: '2030-05-20T01:02:03.456Z', id: '0b5c1f7e-1111-4222-8333-444455556666' }
    const query = auditQueryString(
      { actor: 'a@example.org', action: 'user.', event: '', from: '2030-05-01', to: null },
      cursor,
    )
    const again = parseAuditFilter(new URLSearchParams(query))
    expect(again).toEqual({
      ok: true,
      filter: { actor: 'a@example.org', action: 'user.', event: '', from: '2030-05-01', to: null },
      before: cursor,
    })
    expect(parseCursor('2030-05-20~x')).toBeNull()
    expect(parseCursor("2030-05-20T01:02:03.456Z~a'b")).toBeNull()
  })
})

describe('how an audit row reads', () => {
  it('summarizes detail JSON as key: value pairs, shows other text as it is, and cuts long text', () => {
    expect(detailSummary('{"email":"x@example.org","count":3,"order":["a","b"],"none":null}')).toBe(
      'email: x@example.org, count: 3, order: ["a","b"], none: —',
    )
    expect(detailSummary('=HYPERLINK("http://evil.example")')).toBe('=HYPERLINK("http://evil.example")')
    expect(detailSummary(null)).toBe('')
    expect(detailSummary(JSON.stringify({ long: 'y'.repeat(500) }))).toHaveLength(300)
    expect(detailSummary(JSON.stringify({ long: 'y'.repeat(500) }), { max: Number.POSITIVE_INFINITY })).toHaveLength(
      506,
    )
  })

  it('writes the time in the given zone for a spreadsheet, whatever the server’s zone', () => {
    expect(auditTimestamp('2030-05-19T16:00:00.000Z', 'Asia/Shanghai')).toBe('2030-05-20 00:00:00')
    expect(auditTimestamp('2030-05-19T15:59:59.000Z', 'Asia/Shanghai')).toBe('2030-05-19 23:59:59')
  })
})

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sourceFiles(path)
    return /\.tsx?$/.test(name) ? [path] : []
  })
}

describe('action labels', () => {
  it('has a label in zh, en and ja for every action code the app writes', () => {
    const codes = new Set<string>([
      // written from a template: event.${status}, invitation.${mode}, invitation.link_${action}
      ...['event.draft', 'event.published', 'event.archived'],
      ...['invitation.send', 'invitation.resend', 'invitation.remind'],
      ...['invitation.link_revoke', 'invitation.link_reissue'],
    ])
    // The modules that call audit(): the domain's *.server.ts files.
    for (const file of sourceFiles('app').filter((f) => f.endsWith('.server.ts'))) {
      const text = readFileSync(file, 'utf8')
      if (!text.includes('await audit(') && !text.includes('return audit(')) continue
      // action: 'a.b', or a choice between codes: action: created ? 'a.create' : 'a.update'
      for (const m of text.matchAll(/action: ([^,\n]+)/g)) {
        for (const code of (m[1] ?? '').matchAll(/'([a-z_]+(?:\.[a-z_]+)+)'/g)) if (code[1]) codes.add(code[1])
      }
      for (const m of text.matchAll(/touch\(trx, actor, [\w.]+, '([a-z_.]+)'/g)) if (m[1]) codes.add(m[1])
    }
    expect(codes.size).toBeGreaterThan(40)
    const missing = [...codes].filter((code) =>
      LANGUAGES.some((lng) => !lookup(resources[lng].translation as MessageTree, actionKey(code))),
    )
    expect(missing).toEqual([])
  })
})
