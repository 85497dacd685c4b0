/**
 * The door's offline verdict is the server's (issue 16): for every kind of ticket of the event
 * (seated, no seat here, waiting list, not approved yet, cancelled, VIP only, replaced, already
 * admitted, not open yet), the phone's decision from the roster it fetched (decideLocally in offline.ts) gives
 * the same status and reason code as the server's redeem. Only a code of another event is
 * "unknown" offline: the phone holds only its own event's tickets. Real database, both dialects.
 */
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { redeem, type Scanner } from '../../app/checkin/checkin.server'
import { sessionRoster } from '../../app/checkin/roster.server'
import { withPersonSearchText } from '../../app/people/search'
import { ticketCode, ticketHash } from '../../app/registration/secrets.server'
import { decideLocally, hashTicketCode, type StoredRoster } from '../../app/scanner/offline'
import { newId, nowIso } from '../../db/ids'
import type { RegistrationStatus, SeatStatus } from '../../db/schema'
import { createTestDatabase, type TestDatabase } from '../helpers/db'
import { makeEvent, registrationRow, TEST_SECRET } from '../helpers/registration'

let t: TestDatabase
let scanner: Scanner
let eventId = ''
let otherEventId = ''
let sessions: string[] = []
const codes: Record<string, string> = {}
/** 09:00 in Yantai, the forum's start */
const T0 = new Date('2030-05-20T01:00:00.000Z')

async function ticket(
  event: string,
  name: string,
  status: RegistrationStatus,
  seats: [number, SeatStatus][],
  vip = false,
): Promise<string> {
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
        family_name: '山田',
        given_name: name,
        latin_name: `YAMADA ${name}`,
        kana: null,
        title_zh: null,
        title_en: null,
        title_ja: null,
        email: `${name}@example.jp`,
        phone: null,
        preferred_language: 'ja',
        vip: vip ? 1 : 0,
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
        event_id: event,
        person_id: personId,
        status,
        given_name: name,
        latin_name: `YAMADA ${name}`,
        email: `${name}@example.jp`,
        ticket_nonce: nonce,
        ticket_hash: ticketHash(code),
        ticket_issued_at: at,
      }),
    )
    .execute()
  for (const [session, seat] of seats) {
    await t.db
      .insertInto('registration_sessions')
      .values({
        registration_id: registrationId,
        session_id: sessions[session] ?? '',
        status: seat,
        requested_at: at,
        updated_at: at,
      })
      .execute()
  }
  codes[name] = code
  return registrationId
}

beforeAll(async () => {
  t = await createTestDatabase()
  const event = await makeEvent(t.db, {
    slug: 'offline-parity',
    sessions: [
      { title: 'Forum', start: '2030-05-20T09:00', end: '2030-05-20T11:00' },
      { title: 'Opening', start: '2030-05-20T08:30', end: '2030-05-20T10:00', registrationRequired: false },
      {
        title: 'VIP lunch',
        start: '2030-05-20T10:00',
        end: '2030-05-20T12:00',
        registrationRequired: false,
        vipOnly: true,
      },
      // The next day: its doors are not open at T0.
      { title: 'Closing', start: '2030-05-21T09:00', end: '2030-05-21T10:00', registrationRequired: false },
    ],
  })
  eventId = event.id
  sessions = event.sessionIds
  const other = await makeEvent(t.db, {
    slug: 'offline-parity-other',
    sessions: [{ title: 'Elsewhere', start: '2030-05-20T09:00', end: '2030-05-20T11:00' }],
  })
  otherEventId = other.id
  scanner = { kind: 'device', device: { id: 'dev-parity', name: 'Door', eventId, sessionIds: [] } }
  await t.db
    .insertInto('checkin_devices')
    .values({
      id: 'dev-parity',
      event_id: eventId,
      name: 'Door',
      token_hash: null,
      enrollment_hash: null,
      enrollment_expires_at: null,
      created_by: null,
      created_at: nowIso(),
      updated_at: nowIso(),
      enrolled_at: null,
      last_seen_at: null,
      revoked_at: null,
    })
    .execute()
  await ticket(eventId, 'seated', 'confirmed', [[0, 'confirmed']])
  await ticket(eventId, 'noseat', 'confirmed', [])
  await ticket(eventId, 'waitlisted', 'confirmed', [[0, 'waitlisted']])
  await ticket(eventId, 'pending', 'pending', [[0, 'confirmed']])
  await ticket(eventId, 'gone', 'cancelled', [[0, 'confirmed']])
  await ticket(eventId, 'vip', 'confirmed', [], true)
  await ticket(eventId, 'twice', 'confirmed', [[0, 'confirmed']], true)
  const replaced = await ticket(eventId, 'replaced', 'confirmed', [[0, 'confirmed']])
  await t.db
    .insertInto('revoked_tickets')
    .values({ ticket_hash: ticketHash(codes.replaced ?? ''), registration_id: replaced, revoked_at: nowIso() })
    .execute()
  await t.db
    .updateTable('registrations')
    .set({ ticket_hash: ticketHash(ticketCode(TEST_SECRET, randomUUID())) })
    .where('id', '=', replaced)
    .execute()
  await ticket(otherEventId, 'stranger', 'confirmed', [])
  // Admitted everywhere before the roster is fetched: the second scan is amber, online and off.
  for (let i = 0; i < 3; i++) {
    const first = await redeem(
      t.db,
      scanner,
      { code: codes.twice ?? '', sessionId: sessions[i] ?? '', nonce: randomUUID() },
      T0,
    )
    expect(first.ok && first.verdict.status).toBe('ok')
  }
})

afterAll(async () => {
  await t?.destroy()
})

/** The roster as the phone stores it (door.tsx does the same with the API's answer). */
async function phoneRoster(sessionId: string): Promise<StoredRoster> {
  const result = await sessionRoster(t.db, scanner, sessionId, null, T0)
  if (!result.ok) throw new Error(result.reason)
  const r = result.roster
  return {
    sessionId,
    etag: r.etag,
    fetchedAt: r.asOf,
    session: r.session,
    window: r.window,
    entries: Object.fromEntries(r.entries.map((e) => [e.ticketHash, e])),
    refused: Object.fromEntries(r.refused.map((e) => [e.ticketHash, e])),
    revoked: r.revoked,
  }
}

const NAMES = ['seated', 'noseat', 'waitlisted', 'pending', 'gone', 'vip', 'twice', 'replaced', 'stranger', 'garbage']

describe('the offline verdict', () => {
  // Before the parity test below, which admits whoever may come in.
  it('gives a delegate of another session "not registered for this session", and the cancelled, waitlisted, pending, replaced and VIP-only their reasons', async () => {
    const forum = await phoneRoster(sessions[0] ?? '')
    const vipLunch = await phoneRoster(sessions[2] ?? '')
    const reason = async (roster: StoredRoster, name: string) =>
      decideLocally(roster, await hashTicketCode(codes[name] ?? ''), randomUUID(), T0).verdict.reason
    expect(await reason(forum, 'noseat')).toBe('not_registered_for_session')
    expect(await reason(forum, 'waitlisted')).toBe('not_registered_for_session')
    expect(await reason(forum, 'pending')).toBe('not_registered_for_session')
    expect(await reason(forum, 'gone')).toBe('cancelled')
    expect(await reason(forum, 'replaced')).toBe('revoked')
    expect(await reason(forum, 'twice')).toBe('already_checked_in')
    expect(await reason(vipLunch, 'seated')).toBe('not_registered_for_session')
    expect(await reason(vipLunch, 'vip')).toBeNull()
  })

  it.each([
    [0, 'Forum (registration required)'],
    [1, 'Opening (open to every attendee)'],
    [2, 'VIP lunch (open, VIP only)'],
    [3, 'Closing (tomorrow: not open yet)'],
  ])('at session %i, %s, is the server’s for every kind of ticket', async (index) => {
    const sessionId = sessions[index] ?? ''
    const roster = await phoneRoster(sessionId)
    const offline: Record<string, [string, string | null]> = {}
    const online: Record<string, [string, string | null]> = {}
    for (const name of NAMES) {
      const code = codes[name] ?? 'https://example.org/not-a-ticket'
      const local = decideLocally(roster, await hashTicketCode(code), randomUUID(), T0).verdict
      offline[name] = [local.status, local.reason]
      const result = await redeem(t.db, scanner, { code, sessionId, nonce: randomUUID() }, T0)
      if (!result.ok) throw new Error(result.reason)
      online[name] = [result.verdict.status, result.verdict.reason]
    }
    // Another event's ticket: the server knows it; the phone, holding only its event's, cannot.
    expect(online.stranger).toEqual(['rejected', 'wrong_event'])
    expect(offline.stranger).toEqual(['rejected', 'unknown_code'])
    delete online.stranger
    delete offline.stranger
    expect(offline).toEqual(online)
    // Tomorrow's session: a valid ticket is "not open yet", on the phone as on the server.
    if (index === 3) expect(offline.seated).toEqual(['rejected', 'not_open_yet'])
  })

  it('keeps refused tickets anonymous in the roster: a hash and the rule’s facts, no name or registration', async () => {
    const result = await sessionRoster(t.db, scanner, sessions[0] ?? '', null, T0)
    if (!result.ok) throw new Error(result.reason)
    expect(result.roster.refused.length).toBeGreaterThan(0)
    for (const refused of result.roster.refused) {
      expect(Object.keys(refused).sort()).toEqual(['registrationStatus', 'seat', 'ticketHash'])
    }
    expect(JSON.stringify(result.roster.refused)).not.toMatch(/YAMADA|example\.jp/)
  })
})
