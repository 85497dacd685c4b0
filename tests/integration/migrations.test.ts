/**
 * Migrations run on a database full of data from the previous release (issue 7): the demo event
 * with its invitations, registrations and door scans, at the schema the previous release left
 * (its last migration, 0006), is migrated to the latest; every row is still there, the new
 * tables work, the attendance counts 0008 keeps start equal to the rows, and 0011 folds the search
 * text of every row as the application would. SQLite and PostgreSQL.
 */
import { randomUUID } from 'node:crypto'
import { Migrator } from 'kysely/migration'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eventAttendance, eventAttendanceLists } from '../../app/checkin/attendance.server'
import { redeem } from '../../app/checkin/checkin.server'
import { seedDemo } from '../../app/demo/demo-seed.server'
import { listPeople } from '../../app/people/people.server'
import { organizationSearchText, personSearchText, registrationSearchText } from '../../app/people/search'
import { migrateToLatest } from '../../db/migrate'
import { migrationProvider } from '../../db/migrations/index'
import { createTestDatabase, type TestDatabase } from '../helpers/db'
import { fingerprint } from '../helpers/fingerprint'
import { makeUser } from '../helpers/fixtures'
import { makeEvent, makeInvitees, registrationRow, TEST_SECRET } from '../helpers/registration'

/** The last migration of the release before issue 6. */
const PREVIOUS_RELEASE = '20261122_0006_badge_roles'
const NEW_TABLES = [
  'segments',
  'segment_parties',
  'segment_people',
  'projects',
  'protocol_ranks',
  'stage_tables',
  'account_tokens',
]
/** Columns later migrations add to the previous release's tables (checked on their own below). */
const NEW_COLUMNS = {
  users: ['language', 'activated_at', 'last_login_at'],
  events: [
    'scan_opens_minutes',
    'contact_name',
    'contact_phone',
    'contact_email',
    'contact_wechat',
    'sender_name',
    'reply_to',
  ],
  checkins: ['override'],
  people: ['search_text'],
  organizations: ['search_text'],
  registrations: ['search_text'],
}

let t: TestDatabase
beforeAll(async () => {
  t = await createTestDatabase()
  await seedDemo(t.db, new Date(), TEST_SECRET)
  const userId = await makeUser(t.db, 'door@example.org', { admin: true })
  const event = await t.db.selectFrom('events').select('id').executeTakeFirstOrThrow()
  const opening = await t.db
    .selectFrom('sessions')
    .select(['id', 'starts_at'])
    .where('event_id', '=', event.id)
    .where('registration_required', '=', 0)
    .executeTakeFirstOrThrow()
  for (const r of await t.db.selectFrom('registrations').select('id').where('status', '=', 'confirmed').execute()) {
    // Scanned as the session starts: its door takes scans then (0012).
    await redeem(
      t.db,
      { kind: 'user', userId, name: 'door', eventId: event.id },
      { code: { registrationId: r.id }, sessionId: opening.id, nonce: randomUUID() },
      new Date(opening.starts_at),
    )
  }
  // Back to the previous release's schema: what an upgrade finds.
  const { error } = await new Migrator({ db: t.db, provider: migrationProvider }).migrateTo(PREVIOUS_RELEASE)
  if (error) throw error
})
afterAll(async () => {
  await t?.destroy()
})

describe('upgrading a database full of the previous release’s data', () => {
  it('applies the new migrations and keeps every row', async () => {
    const before = await fingerprint(t.db)
    for (const table of NEW_TABLES) expect(before[table], table).toBeUndefined()
    expect(Number(before.checkins?.split(':')[0])).toBeGreaterThan(10)
    const applied = await migrateToLatest(t.db)
    expect(applied).toContain('20261201_0007_ceremonies')
    const after = await fingerprint(t.db, NEW_COLUMNS)
    for (const [table, print] of Object.entries(before)) {
      if (table === 'kysely_migration') continue
      expect(after[table], table).toBe(print)
    }
    for (const table of NEW_TABLES) expect(after[table], table).toBe(`0:${after[table]?.split(':')[1]}`)
    // The new tables take data alongside the old.
    const session = await t.db.selectFrom('sessions').select(['id', 'event_id']).executeTakeFirstOrThrow()
    await t.db
      .insertInto('segments')
      .values({
        id: randomUUID(),
        event_id: session.event_id,
        session_id: session.id,
        position: 0,
        kind: 'speech',
        minutes: 5,
        created_at: new Date().toISOString(),
        updated_at: new Date().toISOString(),
      })
      .execute()
    expect(await migrateToLatest(t.db)).toEqual([])
  })

  it('counts every existing session once (0008), equal to the counts from the rows', async () => {
    const event = await t.db.selectFrom('events').select('id').executeTakeFirstOrThrow()
    const kept = await eventAttendance(t.db, event.id)
    const computed = (await eventAttendanceLists(t.db, event.id)).map((list) => list.count)
    expect(new Map(kept.map((c) => [c.sessionId, c]))).toEqual(new Map(computed.map((c) => [c.sessionId, c])))
    expect(Math.max(...kept.map((c) => c.checkedIn))).toBeGreaterThan(10)
  })
})

describe('0012, the scan window (issue 16)', () => {
  it('opens every existing event’s doors two hours before each session, and marks no existing check-in an override', async () => {
    const events = await t.db.selectFrom('events').select('scan_opens_minutes').execute()
    expect(events.length).toBeGreaterThan(0)
    for (const e of events) expect(e.scan_opens_minutes).toBe(120)
    const overrides = await t.db.selectFrom('checkins').select('id').where('override', '!=', 0).execute()
    expect(overrides).toEqual([])
    expect((await t.db.selectFrom('checkins').select('id').execute()).length).toBeGreaterThan(10)
  })
})

describe('0011, search text (issue 16)', () => {
  it('folds every row of the previous release as the application does: people, organizations, registrations', async () => {
    // The demo data went back to 0006 above and came up again: 0011 folded it on the way.
    const people = await t.db.selectFrom('people').selectAll().execute()
    const organizations = await t.db.selectFrom('organizations').selectAll().execute()
    const registrations = await t.db.selectFrom('registrations').selectAll().execute()
    expect(people.length).toBeGreaterThan(10)
    expect(people.filter((p) => p.kana).length).toBeGreaterThan(5)
    for (const p of people) expect(p.search_text, p.latin_name).toBe(personSearchText(p))
    for (const o of organizations) expect(o.search_text, o.name_en).toBe(organizationSearchText(o))
    for (const r of registrations) expect(r.search_text, r.latin_name).toBe(registrationSearchText(r))
  })

  it('folds tables larger than one batch, kana and width included, and the search finds them', async () => {
    const d = await createTestDatabase()
    try {
      const { error } = await new Migrator({ db: d.db, provider: migrationProvider }).migrateTo(
        '20261203_0010_accounts',
      )
      if (error) throw error
      const at = '2026-12-01T00:00:00.000Z'
      const organizationId = randomUUID()
      await d.db
        .insertInto('organizations')
        .values({
          id: organizationId,
          key: null,
          name_zh: '铃木商事',
          name_en: 'Suzuki Trading',
          name_ja: 'ｽｽﾞｷ商事',
          country: 'JP',
          kind: 'company',
          fortune500: 0,
          created_at: at,
          updated_at: at,
        } as never)
        .execute()
      const person = (i: number) => ({
        id: randomUUID(),
        key: null,
        organization_id: i === 0 ? organizationId : null,
        family_name: i === 0 ? 'すずき' : '佐藤',
        given_name: i === 0 ? '花子' : `健${i}`,
        latin_name: i === 0 ? 'ＳＵＺＵＫＩ Hanako' : `SATO Ken ${i}`,
        kana: i === 0 ? 'すずき はなこ' : null,
        title_zh: null,
        title_en: null,
        title_ja: null,
        email: `p${i}@example.org`,
        phone: null,
        preferred_language: 'ja',
        vip: 0,
        dietary: null,
        created_at: at,
        updated_at: at,
      })
      const rows = Array.from({ length: 1234 }, (_, i) => person(i))
      for (let i = 0; i < rows.length; i += 200) {
        await d.db
          .insertInto('people')
          .values(rows.slice(i, i + 200) as never)
          .execute()
      }
      expect(await migrateToLatest(d.db)).toEqual([
        '20261203_0011_search_text',
        '20261203_0012_scan_window',
        '20261206_0014_mail_batches',
        '20261206_0015_registration_list_order',
        '20261206_0016_event_contact',
      ])
      const folded = await d.db.selectFrom('people').selectAll().execute()
      expect(folded).toHaveLength(1234)
      for (const p of folded) expect(p.search_text, p.latin_name).toBe(personSearchText(p))
      const organization = await d.db.selectFrom('organizations').selectAll().executeTakeFirstOrThrow()
      expect(organization.search_text).toBe('铃木商事\nsuzukitrading\nすずき商事')
      for (const q of ['スズキ', 'ｽｽﾞｷ', 'すずき　はな', 'SUZUKI', 'ｓｕｚｕｋｉ ｈａｎａｋｏ']) {
        const { people } = await listPeople(d.db, { q })
        expect(
          people.map((p) => p.latinName),
          q,
        ).toEqual(['ＳＵＺＵＫＩ Hanako'])
      }
      expect((await listPeople(d.db, { q: 'すずき商事' })).people.map((p) => p.latinName)).toEqual([
        'ＳＵＺＵＫＩ Hanako',
      ])
    } finally {
      await d.destroy()
    }
  })
})

describe('0010, accounts (issue 15)', () => {
  it('keeps every existing account usable: activated when created, in Chinese, last signed in at its newest session', async () => {
    const d = await createTestDatabase()
    try {
      const { error } = await new Migrator({ db: d.db, provider: migrationProvider }).migrateTo(
        '20261202_0009_submission_key_hashed',
      )
      if (error) throw error
      const id = randomUUID()
      const at = '2026-11-30T08:00:00.000Z'
      await d.db
        .insertInto('users')
        .values({
          id,
          email: 'old@example.org',
          name: 'Old',
          password_hash: 'x',
          is_admin: 1,
          created_at: at,
          updated_at: at,
        } as never)
        .execute()
      for (const created of ['2026-12-01T01:00:00.000Z', '2026-12-02T01:00:00.000Z']) {
        await d.db
          .insertInto('user_sessions')
          .values({
            id: randomUUID(),
            user_id: id,
            created_at: created,
            expires_at: '2026-12-09T01:00:00.000Z',
          } as never)
          .execute()
      }
      expect(await migrateToLatest(d.db)).toContain('20261203_0010_accounts')
      const user = await d.db
        .selectFrom('users')
        .select(['language', 'activated_at', 'last_login_at'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
      expect(user).toEqual({ language: 'zh', activated_at: at, last_login_at: '2026-12-02T01:00:00.000Z' })
      const seen = await d.db.selectFrom('user_sessions').select(['created_at', 'last_seen_at']).execute()
      for (const s of seen) expect(s.last_seen_at).toBe(s.created_at)
    } finally {
      await d.destroy()
    }
  })
})

describe('0009, submission keys hashed (issue 14)', () => {
  it('drops the submission keys an earlier release kept in the clear', async () => {
    const d = await createTestDatabase()
    try {
      // The rows are written as today's code writes them, then the schema goes back to 0008.
      const event = await makeEvent(d.db, { slug: 'clear-keys', sessions: [] })
      const [invitee] = await makeInvitees(d.db, event, 1)
      const row = registrationRow({
        event_id: event.id,
        person_id: invitee?.personId ?? '',
        submission_key: 'a-clear-key-0123456789ab',
      })
      await d.db.insertInto('registrations').values(row).execute()
      const { error } = await new Migrator({ db: d.db, provider: migrationProvider }).migrateTo(
        '20261201_0008_session_tallies',
      )
      if (error) throw error
      expect(await migrateToLatest(d.db)).toContain('20261202_0009_submission_key_hashed')
      const after = await d.db
        .selectFrom('registrations')
        .select(['id', 'submission_key'])
        .where('id', '=', row.id)
        .executeTakeFirstOrThrow()
      expect(after).toEqual({ id: row.id, submission_key: null })
    } finally {
      await d.destroy()
    }
  })
})
