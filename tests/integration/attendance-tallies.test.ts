/**
 * The attendance counts the database keeps (`session_tallies`, migration 0008, ADR 0017) equal
 * the counts computed from the rows, after any sequence of the writes that change them: new,
 * confirmed, cancelled and deleted registrations; seats given, waitlisted, moved and taken back;
 * VIP changes; sessions opened, closed, made VIP-only, added and deleted; admissions, rejections,
 * offline conflicts, undos and deleted check-ins. fast-check makes the sequences; the writes are
 * plain SQL, because the triggers must hold whichever code path writes. SQLite and PostgreSQL.
 */
import fc from 'fast-check'
import type { Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eventAttendance, eventAttendanceLists } from '../../app/checkin/attendance.server'
import { withPersonSearchText } from '../../app/people/search'
import { newId, nowIso } from '../../db/ids'
import type { Database } from '../../db/schema'
import { createTestDatabase, type TestDatabase } from '../helpers/db'
import { makeEvent, registrationRow } from '../helpers/registration'

let test: TestDatabase
let db: Kysely<Database>

beforeAll(async () => {
  test = await createTestDatabase()
  db = test.db
})
afterAll(async () => {
  await test?.destroy()
})

const PEOPLE = 3
const registrationStatus = fc.constantFrom('pending' as const, 'confirmed' as const, 'cancelled' as const)
const seatStatus = fc.constantFrom('confirmed', 'waitlisted', 'cancelled', 'none')
const person = fc.nat(PEOPLE - 1)
const session = fc.nat(3)

const operation = fc.oneof(
  fc.record({ op: fc.constant('register' as const), person, status: registrationStatus }),
  fc.record({ op: fc.constant('deleteRegistration' as const), person }),
  fc.record({ op: fc.constant('seat' as const), person, session, status: seatStatus }),
  fc.record({ op: fc.constant('moveSeat' as const), person, session, to: session }),
  fc.record({ op: fc.constant('vip' as const), person, vip: fc.boolean() }),
  fc.record({ op: fc.constant('rules' as const), session, required: fc.boolean(), vipOnly: fc.boolean() }),
  fc.record({ op: fc.constant('addSession' as const), required: fc.boolean(), vipOnly: fc.boolean() }),
  fc.record({ op: fc.constant('deleteSession' as const), session }),
  fc.record({
    op: fc.constant('scan' as const),
    person: fc.option(person, { nil: null }),
    session,
    ok: fc.boolean(),
    conflict: fc.boolean(),
  }),
  fc.record({ op: fc.constant('undo' as const), nth: fc.nat(20) }),
  fc.record({ op: fc.constant('deleteScan' as const), nth: fc.nat(20) }),
)
type Operation = typeof operation extends fc.Arbitrary<infer T> ? T : never

/** An event of three sessions (registration required / open / open and VIP only) and 3 people. */
async function world(slug: string) {
  const event = await makeEvent(db, {
    slug,
    sessions: [
      { title: 'Forum', start: '2030-05-20T09:00', end: '2030-05-20T10:00' },
      { title: 'Opening', start: '2030-05-20T10:00', end: '2030-05-20T11:00', registrationRequired: false },
      {
        title: 'VIP dinner',
        start: '2030-05-20T18:00',
        end: '2030-05-20T20:00',
        registrationRequired: false,
        vipOnly: true,
      },
    ],
  })
  const at = nowIso()
  const people: string[] = []
  for (let i = 0; i < PEOPLE; i++) {
    const id = newId()
    people.push(id)
    await db
      .insertInto('people')
      .values(
        withPersonSearchText({
          id,
          key: null,
          organization_id: null,
          family_name: '佐藤',
          given_name: `健${i}`,
          latin_name: `SATO Ken${i}`,
          kana: 'さとう',
          title_zh: null,
          title_en: null,
          title_ja: null,
          email: `${slug}-${i}@example.org`,
          phone: null,
          preferred_language: 'ja',
          vip: i % 2,
          dietary: null,
          created_at: at,
          updated_at: at,
        }),
      )
      .execute()
  }
  return { eventId: event.id, sessions: [...event.sessionIds], people, registrations: new Map<number, string>() }
}

type World = Awaited<ReturnType<typeof world>>

async function apply(w: World, o: Operation, q: Kysely<Database> = db): Promise<void> {
  const at = nowIso()
  const sessionId = 'session' in o ? w.sessions[o.session % Math.max(w.sessions.length, 1)] : undefined
  const registrationId = 'person' in o && o.person !== null ? w.registrations.get(o.person) : undefined
  switch (o.op) {
    case 'register': {
      if (registrationId) {
        await q.updateTable('registrations').set({ status: o.status }).where('id', '=', registrationId).execute()
        return
      }
      const id = newId()
      w.registrations.set(o.person, id)
      await q
        .insertInto('registrations')
        .values(
          registrationRow({
            id,
            event_id: w.eventId,
            person_id: w.people[o.person] ?? '',
            status: o.status,
            given_name: `健${o.person}`,
            latin_name: `SATO Ken${o.person}`,
            kana: 'さとう',
            email: `p${o.person}@example.org`,
          }),
        )
        .execute()
      return
    }
    case 'deleteRegistration':
      if (!registrationId) return
      w.registrations.delete(o.person)
      await q.deleteFrom('registrations').where('id', '=', registrationId).execute()
      return
    case 'seat': {
      if (!registrationId || !sessionId) return
      const seat = q
        .deleteFrom('registration_sessions')
        .where('registration_id', '=', registrationId)
        .where('session_id', '=', sessionId)
      if (o.status === 'none') {
        await seat.execute()
        return
      }
      const updated = await q
        .updateTable('registration_sessions')
        .set({ status: o.status as 'confirmed' })
        .where('registration_id', '=', registrationId)
        .where('session_id', '=', sessionId)
        .executeTakeFirst()
      if (Number(updated.numUpdatedRows) === 0) {
        await q
          .insertInto('registration_sessions')
          .values({
            registration_id: registrationId,
            session_id: sessionId,
            status: o.status as 'confirmed',
            requested_at: at,
            updated_at: at,
          })
          .execute()
      }
      return
    }
    case 'moveSeat': {
      const to = w.sessions[o.to % Math.max(w.sessions.length, 1)]
      if (!registrationId || !sessionId || !to || to === sessionId) return
      const taken = await q
        .selectFrom('registration_sessions')
        .select('status')
        .where('registration_id', '=', registrationId)
        .where('session_id', '=', to)
        .executeTakeFirst()
      if (taken) return
      await q
        .updateTable('registration_sessions')
        .set({ session_id: to })
        .where('registration_id', '=', registrationId)
        .where('session_id', '=', sessionId)
        .execute()
      return
    }
    case 'vip':
      await q
        .updateTable('people')
        .set({ vip: o.vip ? 1 : 0 })
        .where('id', '=', w.people[o.person] ?? '')
        .execute()
      return
    case 'rules':
      if (!sessionId) return
      await q
        .updateTable('sessions')
        .set({ registration_required: o.required ? 1 : 0, vip_only: o.vipOnly ? 1 : 0 })
        .where('id', '=', sessionId)
        .execute()
      return
    case 'addSession': {
      const id = newId()
      const source = await q.selectFrom('sessions').selectAll().where('event_id', '=', w.eventId).executeTakeFirst()
      if (!source) return
      await q
        .insertInto('sessions')
        .values({ ...source, id, registration_required: o.required ? 1 : 0, vip_only: o.vipOnly ? 1 : 0 })
        .execute()
      w.sessions.push(id)
      return
    }
    case 'deleteSession':
      if (!sessionId || w.sessions.length <= 1) return
      w.sessions.splice(w.sessions.indexOf(sessionId), 1)
      await q.deleteFrom('sessions').where('id', '=', sessionId).execute()
      return
    case 'scan':
      if (!sessionId) return
      await q
        .insertInto('checkins')
        .values({
          id: newId(),
          event_id: w.eventId,
          session_id: sessionId,
          registration_id: registrationId ?? null,
          actor_key: 'user:tally-test',
          device_id: null,
          user_id: null,
          nonce: newId(),
          status: o.ok ? 'ok' : 'rejected',
          reason: o.ok ? null : 'not_registered_for_session',
          offline: o.conflict ? 1 : 0,
          conflict: o.conflict ? 1 : 0,
          scanned_at: at,
          created_at: at,
          undone_at: null,
          code_sample: null,
          answer: '{}',
        })
        .execute()
      return
    case 'undo':
    case 'deleteScan': {
      const scans = await q
        .selectFrom('checkins')
        .select('id')
        .where('event_id', '=', w.eventId)
        .orderBy('created_at')
        .orderBy('id')
        .execute()
      const scan = scans[o.nth % Math.max(scans.length, 1)]
      if (!scan) return
      if (o.op === 'undo') await q.updateTable('checkins').set({ undone_at: at }).where('id', '=', scan.id).execute()
      else await q.deleteFrom('checkins').where('id', '=', scan.id).execute()
      return
    }
  }
}

/** The counts computed from the rows, in the shape the tallies give. */
async function recounted(eventId: string) {
  return (await eventAttendanceLists(db, eventId)).map((list) => list.count)
}

describe('attendance counts kept by the database', () => {
  it('backfills and keeps, on a new event, counts equal to the ones computed from the rows', async () => {
    const w = await world('tally-plain')
    expect(await eventAttendance(db, w.eventId)).toEqual(await recounted(w.eventId))
    expect((await eventAttendance(db, w.eventId)).map((c) => c.expected)).toEqual([0, 0, 0])
  })

  it('equals the counts computed from the rows after any sequence of writes', async () => {
    let run = 0
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 30, size: 'max' }), async (operations) => {
        const w = await world(`tally-${run++}`)
        // A start that gives every kind of write something to change: two confirmed, one
        // pending; a confirmed and a waitlisted seat at the forum; one admission there.
        for (const start of [
          { op: 'register', person: 0, status: 'confirmed' },
          { op: 'register', person: 1, status: 'confirmed' },
          { op: 'register', person: 2, status: 'pending' },
          { op: 'seat', person: 0, session: 0, status: 'confirmed' },
          { op: 'seat', person: 1, session: 0, status: 'waitlisted' },
          { op: 'scan', person: 0, session: 0, ok: true, conflict: false },
        ] as const)
          await apply(w, start)
        const bySession = (counts: Awaited<ReturnType<typeof recounted>>) =>
          new Map(counts.map((c) => [c.sessionId, c]))
        // After every write, not only at the end: a later recount (new rules) would hide a slip.
        for (const o of operations) {
          await apply(w, o)
          const kept = await eventAttendance(db, w.eventId)
          expect(bySession(kept)).toEqual(bySession(await recounted(w.eventId)))
          expect(kept.length).toBe(w.sessions.length)
        }
      }),
      { numRuns: 200 },
    )
  }, 120_000)

  // PostgreSQL takes row locks on the counts: two transactions touching two sessions in opposite
  // orders would deadlock, were it not for the event's advisory lock every trigger takes first.
  it('lets concurrent transactions touch two sessions in opposite orders: all commit, counts stay right', async () => {
    const w = await world('tally-concurrent')
    for (const p of [0, 1, 2]) await apply(w, { op: 'register', person: p, status: 'confirmed' })
    // Not a synchronization: a short pause inside each transaction keeps its row locks held while
    // the others run, so the opposite orders really meet. The assertions hold however long it is.
    const pause = () => new Promise((resolve) => setTimeout(resolve, 15))
    const outcomes = await Promise.allSettled(
      Array.from({ length: 24 }, (_, n) =>
        db.transaction().execute(async (trx) => {
          const order = n % 2 === 0 ? [0, 1] : [1, 0]
          for (const session of order) {
            await apply(w, { op: 'scan', person: n % 3, session, ok: true, conflict: n % 5 === 0 }, trx)
            await pause()
          }
          if (n % 4 === 0) await apply(w, { op: 'seat', person: n % 3, session: 0, status: 'waitlisted' }, trx)
        }),
      ),
    )
    expect(
      outcomes.filter((o) => o.status === 'rejected').map((o) => String((o as PromiseRejectedResult).reason)),
    ).toEqual([])
    const kept = await eventAttendance(db, w.eventId)
    expect(new Map(kept.map((c) => [c.sessionId, c]))).toEqual(
      new Map((await recounted(w.eventId)).map((c) => [c.sessionId, c])),
    )
    expect(kept[0]?.conflicts).toBeGreaterThan(0)
  }, 60_000)

  it('deletes a session whose check-ins include two offline conflicts (found by the property)', async () => {
    const w = await world('tally-delete-session')
    for (let n = 0; n < 2; n++) await apply(w, { op: 'scan', person: null, session: 2, ok: true, conflict: true })
    await apply(w, { op: 'deleteSession', session: 2 })
    expect((await eventAttendance(db, w.eventId)).length).toBe(2)
  })

  it('counts a confirmed seat once, an admission once, and an undo back out', async () => {
    const w = await world('tally-walkthrough')
    const forum = 0
    await apply(w, { op: 'register', person: 1, status: 'confirmed' })
    await apply(w, { op: 'seat', person: 1, session: forum, status: 'confirmed' })
    await apply(w, { op: 'scan', person: 1, session: forum, ok: true, conflict: false })
    await apply(w, { op: 'scan', person: 1, session: forum, ok: true, conflict: true })
    const [counts] = await eventAttendance(db, w.eventId)
    expect(counts).toMatchObject({ expected: 1, checkedIn: 1, notArrived: 0, unexpected: 0, conflicts: 1 })
    await apply(w, { op: 'register', person: 1, status: 'cancelled' })
    expect((await eventAttendance(db, w.eventId))[0]).toMatchObject({ expected: 0, checkedIn: 0, unexpected: 1 })
    await apply(w, { op: 'undo', nth: 0 })
    await apply(w, { op: 'undo', nth: 1 })
    expect((await eventAttendance(db, w.eventId))[0]).toMatchObject({ expected: 0, unexpected: 0, conflicts: 0 })
  })
})
