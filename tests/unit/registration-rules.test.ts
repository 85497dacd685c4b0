import { describe, expect, it } from 'vitest'
import {
  acceptsPublicRegistration,
  canQueueInvitation,
  canRemind,
  checkChoices,
  choosableSessions,
  holdsPlace,
  mayInviteTo,
  needsApproval,
  overlappingChoices,
  placeIn,
  promotable,
  promotableByHand,
  registrationWindow,
  sameTime,
  seatFor,
} from '../../app/registration/rules'

const session = (
  id: string,
  start: string,
  end: string,
  extra: Partial<{ vipOnly: number; registrationRequired: number }> = {},
) => ({
  id,
  startsAt: `2030-05-20T${start}:00.000Z`,
  endsAt: `2030-05-20T${end}:00.000Z`,
  registrationRequired: extra.registrationRequired ?? 1,
  vipOnly: extra.vipOnly ?? 0,
  capacity: null,
})

describe('choosable sessions', () => {
  const all = [
    session('open', '01:00', '02:00', { registrationRequired: 0 }),
    session('forum', '02:00', '03:00'),
    session('vip', '03:00', '04:00', { vipOnly: 1 }),
  ]
  it('leaves out sessions open to everyone, and VIP-only sessions for non-VIPs', () => {
    expect(choosableSessions(all, [], false).map((s) => s.id)).toEqual(['forum'])
    expect(choosableSessions(all, [], true).map((s) => s.id)).toEqual(['forum', 'vip'])
  })
  it('limits an invitation that names sessions to those, VIP-only included', () => {
    expect(choosableSessions(all, ['vip'], false).map((s) => s.id)).toEqual(['vip'])
  })
})

describe('overlapping choices', () => {
  it('finds sessions that overlap, but not ones that touch end to start', () => {
    expect(overlappingChoices([session('a', '01:00', '02:00'), session('b', '02:00', '03:00')])).toEqual([])
    expect(overlappingChoices([session('b', '01:30', '03:00'), session('a', '01:00', '02:00')])).toEqual([
      { a: 'a', b: 'b' },
    ])
  })
  it('checkChoices refuses an unknown session and names the overlapping pair', () => {
    const allowed = [session('a', '01:00', '02:00'), session('b', '01:30', '03:00'), session('c', '04:00', '05:00')]
    expect(checkChoices(['a', 'c'], allowed)).toEqual({ ok: true })
    expect(checkChoices(['a', 'x'], allowed)).toEqual({ ok: false, reason: 'not_allowed', sessionId: 'x' })
    expect(checkChoices(['c', 'b', 'a'], allowed)).toEqual({
      ok: false,
      reason: 'overlap',
      overlap: { a: 'a', b: 'b' },
    })
  })
})

describe('seats', () => {
  it('confirms while seats are left, then waitlists; unlimited always confirms', () => {
    expect(seatFor(50, 49)).toBe('confirmed')
    expect(seatFor(50, 50)).toBe('waitlisted')
    expect(seatFor(null, 10_000)).toBe('confirmed')
  })
  it('promotes as many waiting as seats are open', () => {
    expect(promotable(50, 49, 10)).toBe(1)
    expect(promotable(50, 50, 10)).toBe(0)
    expect(promotable(50, 40, 3)).toBe(3)
    expect(promotable(null, 40, 3)).toBe(3)
    expect(promotable(10, 12, 3)).toBe(0)
  })
})

describe('the registration window', () => {
  const window = {
    opensAt: '2030-05-01T00:00:00.000Z',
    closesAt: '2030-05-15T00:00:00.000Z',
    eventEndsAt: '2030-05-23T00:00:00.000Z',
  }
  it('is open between opening and closing, and says why otherwise', () => {
    expect(registrationWindow(window, new Date('2030-04-30T23:59:59Z'))).toEqual({ ok: false, reason: 'not_open_yet' })
    expect(registrationWindow(window, new Date('2030-05-01T00:00:00Z'))).toEqual({ ok: true })
    expect(registrationWindow(window, new Date('2030-05-15T00:00:00Z'))).toEqual({ ok: false, reason: 'closed' })
    expect(registrationWindow(window, new Date('2030-05-23T00:00:00Z'))).toEqual({ ok: false, reason: 'event_over' })
    expect(registrationWindow({ ...window, opensAt: null, closesAt: null }, new Date('2030-05-20T00:00:00Z'))).toEqual({
      ok: true,
    })
  })
})

describe('modes and invitation statuses', () => {
  it('takes public registrations on open and approval events only; approval holds public ones', () => {
    expect(acceptsPublicRegistration('invite_only')).toBe(false)
    expect(acceptsPublicRegistration('open')).toBe(true)
    expect(needsApproval('approval', 'public')).toBe(true)
    expect(needsApproval('approval', 'invitation')).toBe(false)
    expect(needsApproval('open', 'public')).toBe(false)
  })
  it('sends to drafts and failures, resends to unanswered, never to those who answered', () => {
    expect(canQueueInvitation('draft', false)).toBe(true)
    expect(canQueueInvitation('bounced', false)).toBe(true)
    expect(canQueueInvitation('sent', false)).toBe(false)
    expect(canQueueInvitation('sent', true)).toBe(true)
    expect(canQueueInvitation('registered', true)).toBe(false)
    expect(canQueueInvitation('declined', true)).toBe(false)
    expect(canRemind('sent')).toBe(true)
    expect(canRemind('registered')).toBe(false)
  })
})

describe('inviting to a VIP-only session', () => {
  it('takes VIPs only; other sessions take anyone', () => {
    expect(mayInviteTo({ vipOnly: 1 }, true)).toBe(true)
    expect(mayInviteTo({ vipOnly: 1 }, false)).toBe(false)
    expect(mayInviteTo({ vipOnly: 0 }, false)).toBe(true)
  })
})

describe('the place a delegate holds in a session (placeIn)', () => {
  const seated = { registrationRequired: true, vipOnly: false }
  const openToAll = { registrationRequired: false, vipOnly: false }
  const vipOpen = { registrationRequired: false, vipOnly: true }
  const guest = { vip: false, status: 'confirmed' as const }
  const vip = { vip: true, status: 'confirmed' as const }
  it('is the seat held, confirmed or waiting, and none without one where registration is needed', () => {
    expect(placeIn(seated, 'confirmed', guest)).toBe('confirmed')
    expect(placeIn(seated, 'waitlisted', guest)).toBe('waitlisted')
    expect(placeIn(seated, 'cancelled', guest)).toBeNull()
    expect(placeIn(seated, null, guest)).toBeNull()
  })
  it('is open in a session for every attendee, a VIP-only one for VIPs only', () => {
    expect(placeIn(openToAll, null, guest)).toBe('open')
    expect(placeIn(vipOpen, null, guest)).toBeNull()
    expect(placeIn(vipOpen, null, vip)).toBe('open')
  })
  it('is open where the session became open to all, even with a waiting seat left from before (the door agrees)', () => {
    expect(placeIn(openToAll, 'waitlisted', guest)).toBe('open')
    expect(placeIn(openToAll, 'cancelled', guest)).toBe('open')
    expect(placeIn(vipOpen, 'waitlisted', guest)).toBe('waitlisted')
  })
  it('is nothing at all in a cancelled registration', () => {
    expect(placeIn(openToAll, null, { vip: true, status: 'cancelled' })).toBeNull()
    expect(placeIn(seated, 'confirmed', { vip: false, status: 'cancelled' })).toBeNull()
  })
  it('is only a request, holding no place, while the registration waits for approval', () => {
    const pending = { vip: true, status: 'pending' as const }
    expect(placeIn(seated, 'confirmed', pending)).toBe('requested')
    expect(placeIn(seated, 'waitlisted', pending)).toBe('requested')
    expect(placeIn(seated, 'cancelled', pending)).toBeNull()
    expect(placeIn(openToAll, null, pending)).toBeNull()
    expect(placeIn(vipOpen, null, pending)).toBeNull()
  })
})

describe('whether a place lets its holder in (holdsPlace)', () => {
  it('is a confirmed seat or a session open to them; never a waiting seat or a request', () => {
    expect(holdsPlace('confirmed')).toBe(true)
    expect(holdsPlace('open')).toBe(true)
    expect(holdsPlace('waitlisted')).toBe(false)
    expect(holdsPlace('requested')).toBe(false)
    expect(holdsPlace(null)).toBe(false)
  })
})

describe('a seat given by hand (promotableByHand)', () => {
  it('takes a waiting seat of a confirmed registration only', () => {
    expect(promotableByHand('confirmed', 'waitlisted')).toEqual({ ok: true })
    expect(promotableByHand('confirmed', 'confirmed')).toEqual({ ok: false, reason: 'not_waiting' })
    expect(promotableByHand('confirmed', 'cancelled')).toEqual({ ok: false, reason: 'not_waiting' })
    expect(promotableByHand('confirmed', null)).toEqual({ ok: false, reason: 'not_waiting' })
    expect(promotableByHand('pending', 'waitlisted')).toEqual({ ok: false, reason: 'not_confirmed' })
    expect(promotableByHand('cancelled', 'waitlisted')).toEqual({ ok: false, reason: 'not_confirmed' })
  })
})

describe('sessions at the same time (sameTime)', () => {
  it('pairs each session with those it overlaps, both ways; touching end to start is fine', () => {
    const s = (id: string, start: string, end: string) => ({
      id,
      startsAt: `2030-05-20T${start}:00.000Z`,
      endsAt: `2030-05-20T${end}:00.000Z`,
    })
    const clash = sameTime([
      s('opening', '00:00', '00:45'),
      s('briefing', '00:30', '01:00'),
      s('forum', '01:00', '02:00'),
    ])
    expect(clash.get('opening')).toEqual(['briefing'])
    expect(clash.get('briefing')).toEqual(['opening'])
    expect(clash.get('forum')).toBeUndefined()
  })
})
