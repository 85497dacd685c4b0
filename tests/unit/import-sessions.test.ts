import { describe, expect, it } from 'vitest'
import { parseImportFile, validateRows } from '../../app/people/people-import'
import {
  buildSessionIndex,
  matchSessions,
  splitSessionList,
  vipOnlySessionNamed,
} from '../../app/people/session-column'

const index = buildSessionIndex([
  { id: 'opening-id', titles: ['开幕式', 'Opening ceremony', '開会式'], registrationRequired: 1 },
  { id: 'gala-id', titles: ['欢迎晚宴', 'Gala dinner', '歓迎夕食会'], registrationRequired: 1, vipOnly: 1 },
  { id: 'visit-1', titles: ['企业参观', 'Site visit', '企業視察'], registrationRequired: 1 },
  { id: 'visit-2', titles: ['企业参观', 'Site visit', '企業視察'], registrationRequired: 1 },
  { id: 'forum-id', titles: ['氢能论坛', 'Hydrogen, energy forum', ''], registrationRequired: 1 },
  { id: 'keynote-id', titles: ['主旨演讲', 'Keynote', '基調講演'], registrationRequired: 0 },
])

describe('the sessions column of an import', () => {
  it('splits on ; 、 and , in half and full width, dropping empty names', () => {
    expect(splitSessionList('开幕式；欢迎晚宴、Gala dinner, ;Opening ceremony，')).toEqual([
      '开幕式',
      '欢迎晚宴',
      'Gala dinner',
      'Opening ceremony',
    ])
  })

  it('matches titles in any language, ignoring case, width and spaces, and ids; an empty cell invites to all', () => {
    expect(matchSessions('开幕式、ＧＡＬＡ　 dinner; 開会式', index)).toEqual({
      ok: true,
      ids: ['opening-id', 'gala-id'],
      openToAll: [],
    })
    expect(matchSessions('GALA-ID', index)).toEqual({ ok: true, ids: ['gala-id'], openToAll: [] })
    expect(matchSessions('  ', index)).toEqual({ ok: true, ids: [], openToAll: [] })
  })

  it('takes a cell that is one title as a whole, even when the title holds a comma', () => {
    expect(matchSessions('hydrogen, Energy forum', index)).toEqual({ ok: true, ids: ['forum-id'], openToAll: [] })
  })

  it('names the first unknown or ambiguous session', () => {
    expect(matchSessions('开幕式; 闭幕式', index)).toEqual({ ok: false, reason: 'unknown', name: '闭幕式' })
    expect(matchSessions('Site visit', index)).toEqual({ ok: false, reason: 'ambiguous', name: 'Site visit' })
  })

  it('accepts a session open to all, which needs no invitation, and says it was left out', () => {
    expect(matchSessions('Keynote', index)).toEqual({ ok: true, ids: [], openToAll: ['Keynote'] })
    expect(matchSessions('开幕式; Keynote', index)).toEqual({ ok: true, ids: ['opening-id'], openToAll: ['Keynote'] })
    const [row] = validateRows(
      [{ line: 2, cells: { email: 'k@example.org', latin_name: 'K' }, sessions: 'Keynote' }],
      new Set(),
      index,
    )
    expect(row?.status === 'valid' && [row.sessionIds, row.notes]).toEqual([
      [],
      [{ key: 'invitations.import.sessionOpenToAll', values: { session: 'Keynote' } }],
    ])
  })

  it('reads the column into each row, still lists it as ignored, and makes a row with an unknown session invalid', async () => {
    const csv = 'email,latin_name,议程\na@example.org,A,开幕式、欢迎晚宴\nb@example.org,B,\nc@example.org,C,闭幕式\n'
    const parsed = await parseImportFile(new TextEncoder().encode(csv), 'list.csv')
    if (!parsed.ok) throw new Error(parsed.error.key)
    expect(parsed.file.sessionsColumn).toBe('议程')
    expect(parsed.file.ignored).toEqual(['议程'])
    expect(parsed.file.rows.map((r) => r.sessions)).toEqual(['开幕式、欢迎晚宴', '', '闭幕式'])

    const [a, b, c] = validateRows(parsed.file.rows, new Set(['b@example.org']), index)
    expect(a?.status === 'valid' && a.sessionIds).toEqual(['opening-id', 'gala-id'])
    expect(b?.status === 'duplicate' && b.sessionIds).toEqual([])
    expect(c?.status === 'invalid' && c.errors.sessions).toEqual({
      key: 'invitations.import.unknownSession',
      values: { session: '闭幕式' },
    })
    // Without an event, the column is not read: every row is judged as before.
    expect(validateRows(parsed.file.rows, new Set()).map((v) => v.status)).toEqual(['valid', 'valid', 'valid'])
  })
})

describe('VIP-only sessions in the sessions column', () => {
  it('names the first VIP-only session of a cell as written, and nothing for the others', () => {
    expect(vipOnlySessionNamed('开幕式；ＧＡＬＡ  Dinner', index)).toBe('GALA  Dinner')
    expect(vipOnlySessionNamed('开幕式', index)).toBeNull()
    expect(vipOnlySessionNamed('', index)).toBeNull()
  })
})
