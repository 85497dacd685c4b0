/**
 * Door check-in rules, pure: what a scan of a ticket at a session's door means. Modelled on
 * pretix's perform_checkin (coded refusals, every attempt recorded), with Signet's twists: a
 * ticket is valid once per session it holds a seat in, and for sessions open to every attendee;
 * a scan made offline already happened at the door, so it is accepted and flagged when it
 * conflicts, never dropped.
 */
import type { CheckinReason, RegistrationStatus, SeatStatus } from '../../db/schema'
import { holdsPlace, placeIn } from '../registration/rules'

/** How long a device may take back its own scan (a mis-scan, the wrong person waved through). */
export const UNDO_WINDOW_MS = 10 * 60_000

export interface TicketFacts {
  eventId: string
  registrationStatus: RegistrationStatus
  vip: boolean
}

export interface SessionFacts {
  eventId: string
  /** registration_required = 0: every attendee of the event may come in */
  openToAll: boolean
  vipOnly: boolean
}

export interface CheckinFacts {
  /** the ticket the code belongs to; null when no current ticket has this code */
  ticket: TicketFacts | null
  /** the code is an old one, replaced when the ticket was reissued */
  revoked: boolean
  session: SessionFacts
  /** the holder's seat in this session, if any */
  seat: SeatStatus | null
  /** the first admission to this session that still stands (not undone), if any */
  previous: { at: string; deviceName: string | null } | null
  /** the scan already happened at the door while the device had no network */
  offline: boolean
  /** where the scan falls in the session's scan window (scanWindowAt); 'open' when it does not apply */
  window: ScanWindowState
  /** staff chose to check in anyway outside the window */
  override: boolean
}

export type CheckinDecision =
  | { ok: true; conflict: boolean; override: boolean }
  | { ok: false; reason: CheckinReason; previous?: { at: string; deviceName: string | null } }

/**
 * The verdict for one scan. Checked in pretix's order: the code, the event, the ticket, the seat,
 * then the time (the session's scan window, unless staff override it, or the scan already
 * happened offline), then the door's history.
 */
export function decideCheckin(facts: CheckinFacts): CheckinDecision {
  if (facts.revoked) return { ok: false, reason: 'revoked' }
  const ticket = facts.ticket
  if (!ticket) return { ok: false, reason: 'unknown_code' }
  if (ticket.eventId !== facts.session.eventId) return { ok: false, reason: 'wrong_event' }
  if (ticket.registrationStatus === 'cancelled') return { ok: false, reason: 'cancelled' }
  if (!admits(ticket, facts.session, facts.seat)) return { ok: false, reason: 'not_registered_for_session' }
  const override = facts.override && facts.window !== 'open'
  if (!override && !facts.offline) {
    if (facts.window === 'early') return { ok: false, reason: 'not_open_yet' }
    if (facts.window === 'over') return { ok: false, reason: 'session_over' }
  }
  if (facts.previous) {
    // Two doors admitted the same person while offline: it happened; record it and flag it.
    if (facts.offline) return { ok: true, conflict: true, override }
    return { ok: false, reason: 'already_checked_in', previous: facts.previous }
  }
  return { ok: true, conflict: false, override }
}

/** How long before a session starts its door takes scans, unless the event says otherwise. */
export const DEFAULT_SCAN_OPENS_MINUTES = 120
/** The most an event may set: a bus leaving at dawn for a session at noon (and no more than scanTime keeps). */
export const MAX_SCAN_OPENS_MINUTES = 12 * 60

export type ScanWindowState = 'early' | 'open' | 'over'

export interface ScanWindow {
  startsAt: string
  endsAt: string
  /** the event's setting: minutes before the start that scans are taken */
  opensMinutes: number
}

/** When the door opens for scans: `opensMinutes` before the session starts. */
export function scanOpensAt(window: ScanWindow): string {
  return new Date(Date.parse(window.startsAt) - window.opensMinutes * 60_000).toISOString()
}

/** Where an instant falls in a session's scan window: from its opening until the session ends, both included. */
export function scanWindowAt(at: Date, window: ScanWindow): ScanWindowState {
  const t = at.getTime()
  if (t < Date.parse(scanOpensAt(window))) return 'early'
  if (t > Date.parse(window.endsAt)) return 'over'
  return 'open'
}

/**
 * Whether a ticket lets its holder into a session at all: a confirmed registration, and a
 * confirmed seat in the session, or a session open to every attendee (VIP-only ones to VIPs).
 * A pending registration (awaiting approval) admits nowhere. The place rule is the one the portal,
 * the calendar files and the mails use (placeIn, app/registration/rules.ts).
 */
export function admits(ticket: TicketFacts, session: SessionFacts, seat: SeatStatus | null): boolean {
  const rules = { registrationRequired: !session.openToAll, vipOnly: session.vipOnly }
  return holdsPlace(placeIn(rules, seat, { vip: ticket.vip, status: ticket.registrationStatus }))
}

export type UndoDecision =
  | { ok: true }
  | { ok: false; reason: 'not_found' | 'not_admitted' | 'already_undone' | 'too_late' }

/** Whether a device may take back one of its scans now. */
export function decideUndo(
  scan: { status: 'ok' | 'rejected'; createdAt: string; undoneAt: string | null } | null,
  now: Date,
): UndoDecision {
  if (!scan) return { ok: false, reason: 'not_found' }
  if (scan.status !== 'ok') return { ok: false, reason: 'not_admitted' }
  if (scan.undoneAt) return { ok: false, reason: 'already_undone' }
  if (now.getTime() - Date.parse(scan.createdAt) > UNDO_WINDOW_MS) return { ok: false, reason: 'too_late' }
  return { ok: true }
}

/** How long before a session starts its doors may already scan (a bus leaving at dawn). */
export const DOORS_OPEN_BEFORE_MS = 12 * 60 * 60_000

/**
 * The time a scan is recorded at: the device's own clock for an offline scan (it happened
 * then), but never in the future, nor before the session's doors could open (a phone with a
 * wrong clock, or a forged upload claiming year 1, which would otherwise come first in every
 * ordering and conflict); the server's clock otherwise.
 */
export function scanTime(now: Date, scannedAt: string | undefined, offline: boolean, sessionStartsAt: string): string {
  if (!offline || !scannedAt) return now.toISOString()
  const at = Date.parse(scannedAt)
  const opens = Date.parse(sessionStartsAt) - DOORS_OPEN_BEFORE_MS
  if (Number.isNaN(at) || at > now.getTime() || at < opens) return now.toISOString()
  return new Date(at).toISOString()
}
