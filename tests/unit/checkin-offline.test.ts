/**
 * The door's decision with no network (offline.ts): the check-in rule on the roster's facts, so
 * a ticket the roster refuses gets its true reason, as the server would give it (issue 16).
 */
import { describe, expect, it } from 'vitest'
import type { Attendee } from '../../app/checkin/door-answers'
import { decideLocally, localFacts, rosterCount, type StoredRoster, withCheckin } from '../../app/scanner/offline'

const NOW = new Date('2030-05-20T01:00:00.000Z')
const attendee: Attendee = {
  name: '山田花子',
  latinName: 'YAMADA Hanako',
  kana: null,
  organization: 'Org',
  title: '',
  vip: false,
  notes: [],
}

const roster = (overrides: Partial<StoredRoster> = {}): StoredRoster => ({
  sessionId: 's1',
  etag: null,
  fetchedAt: NOW.toISOString(),
  session: { eventId: 'e1', openToAll: false, vipOnly: false },
  // A forum at 09:00–11:00 in Yantai; NOW (09:00) is inside its window.
  window: { startsAt: '2030-05-20T01:00:00.000Z', endsAt: '2030-05-20T03:00:00.000Z', opensMinutes: 120 },
  entries: {
    seated: { ticketHash: 'seated', registrationId: 'r1', attendee, seat: 'confirmed', checkedInAt: null },
    inside: {
      ticketHash: 'inside',
      registrationId: 'r2',
      attendee,
      seat: 'confirmed',
      checkedInAt: '2030-05-20T00:50:00.000Z',
    },
  },
  refused: {
    noseat: { ticketHash: 'noseat', registrationStatus: 'confirmed', seat: null },
    waiting: { ticketHash: 'waiting', registrationStatus: 'confirmed', seat: 'waitlisted' },
    pending: { ticketHash: 'pending', registrationStatus: 'pending', seat: 'confirmed' },
    gone: { ticketHash: 'gone', registrationStatus: 'cancelled', seat: 'confirmed' },
  },
  revoked: ['old'],
  ...overrides,
})

const decide = (hash: string | null, r: StoredRoster | null = roster()) => decideLocally(r, hash, 'n1', NOW)

describe('decideLocally', () => {
  it('admits a seated ticket nobody used yet, with the name', () => {
    const { admitted, verdict } = decide('seated')
    expect(admitted).toBe(true)
    expect(verdict).toMatchObject({ status: 'ok', reason: null, attendee, checkinId: 'local:n1' })
    expect(verdict.scannedAt).toBe(NOW.toISOString())
  })

  it('says "already checked in" with the first time for a ticket admitted before', () => {
    const { admitted, verdict } = decide('inside')
    expect(admitted).toBe(false)
    expect(verdict).toMatchObject({
      status: 'rejected',
      reason: 'already_checked_in',
      firstCheckin: { at: '2030-05-20T00:50:00.000Z', device: null },
    })
  })

  it('gives a ticket of the event without a seat here "not registered for this session", not "unknown"', () => {
    expect(decide('noseat').verdict).toMatchObject({ status: 'rejected', reason: 'not_registered_for_session' })
  })

  it('gives the waiting list, a pending registration, a cancelled one and a replaced code their reasons, without a name', () => {
    expect(decide('waiting').verdict.reason).toBe('not_registered_for_session')
    expect(decide('pending').verdict.reason).toBe('not_registered_for_session')
    expect(decide('gone').verdict.reason).toBe('cancelled')
    expect(decide('old').verdict.reason).toBe('revoked')
    for (const hash of ['waiting', 'pending', 'gone', 'old']) expect(decide(hash).verdict.attendee).toBeNull()
  })

  it('is "unknown" for a code the roster does not hold, for text that is no code, and with no roster', () => {
    expect(decide('stranger').verdict.reason).toBe('unknown_code')
    expect(decide(null).verdict.reason).toBe('unknown_code')
    expect(decide('seated', null).verdict.reason).toBe('unknown_code')
  })

  it('refuses a ticket without a seat at a VIP-only session open to VIPs, as the server does', () => {
    const vipOnly = roster({ session: { eventId: 'e1', openToAll: true, vipOnly: true } })
    expect(localFacts(vipOnly, 'noseat', NOW).ticket?.vip).toBe(false)
    expect(decide('noseat', vipOnly).verdict.reason).toBe('not_registered_for_session')
    expect(decide('seated', vipOnly).admitted).toBe(true)
  })
})

describe('the scan window offline', () => {
  const early = new Date('2030-05-19T22:00:00.000Z')
  const late = new Date('2030-05-20T04:00:00.000Z')

  it('says "not now" on the phone too, before the doors open and after the session', () => {
    expect(decideLocally(roster(), 'seated', 'n', early).verdict.reason).toBe('not_open_yet')
    expect(decideLocally(roster(), 'seated', 'n', late).verdict.reason).toBe('session_over')
    expect(decideLocally(roster(), 'seated', 'n', early).admitted).toBe(false)
  })

  it('checks in anyway when staff override it, marked as an override', () => {
    const { admitted, verdict } = decideLocally(roster(), 'seated', 'n', late, true)
    expect(admitted).toBe(true)
    expect(verdict).toMatchObject({ status: 'ok', override: true })
    expect(decideLocally(roster(), 'seated', 'n', NOW, true).verdict.override).toBe(false)
  })
})

describe('the door count after an admission and its undo', () => {
  it('counts one more in, then one fewer after the undo', () => {
    const before = roster()
    expect(rosterCount(before)).toEqual({ expected: 2, checkedIn: 1 })
    const admitted = withCheckin(before, 'seated', NOW.toISOString())
    expect(rosterCount(admitted)).toEqual({ expected: 2, checkedIn: 2 })
    expect(decide('seated', admitted).verdict.reason).toBe('already_checked_in')
    const undone = withCheckin(admitted, 'seated', null)
    expect(rosterCount(undone)).toEqual({ expected: 2, checkedIn: 1 })
    expect(decide('seated', undone).admitted).toBe(true)
  })

  it('forgets the server version it was fetched as, so the next refresh cannot answer 304 to a changed copy', () => {
    const fetched = roster({ etag: '"v1"' })
    expect(withCheckin(fetched, 'seated', NOW.toISOString()).etag).toBeNull()
    expect(withCheckin(fetched, 'inside', null).etag).toBeNull()
  })

  it('keeps the first admission time, and leaves codes the roster does not let in alone', () => {
    const fetched = roster({ etag: '"v1"' })
    expect(withCheckin(fetched, 'inside', NOW.toISOString())).toBe(fetched)
    expect(withCheckin(fetched, 'noseat', NOW.toISOString())).toBe(fetched)
  })
})
