/**
 * The check-in domain called directly, as pretix tests perform_checkin: no HTTP, a real database,
 * time frozen where the rules depend on it. Repeated nonce, already checked in, not registered,
 * cancelled, revoked code, offline conflict, undo window.
 */
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eventAttendance } from '../../app/checkin/attendance.server'
import { redeem, type Scanner, undoCheckin } from '../../app/checkin/checkin.server'
import { sessionRoster } from '../../app/checkin/roster.server'
import { withPersonSearchText } from '../../app/people/search'
import { ticketCode, ticketHash } from '../../app/registration/secrets.server'
import { newId, nowIso } from '../../db/ids'
import { createTestDatabase, type TestDatabase } from '../helpers/db'
import { makeEvent, registrationRow, TEST_SECRET } from '../helpers/registration'

let t: TestDatabase
let scanner: Scanner
let otherScanner: Scanner
let eventId = ''
const sessions: string[] = []
const codes: Record<string, string> = {}
const T0 = new Date('2030-05-20T01:00:00.000Z')
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000)

async function ticket(eventId: string, name: string, status: 'confirmed' | 'cancelled', seatIn: string[]) {
  const personId = newId()
  const registrationId = newId()
  const nonce = randomUUID()
  const code = ticketCode(TEST_SECRET, nonce)
  const at = nowIso()
  await t.db
    .insertInto('people')
    .values(
      withPersonSearchText({
        id: personId,
        key: null,
        organization_id: null,
        family_name: '佐藤',
        given_name: name,
        latin_name: `SATO ${name}`,
        kana: null,
        title_zh: null,
        title_en: null,
        title_ja: null,
        email: `${name}@example.jp`,
        phone: null,
        preferred_language: 'ja',
        vip: 0,
        dietary: null,
        created_at: at,
        updated_at: at,
      }),
    )
    .execute()
  await t.db
    .insertInto('registrations')
    .values(
      registrationRow({
        id: registrationId,
        event_id: eventId,
        person_id: personId,
        status,
        given_name: name,
        latin_name: `SATO ${name}`,
        email: `${name}@example.jp`,
        consent_at: at,
        ticket_nonce: nonce,
        ticket_hash: ticketHash(code),
        ticket_issued_at: at,
        created_at: at,
        updated_at: at,
      }),
    )
    .execute()
  for (const sessionId of seatIn) {
    await t.db
      .insertInto('registration_sessions')
      .values({
        registration_id: registrationId,
        session_id: sessionId,
        status: 'confirmed',
        requested_at: at,
        updated_at: at,
      })
      .execute()
  }
  codes[name] = code
  return { registrationId, code }
}

const scan = (
  name: string,
  session: number,
  extra: { nonce?: string; offline?: boolean; scannedAt?: string; override?: boolean } = {},
  by = scanner,
  now = T0,
) =>
  redeem(
    t.db,
    by,
    { code: codes[name] ?? name, sessionId: sessions[session] ?? '', nonce: extra.nonce ?? randomUUID(), ...extra },
    now,
  )

beforeAll(async () => {
  t = await createTestDatabase()
  const event = await makeEvent(t.db, {
    slug: 'domain',
    sessions: [{ title: 'Forum', start: '2030-05-20T09:00', end: '2030-05-20T11:00' }],
  })
  sessions.push(...event.sessionIds)
  eventId = event.id
  const device = { id: 'dev-a', name: 'North door', eventId: event.id, sessionIds: [] }
  await t.db
    .insertInto('checkin_devices')
    .values([
      {
        id: 'dev-a',
        event_id: event.id,
        name: 'North door',
        token_hash: null,
        enrollment_hash: null,
        enrollment_expires_at: null,
        created_by: null,
        created_at: nowIso(),
        updated_at: nowIso(),
        enrolled_at: null,
        last_seen_at: null,
        revoked_at: null,
      },
      {
        id: 'dev-b',
        event_id: event.id,
        name: 'South door',
        token_hash: null,
        enrollment_hash: null,
        enrollment_expires_at: null,
        created_by: null,
        created_at: nowIso(),
        updated_at: nowIso(),
        enrolled_at: null,
        last_seen_at: null,
        revoked_at: null,
      },
    ])
    .execute()
  scanner = { kind: 'device', device }
  otherScanner = { kind: 'device', device: { ...device, id: 'dev-b', name: 'South door' } }
  await ticket(event.id, 'seated', 'confirmed', [sessions[0] ?? ''])
  await ticket(event.id, 'noseat', 'confirmed', [])
  await ticket(event.id, 'gone', 'cancelled', [sessions[0] ?? ''])
  await ticket(event.id, 'offline', 'confirmed', [sessions[0] ?? ''])
  await ticket(event.id, 'undo', 'confirmed', [sessions[0] ?? ''])
  await ticket(event.id, 'yearone', 'confirmed', [sessions[0] ?? ''])
  await ticket(event.id, 'counted', 'confirmed', [sessions[0] ?? ''])
  await ticket(event.id, 'counted-offline', 'confirmed', [sessions[0] ?? ''])
  for (const name of ['early', 'late', 'setting', 'offline-late'])
    await ticket(event.id, name, 'confirmed', [sessions[0] ?? ''])
})

afterAll(async () => {
  await t?.destroy()
})

const verdictOf = async (result: Awaited<ReturnType<typeof redeem>>) => {
  if (!result.ok) throw new Error(result.reason)
  return result.verdict
}

describe('redeem', () => {
  it('returns the first answer for a repeated nonce and records nothing new', async () => {
    const nonce = randomUUID()
    const first = await verdictOf(await scan('seated', 0, { nonce }))
    const again = await verdictOf(await scan('seated', 0, { nonce }, scanner, minutes(1)))
    expect(again).toEqual(first)
    expect(first.status).toBe('ok')
    const rows = await t.db.selectFrom('checkins').select('id').where('nonce', '=', nonce).execute()
    expect(rows).toHaveLength(1)
  })

  it('refuses a second admission with the first time and door', async () => {
    const verdict = await verdictOf(await scan('seated', 0, {}, otherScanner, minutes(2)))
    expect(verdict).toMatchObject({
      status: 'rejected',
      reason: 'already_checked_in',
      firstCheckin: { at: T0.toISOString(), device: 'North door' },
    })
  })

  it('refuses a ticket without a seat in the session, and a cancelled one', async () => {
    expect((await verdictOf(await scan('noseat', 0))).reason).toBe('not_registered_for_session')
    expect((await verdictOf(await scan('gone', 0))).reason).toBe('cancelled')
  })

  it('refuses an old code after the ticket was replaced, as revoked', async () => {
    const registration = await t.db
      .selectFrom('registrations')
      .select(['id', 'ticket_hash'])
      .where('given_name', '=', 'noseat')
      .executeTakeFirstOrThrow()
    await t.db
      .insertInto('revoked_tickets')
      .values({ ticket_hash: registration.ticket_hash ?? '', registration_id: registration.id, revoked_at: nowIso() })
      .execute()
    await t.db.updateTable('registrations').set({ ticket_hash: 'replaced' }).where('id', '=', registration.id).execute()
    expect((await verdictOf(await scan('noseat', 0))).reason).toBe('revoked')
  })

  it('records two offline admissions at two doors, the later flagged as a conflict, each at its own time', async () => {
    const a = await verdictOf(
      await scan('offline', 0, { offline: true, scannedAt: minutes(3).toISOString() }, scanner, minutes(30)),
    )
    const b = await verdictOf(
      await scan('offline', 0, { offline: true, scannedAt: minutes(4).toISOString() }, otherScanner, minutes(31)),
    )
    expect([a.status, a.conflict, a.scannedAt]).toEqual(['ok', false, minutes(3).toISOString()])
    expect([b.status, b.conflict, b.scannedAt]).toEqual(['ok', true, minutes(4).toISOString()])
  })

  it('records an offline scan that claims a time before the doors could open (year 1, the day before) at its arrival', async () => {
    const arrival = minutes(40)
    const yearOne = await verdictOf(
      await scan('yearone', 0, { offline: true, scannedAt: '0001-01-01T00:00:00.000Z' }, scanner, arrival),
    )
    expect([yearOne.status, yearOne.scannedAt]).toEqual(['ok', arrival.toISOString()])
    const dayBefore = await verdictOf(
      await scan('yearone', 0, { offline: true, scannedAt: minutes(-13 * 60).toISOString() }, otherScanner, arrival),
    )
    expect(dayBefore.scannedAt).toBe(arrival.toISOString())
    // Twelve hours before the session starts the doors may already open (a bus leaving at dawn).
    const early = await verdictOf(
      await scan('yearone', 0, { offline: true, scannedAt: minutes(-11 * 60).toISOString() }, scanner, arrival),
    )
    expect(early.scannedAt).toBe(minutes(-11 * 60).toISOString())
  })
})

describe('undo', () => {
  it('takes back a scan within ten minutes, by the same device only, and not after', async () => {
    const nonce = randomUUID()
    await scan('undo', 0, { nonce }, scanner, T0)
    expect(await undoCheckin(t.db, otherScanner, nonce, minutes(1))).toEqual({ ok: false, reason: 'not_found' })
    expect(await undoCheckin(t.db, scanner, nonce, minutes(11))).toEqual({ ok: false, reason: 'too_late' })
    expect(await undoCheckin(t.db, scanner, nonce, minutes(9))).toMatchObject({ ok: true })
    expect(await undoCheckin(t.db, scanner, nonce, minutes(9))).toEqual({ ok: false, reason: 'already_undone' })
    // Undone: the person can be admitted again.
    expect((await verdictOf(await scan('undo', 0, {}, scanner, minutes(12)))).status).toBe('ok')
  })
})

describe('counts after an undo (issue 16)', () => {
  const tally = async () => {
    const count = (await eventAttendance(t.db, eventId)).find((c) => c.sessionId === sessions[0])
    if (!count) throw new Error('no count')
    return { checkedIn: count.checkedIn, notArrived: count.notArrived, conflicts: count.conflicts }
  }
  const roster = async () => {
    const result = await sessionRoster(t.db, scanner, sessions[0] ?? '', null, minutes(50))
    if (!result.ok) throw new Error(result.reason)
    return result.roster
  }

  it('takes an online admission back out of the checked-in count, and out of the door’s roster', async () => {
    const before = await tally()
    const rosterBefore = await roster()
    const nonce = randomUUID()
    await scan('counted', 0, { nonce }, scanner, minutes(50))
    expect(await tally()).toEqual({ ...before, checkedIn: before.checkedIn + 1, notArrived: before.notArrived - 1 })
    expect(await undoCheckin(t.db, scanner, nonce, minutes(51))).toMatchObject({ ok: true })
    expect(await tally()).toEqual(before)
    const rosterAfter = await roster()
    const entry = rosterAfter.entries.find((e) => e.attendee.latinName === 'SATO counted')
    expect(entry?.checkedInAt).toBeNull()
    // The roster after an admission and its undo is the one before, ETag included: a phone that
    // changed its own copy must not keep that ETag (offline.ts withCheckin), or it gets a 304.
    expect(rosterAfter.etag).toBe(rosterBefore.etag)
  })

  it('takes an admission made offline and uploaded back out, and a conflicting one out of the conflicts', async () => {
    const before = await tally()
    const first = randomUUID()
    const second = randomUUID()
    const at = (n: number) => ({ offline: true, scannedAt: minutes(n).toISOString() })
    await scan('counted-offline', 0, { nonce: first, ...at(52) }, scanner, minutes(55))
    await scan('counted-offline', 0, { nonce: second, ...at(53) }, otherScanner, minutes(55))
    expect(await tally()).toEqual({
      checkedIn: before.checkedIn + 1,
      notArrived: before.notArrived - 1,
      conflicts: before.conflicts + 1,
    })
    // The conflicting second admission undone: still in once, no conflict left.
    expect(await undoCheckin(t.db, otherScanner, second, minutes(56))).toMatchObject({ ok: true })
    expect(await tally()).toEqual({ ...before, checkedIn: before.checkedIn + 1, notArrived: before.notArrived - 1 })
    expect(await undoCheckin(t.db, scanner, first, minutes(56))).toMatchObject({ ok: true })
    expect(await tally()).toEqual(before)
  })
})

describe('the scan window (issue 16)', () => {
  // The forum runs 09:00–11:00 in Yantai: T0 is its start, minutes(120) its end.
  const override = async (checkinId: string) =>
    (await t.db.selectFrom('checkins').select('override').where('id', '=', checkinId).executeTakeFirstOrThrow())
      .override

  it('refuses a valid ticket before the doors open (two hours before) as not open yet, and admits it once they are', async () => {
    expect((await verdictOf(await scan('early', 0, {}, scanner, minutes(-121)))).reason).toBe('not_open_yet')
    const admitted = await verdictOf(await scan('early', 0, {}, scanner, minutes(-120)))
    expect([admitted.status, admitted.override]).toEqual(['ok', false])
    expect(await override(admitted.checkinId)).toBe(0)
  })

  it('refuses a scan after the session ended, and checks in anyway on an override, recorded as one', async () => {
    const refused = await verdictOf(await scan('late', 0, {}, scanner, minutes(121)))
    expect(refused).toMatchObject({ status: 'rejected', reason: 'session_over', override: false })
    const before = (await eventAttendance(t.db, eventId)).find((c) => c.sessionId === sessions[0])?.checkedIn ?? 0
    const anyway = await verdictOf(await scan('late', 0, { override: true }, scanner, minutes(122)))
    expect(anyway).toMatchObject({ status: 'ok', override: true })
    expect(await override(anyway.checkinId)).toBe(1)
    expect((await eventAttendance(t.db, eventId)).find((c) => c.sessionId === sessions[0])?.checkedIn).toBe(before + 1)
  })

  it('follows the event’s setting', async () => {
    await t.db.updateTable('events').set({ scan_opens_minutes: 30 }).where('id', '=', eventId).execute()
    try {
      expect((await verdictOf(await scan('setting', 0, {}, scanner, minutes(-31)))).reason).toBe('not_open_yet')
      expect((await verdictOf(await scan('setting', 0, {}, scanner, minutes(-30)))).status).toBe('ok')
    } finally {
      await t.db.updateTable('events').set({ scan_opens_minutes: 120 }).where('id', '=', eventId).execute()
    }
  })

  it('records an admission made offline outside the window (it happened at the door), with its override', async () => {
    const plain = await verdictOf(
      await scan('offline-late', 0, { offline: true, scannedAt: minutes(130).toISOString() }, scanner, minutes(140)),
    )
    expect([plain.status, plain.override, plain.scannedAt]).toEqual(['ok', false, minutes(130).toISOString()])
    const flagged = await verdictOf(
      await scan(
        'offline-late',
        0,
        { offline: true, override: true, scannedAt: minutes(131).toISOString() },
        otherScanner,
        minutes(140),
      ),
    )
    expect([flagged.status, flagged.override, flagged.conflict]).toEqual(['ok', true, true])
    expect(await override(flagged.checkinId)).toBe(1)
  })
})
