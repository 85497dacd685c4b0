/**
 * What the door is told about a ticket, a person and a session: the check-in domain returns it,
 * and the device API sends it as it is (app/scanner/wire.ts re-exports it for the browser). Types
 * only, so that the scanner's browser code may import them.
 */
import type { CheckinReason, CheckinStatus, Diet, RegistrationStatus, SeatStatus } from '../../db/schema'
import type { ScanWindow, SessionFacts } from './rules'

export type AttendeeNote =
  | { kind: 'diet'; value: Diet }
  | { kind: 'allergies'; value: string }
  | { kind: 'accessibility'; value: string }
  | { kind: 'interpretation'; value: string }

/** Who a ticket belongs to, as the door shows them. */
export interface Attendee {
  /** the name in its own script (family name first), or the Latin one when there is none */
  name: string
  latinName: string
  kana: string | null
  organization: string
  title: string
  vip: boolean
  notes: AttendeeNote[]
}

/** The answer to a scan or an admission by name: one verdict per scan. */
export interface Verdict {
  status: CheckinStatus
  reason: CheckinReason | null
  attendee: Attendee | null
  /** when and where this person was first admitted to the session, if they were */
  firstCheckin: { at: string; device: string | null } | null
  checkinId: string
  /** an offline admission that clashes with another admission, flagged for organizers */
  conflict: boolean
  /** when the scan counts as made */
  scannedAt: string
  /** admitted by name (found in the search), not by a code */
  manual: boolean
  /** admitted outside the session's scan window because staff chose to */
  override: boolean
}

/** A session the scanner may check people in to. */
export interface ScannerSession {
  id: string
  /** the event's time zone: times are shown in it */
  timezone: string
  title: { zh: string; en: string; ja: string }
  startsAt: string
  endsAt: string
  kind: string
}

/** Someone who may come in, in a session's roster. */
export interface RosterEntry {
  /** SHA-256 of the ticket code, never the code */
  ticketHash: string
  registrationId: string
  attendee: Attendee
  /** the holder's seat in this session (null in a session open to every attendee, without one) */
  seat: SeatStatus | null
  checkedInAt: string | null
}

/** A ticket of the event that does not open this door: only why (no name, no registration id, no VIP flag). */
export interface RefusedTicket {
  ticketHash: string
  registrationStatus: RegistrationStatus
  seat: SeatStatus | null
}

/** A session's roster for a door: who may come in, what to refuse and why, what left since `since`. */
export interface Roster {
  sessionId: string
  /** the session's own facts for the check-in rule, which the phone runs when offline */
  session: SessionFacts
  /** when the door takes scans (the event's setting) */
  window: ScanWindow
  /** changes up to this instant are included: pass it back as `since` */
  asOf: string
  /** true when `since` was given: only entries changed since then, and the ids that left */
  partial: boolean
  entries: RosterEntry[]
  /** the event's other current tickets (changed ones, when partial): a refusal offline gives the true reason */
  refused: RefusedTicket[]
  /** codes of the event replaced by a reissue (all of them, partial or not) */
  revoked: string[]
  /** registrations no longer allowed in (cancelled, seat dropped): drop them from the local copy */
  removed: string[]
  etag: string
}
