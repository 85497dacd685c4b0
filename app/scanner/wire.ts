/**
 * The device API's wire (`/api/v1`, api.server.ts): the JSON a scanner sends and what it gets
 * back, for the scanner's browser code, the API that answers it, and third-party scanners
 * (ADR 0012). Types only, and nothing the server alone may load: the browser imports this, never
 * a `.server` module. The API checks at compile time that what the check-in domain returns is
 * what this promises (`satisfies` at each answer).
 */
// ---- What the answers carry (their home is the check-in domain, app/checkin/door-answers.ts)

export type {
  Attendee,
  AttendeeNote,
  RefusedTicket,
  RosterEntry,
  ScannerSession,
  Verdict,
} from '../checkin/door-answers'

import type { Roster, RosterEntry, ScannerSession } from '../checkin/door-answers'

// ---- Requests (POST bodies, JSON; an unknown field is a 400)

/** `POST /device/enroll`: the one-time code of an enrollment QR. */
export interface EnrollRequest {
  code: string
}

/** `POST /checkin/redeem`: a scanned or typed code. */
export interface RedeemRequest {
  code: string
  sessionId: string
  nonce: string
  /** when the scan was made (offline scans keep their own time) */
  scannedAt?: string
  /** decided at the door while the server could not be reached */
  offline?: boolean
  /** check in anyway outside the session's scan window */
  override?: boolean
}

/** `POST /checkin/admit`: someone found by name at the door. */
export interface AdmitRequest {
  registrationId: string
  sessionId: string
  nonce: string
  override?: boolean
}

/** `POST /checkin/undo`: the admission made with this nonce. */
export interface UndoRequest {
  nonce: string
}

// ---- Answers

/** `POST /device/enroll` */
export interface EnrollAnswer {
  token: string
  device: { id: string; name: string }
}

/** `POST /device/leave` */
export interface LeaveAnswer {
  ok: true
}

/** `GET /sessions` (`?event=<slug>` for a signed-in staff member) */
export interface SessionsAnswer {
  /** null for a signed-in staff member */
  device: { id: string; name: string } | null
  sessions: ScannerSession[]
}

/** `POST /checkin/undo` */
export interface UndoAnswer {
  status: 'undone'
  checkinId: string
}

/** `GET /checkin/roster?sessionId=…[&since=…]`; its ETag is a header (If-None-Match answers 304). */
export type RosterAnswer = Omit<Roster, 'etag'>

/** One hit of the search by name: whether a scan of their ticket would let them in here. */
export interface SearchHit extends RosterEntry {
  allowed: boolean
}

/** `GET /checkin/search?sessionId=…&q=…` */
export interface SearchAnswer {
  results: SearchHit[]
}

/** Every refusal: a stable code, a message in the caller's language, and the field at fault for a 400. */
export interface ApiError {
  code: string
  message: string
  field?: string
}
