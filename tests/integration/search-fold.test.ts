/**
 * Search folds what a user cannot see (issue 16), on SQLite and PostgreSQL: a Japanese delegate
 * stored in hiragana (imported into the directory, invited, registered through the form) is found
 * by katakana, half-width katakana, full-width Latin, with spaces and in any case, in the
 * directory, the invitations, the registrations, the door's search and a session's attendance
 * page. Every write path keeps
 * the rows' search text equal to what the application folds from them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { searchAttendees } from '../../app/checkin/roster.server'
import { formObject } from '../../app/http/form'
import { listPeople, loadExistingEmails } from '../../app/people/people.server'
import { parseImportFile, validateRows } from '../../app/people/people-import'
import { organizationSearchText, personSearchText, registrationSearchText } from '../../app/people/search'
import { listInvitations } from '../../app/registration/invitation-list.server'
import { commitImport } from '../../app/registration/people-import.server'
import { registerPublic } from '../../app/registration/public-registration.server'
import { parseRegistrationForm } from '../../app/registration/registration-form'
import { listRegistrations } from '../../app/registration/registration-list.server'
import { submitRegistration } from '../../app/registration/submission.server'
import { makeUser, signedIn } from '../helpers/fixtures'
import { makeEvent, registrationForm, TEST_SECRET } from '../helpers/registration'
import { startTestServer, type TestServer } from '../helpers/server'

let t: TestServer
let event: { id: string; slug: string; sessionIds: string[] }
let userId = ''

/** The ways a door or an organizer may type Suzuki Hanako, stored as すずき はなこ. */
const SUZUKI = ['スズキ', 'ｽｽﾞｷ', 'すずき　はなこ', 'スズキ ハナコ', 'ｽｽﾞｷﾊﾅｺ', 'suzuki HANAKO', 'ＳＵＺＵＫＩ', 'ﾊﾅｺ']

function csv(rows: string[][]): Uint8Array {
  const header = 'organization,country,family_name,given_name,latin_name,kana,title,email,phone,preferred_language,vip'
  return new TextEncoder().encode(`${[header, ...rows.map((r) => r.join(','))].join('\r\n')}\r\n`)
}

async function importRows(rows: string[][], onDuplicate: 'skip' | 'update', invite = false): Promise<void> {
  const parsed = await parseImportFile(csv(rows), 'people.csv', 'auto')
  if (!parsed.ok) throw new Error(parsed.error.key)
  const verdicts = validateRows(parsed.file.rows, await loadExistingEmails(t.db))
  const target = invite
    ? await t.db
        .selectFrom('events')
        .select(['id', 'ends_on', 'timezone'])
        .where('id', '=', event.id)
        .executeTakeFirstOrThrow()
    : undefined
  const result = await commitImport(t.db, { id: userId }, verdicts, {
    onDuplicate,
    filename: 'people.csv',
    ...(target ? { invite: target } : {}),
  })
  if (!result.ok) throw new Error(result.reason)
}

beforeAll(async () => {
  t = await startTestServer()
  userId = await makeUser(t.db, 'admin@example.org', { admin: true })
  event = await makeEvent(t.db, {
    slug: 'fold',
    mode: 'open',
    sessions: [{ title: 'Hydrogen forum', start: '2030-05-20T10:00', end: '2030-05-20T12:00' }],
  })
  // The directory: one Japanese delegate in hiragana (her organization's name in half-width
  // katakana), one Chinese delegate, and a Japanese one in katakana; all invited.
  await importRows(
    [
      [
        'ｽｽﾞｷ商事',
        'JP',
        'すずき',
        'はなこ',
        'SUZUKI Hanako',
        'すずき はなこ',
        '部長',
        'Hanako@Suzuki.example',
        '',
        'ja',
        'no',
      ],
      ['烟台港集团', 'CN', '李', '娜', 'LI Na', '', '总经理', 'li@yantai.example', '', 'zh', 'no'],
      ['トヨタ', 'JP', 'タナカ', 'ユウコ', 'TANAKA Yuko', 'タナカ ユウコ', '', 'tanaka@toyota.example', '', 'ja', 'no'],
    ],
    'skip',
    true,
  )
  // Suzuki registers through the form, in hiragana.
  const invitation = await t.db
    .selectFrom('invitations as i')
    .innerJoin('people as p', 'p.id', 'i.person_id')
    .select('i.id')
    .where('p.latin_name', '=', 'SUZUKI Hanako')
    .executeTakeFirstOrThrow()
  const form = registrationForm('hanako@suzuki.example', [event.sessionIds[0] ?? ''], {
    family_name: 'すずき',
    given_name: 'はなこ',
    latin_name: 'SUZUKI Hanako',
    kana: 'すずき はなこ',
    organization: 'すずき商事',
  })
  const fd = new FormData()
  for (const [k, v] of form) fd.append(k, v)
  const parsed = parseRegistrationForm(formObject(fd, ['sessions']))
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors))
  const submitted = await submitRegistration(t.db, TEST_SECRET, {
    invitationId: invitation.id,
    input: parsed.value,
    source: 'invitation',
    lng: 'ja',
  })
  if (!submitted.ok) throw new Error(JSON.stringify(submitted.errors))
})

afterAll(async () => {
  await t?.close()
})

const names = (rows: readonly { latinName: string }[]) => rows.map((r) => r.latinName)

describe('folded search over a delegate stored in hiragana', () => {
  it('finds her in the directory by katakana, half-width, spaces and case, and her organization the same way', async () => {
    for (const q of [...SUZUKI, 'すずき商事', 'スズキ商事']) {
      expect(names((await listPeople(t.db, { q })).people), q).toEqual(['SUZUKI Hanako'])
    }
    // Katakana stored, hiragana typed; and the Chinese delegate as before.
    expect(names((await listPeople(t.db, { q: 'たなか ゆうこ' })).people)).toEqual(['TANAKA Yuko'])
    expect(names((await listPeople(t.db, { q: 'とよた' })).people)).toEqual(['TANAKA Yuko'])
    expect(names((await listPeople(t.db, { q: '李娜' })).people)).toEqual(['LI Na'])
    expect(names((await listPeople(t.db, { q: 'hanako@SUZUKI' })).people)).toEqual(['SUZUKI Hanako'])
    expect((await listPeople(t.db, { q: '%' })).people).toEqual([])
  })

  it('finds her among the invitations', async () => {
    for (const q of [...SUZUKI, 'ｽｽﾞｷ商事']) {
      const { items } = await listInvitations(t.db, event.id, { q })
      expect(
        items.map((i) => i.latinName),
        q,
      ).toEqual(['SUZUKI Hanako'])
    }
    expect((await listInvitations(t.db, event.id, { q: 'ﾀﾅｶ' })).items).toHaveLength(1)
  })

  it('finds her among the registrations, by what she gave on the form', async () => {
    for (const q of [...SUZUKI, 'ｽｽﾞｷ商事']) {
      const { items } = await listRegistrations(t.db, event.id, { q })
      expect(
        items.map((i) => i.latinName),
        q,
      ).toEqual(['SUZUKI Hanako'])
    }
    expect((await listRegistrations(t.db, event.id, { q: 'タナカ' })).items).toEqual([])
  })

  it('finds her at the door, allowed in', async () => {
    const scanner = { kind: 'user' as const, userId, name: 'door', eventId: event.id }
    for (const q of [...SUZUKI, 'すずき商事', 'hanako@suzuki.example']) {
      const result = await searchAttendees(t.db, scanner, event.sessionIds[0] ?? '', q)
      if (!result.ok) throw new Error(result.reason)
      expect(
        result.results.map((r) => [r.attendee.latinName, r.allowed]),
        q,
      ).toEqual([['SUZUKI Hanako', true]])
    }
    const empty = await searchAttendees(t.db, scanner, event.sessionIds[0] ?? '', '   ')
    expect(empty).toEqual({ ok: true, results: [] })
  })
})

describe('the attendance page of a session', () => {
  it('finds her by half-width katakana and spaces among who is expected', async () => {
    const admin = await signedIn(t.origin, 'admin@example.org')
    const page = async (q: string) =>
      (
        await admin.get(`/events/${event.slug}/attendance/${event.sessionIds[0]}?lng=en&q=${encodeURIComponent(q)}`)
      ).text()
    for (const q of ['ｽｽﾞｷ', 'スズキ　ハナ', 'ｓｕｚｕｋｉ']) {
      expect(await page(q), q).toContain('SUZUKI Hanako')
    }
    expect(await page('タナカ')).not.toContain('SUZUKI Hanako')
  })
})

describe('the search text kept by every write', () => {
  it('follows an import that updates names: the new name finds her, the old no longer does', async () => {
    await importRows(
      [['', 'JP', 'すずき', 'はるこ', 'SUZUKI Haruko', 'すずき はるこ', '', 'hanako@suzuki.example', '', '', '']],
      'update',
    )
    expect(names((await listPeople(t.db, { q: 'ハルコ' })).people)).toEqual(['SUZUKI Haruko'])
    expect(names((await listPeople(t.db, { q: 'ｽｽﾞｷ' })).people)).toEqual(['SUZUKI Haruko'])
    expect((await listPeople(t.db, { q: 'ﾊﾅｺ' })).people).toEqual([])
  })

  it('follows the open form: a new person and registration are found folded', async () => {
    const form = registrationForm('kato@example.jp', [event.sessionIds[0] ?? ''], {
      family_name: 'かとう',
      given_name: 'めぐみ',
      latin_name: 'KATO Megumi',
      kana: 'かとう めぐみ',
      organization: 'カトウ工業',
    })
    const fd = new FormData()
    for (const [k, v] of form) fd.append(k, v)
    const parsed = parseRegistrationForm(formObject(fd, ['sessions']))
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors))
    const event_ = await t.db.selectFrom('events').selectAll().where('id', '=', event.id).executeTakeFirstOrThrow()
    const result = await registerPublic(t.db, TEST_SECRET, event_, parsed.value, { lng: 'ja', ip: null })
    expect(result.ok).toBe(true)
    expect(names((await listPeople(t.db, { q: 'ｶﾄｳ ﾒｸﾞﾐ' })).people)).toEqual(['KATO Megumi'])
    expect((await listRegistrations(t.db, event.id, { q: 'かとう工業' })).items.map((i) => i.latinName)).toEqual([
      'KATO Megumi',
    ])
  })

  it('leaves no row whose search text differs from what the application folds from it', async () => {
    for (const p of await t.db.selectFrom('people').selectAll().execute()) {
      expect(p.search_text, p.latin_name).toBe(personSearchText(p))
    }
    for (const o of await t.db.selectFrom('organizations').selectAll().execute()) {
      expect(o.search_text, o.name_en).toBe(organizationSearchText(o))
    }
    const registrations = await t.db.selectFrom('registrations').selectAll().execute()
    expect(registrations.length).toBeGreaterThan(1)
    for (const r of registrations) expect(r.search_text, r.latin_name).toBe(registrationSearchText(r))
  })
})
