/**
 * Seats opened by a larger capacity (issue 16, first part): raising a session's capacity, or
 * making it unlimited, gives the open seats to the people waiting, in the order they asked, under
 * the event's seat lock, and queues each promoted person's mail, before any newcomer can take
 * them. Called on the domain with a real database, SQLite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SessionUser } from '../../app/auth/session.server'
import { parseSessionForm } from '../../app/sessions/session-form'
import { updateSession } from '../../app/sessions/sessions.server'
import { createTestDatabase, type TestDatabase, testDialect } from '../helpers/db'
import { makeUser } from '../helpers/fixtures'
import { makeEvent, makeInvitees, registrationRow } from '../helpers/registration'

let t: TestDatabase
let actor: SessionUser
const NOW = new Date('2030-05-01T02:00:00.000Z')

beforeAll(async () => {
  t = await createTestDatabase()
  const id = await makeUser(t.db, 'planner@example.org', { admin: true })
  actor = { id, email: 'planner@example.org', name: 'planner', isAdmin: true, language: 'en' }
})
afterAll(async () => {
  await t?.destroy()
})

/** A forum with `capacity` seats: one person seated, then `waiting` people waitlisted one minute apart. */
async function fullForum(slug: string, capacity: number, waiting: number) {
  const event = await makeEvent(t.db, {
    slug,
    sessions: [{ title: 'Forum', start: '2030-05-20T09:00', end: '2030-05-20T10:00', capacity }],
  })
  const sessionId = event.sessionIds[0] ?? ''
  const people = await makeInvitees(t.db, event, capacity + waiting, { prefix: `${slug}-` })
  const registrations: string[] = []
  for (const [n, person] of people.entries()) {
    const row = registrationRow({ event_id: event.id, person_id: person.personId, email: person.email })
    await t.db.insertInto('registrations').values(row).execute()
    await t.db
      .insertInto('registration_sessions')
      .values({
        registration_id: row.id,
        session_id: sessionId,
        status: n < capacity ? 'confirmed' : 'waitlisted',
        requested_at: new Date(Date.UTC(2030, 3, 1, 0, n)).toISOString(),
        updated_at: new Date(Date.UTC(2030, 3, 1, 0, n)).toISOString(),
      })
      .execute()
    registrations.push(row.id)
  }
  await t.db.deleteFrom('outbox').execute()
  return { event, sessionId, registrations }
}

function forumInput(capacity: string) {
  const parsed = parseSessionForm(
    {
      kind: 'forum',
      title_en: 'Forum',
      date: '2030-05-20',
      start_time: '09:00',
      end_time: '10:00',
      capacity,
      interpretation: [],
      chain: '',
      meeting_time: '',
      visits: [],
    },
    { timezone: 'Asia/Shanghai', startsOn: '2030-05-20', endsOn: '2030-05-22' },
  )
  if (!parsed.ok) throw new Error(`invalid session: ${JSON.stringify(parsed.errors)}`)
  return parsed.value
}

async function seats(sessionId: string) {
  const rows = await t.db
    .selectFrom('registration_sessions')
    .select(['registration_id', 'status'])
    .where('session_id', '=', sessionId)
    .execute()
  return new Map(rows.map((r) => [r.registration_id, r.status]))
}

describe(`a larger capacity, on ${testDialect}`, () => {
  it('promotes the first people waiting, in the order they asked, and mails each of them', async () => {
    const { event, sessionId, registrations } = await fullForum('raise-by-two', 1, 3)
    const [seated, first, second, third] = registrations
    expect(await updateSession(t.db, actor, event.id, sessionId, forumInput('3'), NOW)).toEqual({
      ok: true,
      id: sessionId,
    })
    const after = await seats(sessionId)
    expect([seated, first, second, third].map((id) => after.get(id ?? ''))).toEqual([
      'confirmed',
      'confirmed',
      'confirmed',
      'waitlisted',
    ])
    const mails = await t.db.selectFrom('outbox').select(['kind', 'registration_id', 'data']).execute()
    expect(mails.map((m) => [m.kind, m.registration_id]).sort()).toEqual(
      [
        ['waitlist', first],
        ['waitlist', second],
      ].sort(),
    )
    for (const mail of mails) expect(JSON.parse(mail.data)).toEqual({ sessionIds: [sessionId], state: 'promoted' })
    const audit = await t.db
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'session.update')
      .where('entity_id', '=', sessionId)
      .executeTakeFirstOrThrow()
    expect(JSON.parse(audit.detail ?? '{}')).toEqual({ promoted: 2 })
  })

  it('promotes everyone waiting when the session becomes unlimited', async () => {
    const { event, sessionId, registrations } = await fullForum('raise-unlimited', 2, 4)
    await updateSession(t.db, actor, event.id, sessionId, forumInput(''), NOW)
    const after = await seats(sessionId)
    expect(registrations.map((id) => after.get(id))).toEqual(Array(6).fill('confirmed'))
    expect(await t.db.selectFrom('outbox').select('id').execute()).toHaveLength(4)
  })

  it('changes no seat and sends no mail when the capacity does not grow', async () => {
    const { event, sessionId } = await fullForum('same-size', 2, 1)
    const before = await seats(sessionId)
    await updateSession(t.db, actor, event.id, sessionId, forumInput('2'), NOW)
    expect(await seats(sessionId)).toEqual(before)
    expect(await t.db.selectFrom('outbox').select('id').execute()).toEqual([])
  })
})
