import { describe, expect, it } from 'vitest'
import {
  admits,
  type CheckinFacts,
  DOORS_OPEN_BEFORE_MS,
  decideCheckin,
  decideUndo,
  MAX_SCAN_OPENS_MINUTES,
  scanOpensAt,
  scanTime,
  scanWindowAt,
  UNDO_WINDOW_MS,
} from '../../app/checkin/rules'

const EVENT = 'event-1'
const facts = (overrides: Partial<CheckinFacts> = {}): CheckinFacts => ({
  ticket: { eventId: EVENT, registrationStatus: 'confirmed', vip: false },
  revoked: false,
  session: { eventId: EVENT, openToAll: false, vipOnly: false },
  seat: 'confirmed',
  previous: null,
  offline: false,
  window: 'open',
  override: false,
  ...overrides,
})
const FIRST = { at: '2030-05-20T01:00:00.000Z', deviceName: 'Hall 1 north door' }

describe('decideCheckin', () => {
  it('admits a confirmed ticket with a seat in the session', () => {
    expect(decideCheckin(facts())).toEqual({ ok: true, conflict: false, override: false })
  })

  it('refuses a code that belongs to no ticket as unknown', () => {
    expect(decideCheckin(facts({ ticket: null, seat: null }))).toEqual({ ok: false, reason: 'unknown_code' })
  })

  it('refuses an old code replaced by a reissue as revoked', () => {
    expect(decideCheckin(facts({ ticket: null, revoked: true }))).toEqual({ ok: false, reason: 'revoked' })
  })

  it('refuses a ticket of another event', () => {
    const other = facts({ ticket: { eventId: 'event-2', registrationStatus: 'confirmed', vip: false } })
    expect(decideCheckin(other)).toEqual({ ok: false, reason: 'wrong_event' })
  })

  it('refuses a cancelled registration', () => {
    const cancelled = facts({ ticket: { eventId: EVENT, registrationStatus: 'cancelled', vip: false } })
    expect(decideCheckin(cancelled)).toEqual({ ok: false, reason: 'cancelled' })
  })

  it('refuses a session the holder has no seat in, and a seat still on the waiting list', () => {
    expect(decideCheckin(facts({ seat: null }))).toEqual({ ok: false, reason: 'not_registered_for_session' })
    expect(decideCheckin(facts({ seat: 'waitlisted' }))).toEqual({ ok: false, reason: 'not_registered_for_session' })
    expect(decideCheckin(facts({ seat: 'cancelled' }))).toEqual({ ok: false, reason: 'not_registered_for_session' })
  })

  it('refuses a pending registration (not approved yet) everywhere, open sessions included', () => {
    const pending = { eventId: EVENT, registrationStatus: 'pending' as const, vip: false }
    expect(decideCheckin(facts({ ticket: pending }))).toEqual({ ok: false, reason: 'not_registered_for_session' })
    const open = { eventId: EVENT, openToAll: true, vipOnly: false }
    expect(decideCheckin(facts({ ticket: pending, session: open, seat: null })).ok).toBe(false)
  })

  it('admits any confirmed attendee to a session open to all, but a VIP-only one only to VIPs', () => {
    const open = { eventId: EVENT, openToAll: true, vipOnly: false }
    expect(decideCheckin(facts({ session: open, seat: null }))).toEqual({ ok: true, conflict: false, override: false })
    const vipOnly = { eventId: EVENT, openToAll: true, vipOnly: true }
    expect(decideCheckin(facts({ session: vipOnly, seat: null }))).toEqual({
      ok: false,
      reason: 'not_registered_for_session',
    })
    const vip = { eventId: EVENT, registrationStatus: 'confirmed' as const, vip: true }
    expect(decideCheckin(facts({ ticket: vip, session: vipOnly, seat: null }))).toEqual({
      ok: true,
      conflict: false,
      override: false,
    })
  })

  it('refuses a second admission online, saying when and where the first was', () => {
    expect(decideCheckin(facts({ previous: FIRST }))).toEqual({
      ok: false,
      reason: 'already_checked_in',
      previous: FIRST,
    })
  })

  it('records a conflicting offline admission as admitted and flagged, never dropped', () => {
    expect(decideCheckin(facts({ previous: FIRST, offline: true }))).toEqual({
      ok: true,
      conflict: true,
      override: false,
    })
  })

  it('still refuses an offline scan that would never have been valid', () => {
    expect(decideCheckin(facts({ offline: true, seat: null }))).toEqual({
      ok: false,
      reason: 'not_registered_for_session',
    })
  })

  it('checks revocation before the event, and the event before the ticket’s state', () => {
    const otherCancelled = { eventId: 'event-2', registrationStatus: 'cancelled' as const, vip: false }
    expect(decideCheckin(facts({ ticket: otherCancelled }))).toMatchObject({ reason: 'wrong_event' })
    expect(decideCheckin(facts({ ticket: otherCancelled, revoked: true }))).toMatchObject({ reason: 'revoked' })
  })
})

describe('the scan window', () => {
  // A forum from 09:00 to 11:00 in Yantai (01:00–03:00 UTC); the doors open two hours before.
  const forum = { startsAt: '2030-05-20T01:00:00.000Z', endsAt: '2030-05-20T03:00:00.000Z', opensMinutes: 120 }
  const at = (iso: string) => new Date(iso)

  it('is open from the set minutes before the start until the end, both included', () => {
    expect(scanOpensAt(forum)).toBe('2030-05-19T23:00:00.000Z')
    expect(scanWindowAt(at('2030-05-19T22:59:59.999Z'), forum)).toBe('early')
    expect(scanWindowAt(at('2030-05-19T23:00:00.000Z'), forum)).toBe('open')
    expect(scanWindowAt(at('2030-05-20T03:00:00.000Z'), forum)).toBe('open')
    expect(scanWindowAt(at('2030-05-20T03:00:00.001Z'), forum)).toBe('over')
    expect(scanWindowAt(at('2030-05-19T01:00:00.000Z'), forum)).toBe('early')
  })

  it('follows the event’s setting: at the start only, or up to twelve hours before', () => {
    expect(scanWindowAt(at('2030-05-20T00:59:00.000Z'), { ...forum, opensMinutes: 0 })).toBe('early')
    expect(scanWindowAt(at('2030-05-19T13:00:00.000Z'), { ...forum, opensMinutes: MAX_SCAN_OPENS_MINUTES })).toBe(
      'open',
    )
  })

  it('refuses a valid ticket before the doors open and after the session, as "not now"', () => {
    expect(decideCheckin(facts({ window: 'early' }))).toEqual({ ok: false, reason: 'not_open_yet' })
    expect(decideCheckin(facts({ window: 'over' }))).toEqual({ ok: false, reason: 'session_over' })
  })

  it('admits outside the window when staff override it, and says it was an override', () => {
    expect(decideCheckin(facts({ window: 'early', override: true }))).toEqual({
      ok: true,
      conflict: false,
      override: true,
    })
    expect(decideCheckin(facts({ window: 'over', override: true }))).toEqual({
      ok: true,
      conflict: false,
      override: true,
    })
    // Inside the window there is nothing to override.
    expect(decideCheckin(facts({ override: true }))).toEqual({ ok: true, conflict: false, override: false })
  })

  it('gives the ticket’s own refusal first: the override opens the window, not the session', () => {
    expect(decideCheckin(facts({ window: 'early', seat: null, override: true }))).toEqual({
      ok: false,
      reason: 'not_registered_for_session',
    })
    expect(decideCheckin(facts({ window: 'over', previous: FIRST, override: true }))).toMatchObject({
      reason: 'already_checked_in',
    })
  })

  it('records an offline admission outside the window (it happened at the door), flagged when it was an override', () => {
    expect(decideCheckin(facts({ window: 'over', offline: true }))).toEqual({
      ok: true,
      conflict: false,
      override: false,
    })
    expect(decideCheckin(facts({ window: 'over', offline: true, override: true }))).toEqual({
      ok: true,
      conflict: false,
      override: true,
    })
  })
})

describe('admits', () => {
  it('needs a confirmed registration and a confirmed seat or an open session', () => {
    const ticket = { eventId: EVENT, registrationStatus: 'confirmed' as const, vip: false }
    const closed = { eventId: EVENT, openToAll: false, vipOnly: false }
    expect(admits(ticket, closed, 'confirmed')).toBe(true)
    expect(admits(ticket, closed, null)).toBe(false)
    expect(admits({ ...ticket, registrationStatus: 'cancelled' }, closed, 'confirmed')).toBe(false)
  })
})

describe('decideUndo', () => {
  const now = new Date('2030-05-20T01:00:00.000Z')
  const ago = (ms: number) => new Date(now.getTime() - ms).toISOString()

  it('undoes an admission within ten minutes', () => {
    expect(decideUndo({ status: 'ok', createdAt: ago(UNDO_WINDOW_MS), undoneAt: null }, now)).toEqual({ ok: true })
  })

  it('refuses after ten minutes', () => {
    expect(decideUndo({ status: 'ok', createdAt: ago(UNDO_WINDOW_MS + 1), undoneAt: null }, now)).toEqual({
      ok: false,
      reason: 'too_late',
    })
  })

  it('refuses an unknown scan, a refusal, and a scan already undone', () => {
    expect(decideUndo(null, now)).toEqual({ ok: false, reason: 'not_found' })
    expect(decideUndo({ status: 'rejected', createdAt: ago(1000), undoneAt: null }, now)).toEqual({
      ok: false,
      reason: 'not_admitted',
    })
    expect(decideUndo({ status: 'ok', createdAt: ago(1000), undoneAt: ago(500) }, now)).toEqual({
      ok: false,
      reason: 'already_undone',
    })
  })
})

describe('scanTime', () => {
  const now = new Date('2030-05-20T01:00:00.000Z')
  const starts = '2030-05-20T01:00:00.000Z'

  it('keeps an offline scan’s own time', () => {
    expect(scanTime(now, '2030-05-20T00:42:10.000Z', true, starts)).toBe('2030-05-20T00:42:10.000Z')
    expect(scanTime(now, '2030-05-20T08:42:10+08:00', true, starts)).toBe('2030-05-20T00:42:10.000Z')
  })

  it('uses the server’s time online, for a future time, and for garbage', () => {
    expect(scanTime(now, '2030-05-20T00:42:10.000Z', false, starts)).toBe(now.toISOString())
    expect(scanTime(now, '2030-05-21T00:00:00.000Z', true, starts)).toBe(now.toISOString())
    expect(scanTime(now, 'yesterday', true, starts)).toBe(now.toISOString())
  })

  it('uses the server’s time for an offline scan before the doors could open', () => {
    expect(scanTime(now, '0001-01-01T00:00:00.000Z', true, starts)).toBe(now.toISOString())
    const justBefore = new Date(Date.parse(starts) - DOORS_OPEN_BEFORE_MS - 1).toISOString()
    const atOpening = new Date(Date.parse(starts) - DOORS_OPEN_BEFORE_MS).toISOString()
    expect(scanTime(now, justBefore, true, starts)).toBe(now.toISOString())
    expect(scanTime(now, atOpening, true, starts)).toBe(atOpening)
  })
})
