/**
 * The registration rules, pure: which sessions a delegate may choose, which choices clash, and
 * who gets a seat. Each returns a coded result; the callers (registration.server.ts) apply them
 * inside the event's seat lock.
 */
import type { InvitationStatus, RegistrationMode, RegistrationStatus, SeatStatus } from '../../db/schema'

export interface ChoosableSession {
  id: string
  startsAt: string
  endsAt: string
  /** 1: chosen by the delegate; 0: open to every attendee, nothing to choose */
  registrationRequired: number
  vipOnly: number
  capacity: number | null
}

/**
 * The sessions a person may choose: those that need registration, limited to the sessions their
 * invitation names when it names any, and VIP-only sessions only for VIPs or when the
 * invitation names them explicitly.
 */
export function choosableSessions<S extends ChoosableSession>(
  sessions: readonly S[],
  invitedSessionIds: readonly string[],
  vip: boolean,
): S[] {
  const named = new Set(invitedSessionIds)
  return sessions.filter((s) => {
    if (s.registrationRequired !== 1) return false
    if (named.size > 0) return named.has(s.id)
    return s.vipOnly !== 1 || vip
  })
}

/**
 * Whether an organizer may invite a person to a session: a VIP-only session takes VIPs only
 * (invitations that name sessions, from the directory or an import's sessions column).
 */
export function mayInviteTo(session: { vipOnly: number }, vip: boolean): boolean {
  return session.vipOnly !== 1 || vip
}

export interface Overlap {
  a: string
  b: string
}

/** Pairs of chosen sessions that overlap in time (touching end to start is fine). */
export function overlappingChoices(chosen: readonly Pick<ChoosableSession, 'id' | 'startsAt' | 'endsAt'>[]): Overlap[] {
  const sorted = [...chosen].sort((x, y) => x.startsAt.localeCompare(y.startsAt))
  const overlaps: Overlap[] = []
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j < sorted.length; j++) {
      const a = sorted[i]
      const b = sorted[j]
      if (!a || !b) continue
      if (b.startsAt >= a.endsAt) break
      overlaps.push({ a: a.id, b: b.id })
    }
  }
  return overlaps
}

export type ChoiceVerdict =
  | { ok: true }
  | { ok: false; reason: 'not_allowed'; sessionId: string }
  | { ok: false; reason: 'overlap'; overlap: Overlap }

/** Whether a set of chosen session ids may be registered for. */
export function checkChoices(chosenIds: readonly string[], allowed: readonly ChoosableSession[]): ChoiceVerdict {
  const byId = new Map(allowed.map((s) => [s.id, s]))
  const chosen: ChoosableSession[] = []
  for (const id of chosenIds) {
    const session = byId.get(id)
    if (!session) return { ok: false, reason: 'not_allowed', sessionId: id }
    chosen.push(session)
  }
  const [first] = overlappingChoices(chosen)
  return first ? { ok: false, reason: 'overlap', overlap: first } : { ok: true }
}

/** A seat for a newly chosen session: confirmed while seats are left, otherwise the waitlist. */
export function seatFor(capacity: number | null, taken: number): Exclude<SeatStatus, 'cancelled'> {
  return capacity === null || taken < capacity ? 'confirmed' : 'waitlisted'
}

/** How many of the waiting may move up once seats free: as many as the seats now open. */
export function promotable(capacity: number | null, taken: number, waiting: number): number {
  if (capacity === null) return waiting
  return Math.max(0, Math.min(waiting, capacity - taken))
}

export type WindowVerdict = { ok: true } | { ok: false; reason: 'not_open_yet' | 'closed' | 'event_over' }

/** Whether registration is open at `now` for an event's window (instants, ISO UTC). */
export function registrationWindow(
  window: { opensAt: string | null; closesAt: string | null; eventEndsAt: string },
  now: Date,
): WindowVerdict {
  const at = now.toISOString()
  if (at >= window.eventEndsAt) return { ok: false, reason: 'event_over' }
  if (window.opensAt && at < window.opensAt) return { ok: false, reason: 'not_open_yet' }
  if (window.closesAt && at >= window.closesAt) return { ok: false, reason: 'closed' }
  return { ok: true }
}

/** Whether an event takes registrations from people without an invitation. */
export function acceptsPublicRegistration(mode: RegistrationMode): boolean {
  return mode === 'open' || mode === 'approval'
}

/** Whether a new registration waits for an organizer's approval before its ticket is issued. */
export function needsApproval(mode: RegistrationMode, source: 'invitation' | 'public'): boolean {
  return mode === 'approval' && source === 'public'
}

/** Invitations an organizer's "send" applies to: never those already answered. */
export function canQueueInvitation(status: InvitationStatus, resend: boolean): boolean {
  if (status === 'draft' || status === 'failed' || status === 'bounced') return true
  return resend && (status === 'queued' || status === 'sent')
}

/** Invitations a reminder goes to: sent and not answered. */
export function canRemind(status: InvitationStatus): boolean {
  return status === 'sent'
}

/**
 * How a delegate holds a place in a session: a seat (confirmed, or waiting for one), or entry to a
 * session open to all; or, while their registration waits for approval, a request that holds no
 * place yet.
 */
export type Place = 'confirmed' | 'waitlisted' | 'open' | 'requested'

/**
 * The place a delegate holds in a session: the one rule the portal, the calendar file, the mails
 * and the door's roster share (issue 16). The seat they hold, confirmed or waiting; else a session
 * open to every attendee that they may enter (a VIP-only one for VIPs only). A cancelled
 * registration holds nothing; a pending one (approval mode) holds nothing either: the sessions it
 * asked for are only `requested` until an organizer approves it.
 */
export function placeIn(
  session: { registrationRequired: boolean; vipOnly: boolean },
  seat: SeatStatus | null | undefined,
  delegate: { vip: boolean; status: RegistrationStatus },
): Place | null {
  if (delegate.status === 'cancelled') return null
  const chose = seat === 'confirmed' || seat === 'waitlisted'
  if (delegate.status === 'pending') return chose ? 'requested' : null
  if (seat === 'confirmed') return 'confirmed'
  // A session open to them lets them in, whatever seat an earlier rule left (the door's triggers agree).
  if (!session.registrationRequired && (!session.vipOnly || delegate.vip)) return 'open'
  return seat === 'waitlisted' ? 'waitlisted' : null
}

/** Whether a place lets its holder in: a confirmed seat, or a session open to them. */
export function holdsPlace(place: Place | null): place is 'confirmed' | 'open' {
  return place === 'confirmed' || place === 'open'
}

/**
 * Whether a delegate waiting for a seat may be given one by an organizer's hand, ahead of the
 * queue and beyond the capacity if need be: only a confirmed registration's waiting seat.
 */
export function promotableByHand(
  registrationStatus: RegistrationStatus,
  seat: SeatStatus | null | undefined,
): { ok: true } | { ok: false; reason: 'not_confirmed' | 'not_waiting' } {
  if (registrationStatus !== 'confirmed') return { ok: false, reason: 'not_confirmed' }
  if (seat !== 'waitlisted') return { ok: false, reason: 'not_waiting' }
  return { ok: true }
}

/** A session row's flags as placeIn reads them. */
export function placeRules(s: { registration_required: number; vip_only: number }) {
  return { registrationRequired: s.registration_required === 1, vipOnly: s.vip_only === 1 }
}

/** For each session, the others among `sessions` it overlaps in time (touching end to start is fine). */
export function sameTime(
  sessions: readonly Pick<ChoosableSession, 'id' | 'startsAt' | 'endsAt'>[],
): Map<string, string[]> {
  const out = new Map<string, string[]>()
  for (const { a, b } of overlappingChoices(sessions)) {
    out.set(a, [...(out.get(a) ?? []), b])
    out.set(b, [...(out.get(b) ?? []), a])
  }
  return out
}
