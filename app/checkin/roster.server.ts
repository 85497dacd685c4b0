/**
 * What a scanner reads: the sessions it may serve, the roster of a session for deciding offline
 * (keyed by the ticket code's SHA-256, never the code), and the lookup by name at a door.
 */
import { createHash } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import { searchText, textMatches } from '../people/text-search.server'
import { attendeeColumns, attendeeOf, mayServeSession, type Scanner, scannerEventId } from './checkin.server'
import type { RefusedTicket, Roster, RosterEntry, ScannerSession } from './door-answers'
import { admits, type ScanWindow, type SessionFacts } from './rules'

/** The sessions a scanner may check people in to, in time order. */
export async function scannerSessions(db: Kysely<Database>, scanner: Scanner): Promise<ScannerSession[]> {
  const rows = await db
    .selectFrom('sessions as s')
    .innerJoin('events as e', 'e.id', 's.event_id')
    .select(['s.id', 's.event_id', 's.title_zh', 's.title_en', 's.title_ja', 's.starts_at', 's.ends_at', 's.kind'])
    .select('e.timezone')
    .where('s.event_id', '=', scannerEventId(scanner))
    .orderBy('s.starts_at')
    .execute()
  return rows
    .filter((s) => mayServeSession(scanner, s))
    .map((s) => ({
      id: s.id,
      timezone: s.timezone,
      title: { zh: s.title_zh, en: s.title_en, ja: s.title_ja },
      startsAt: s.starts_at,
      endsAt: s.ends_at,
      kind: s.kind,
    }))
}

/** A session's own facts for the check-in rule (rules.ts). */
function sessionFacts(session: { event_id: string; registration_required: number; vip_only: number }): SessionFacts {
  return {
    eventId: session.event_id,
    openToAll: session.registration_required === 0,
    vipOnly: session.vip_only === 1,
  }
}

export type RosterResult = { ok: true; roster: Roster } | { ok: false; reason: 'unknown_session' | 'forbidden_session' }

/**
 * Who may come in to a session, for a scanner that must decide on its own when the network is
 * down: keyed by the ticket code's SHA-256, with each person's summary and check-in state. With
 * `since`, only what changed after it (registrations updated, people checked in or undone).
 */
export async function sessionRoster(
  db: Kysely<Database>,
  scanner: Scanner,
  sessionId: string,
  since: string | null,
  now = new Date(),
): Promise<RosterResult> {
  const session = await db
    .selectFrom('sessions as s')
    .innerJoin('events as e', 'e.id', 's.event_id')
    .select(['s.id', 's.event_id', 's.registration_required', 's.vip_only', 's.starts_at', 's.ends_at'])
    .select('e.scan_opens_minutes')
    .where('s.id', '=', sessionId)
    .executeTakeFirst()
  if (!session) return { ok: false, reason: 'unknown_session' }
  if (!mayServeSession(scanner, session)) return { ok: false, reason: 'forbidden_session' }
  // A little overlap, so that a write committed just before `asOf` with an older clock is not missed.
  const asOf = now.toISOString()
  const sinceAt = since && !Number.isNaN(Date.parse(since)) ? new Date(Date.parse(since) - 5_000).toISOString() : null

  const people = await db
    .selectFrom('registrations as r')
    .innerJoin('people as p', 'p.id', 'r.person_id')
    .leftJoin('registration_sessions as s', (join) =>
      join.onRef('s.registration_id', '=', 'r.id').on('s.session_id', '=', session.id),
    )
    .select([
      ...attendeeColumns(),
      'r.ticket_hash',
      'r.updated_at',
      's.status as seat',
      's.updated_at as seat_updated_at',
    ])
    .where('r.event_id', '=', session.event_id)
    .execute()
  const revoked = await db
    .selectFrom('revoked_tickets as t')
    .innerJoin('registrations as r', 'r.id', 't.registration_id')
    .select('t.ticket_hash')
    .where('r.event_id', '=', session.event_id)
    .orderBy('t.ticket_hash')
    .execute()
  const checkins = await db
    .selectFrom('checkins')
    .select(['registration_id', 'scanned_at', 'undone_at', 'created_at'])
    .where('session_id', '=', session.id)
    .where('status', '=', 'ok')
    .execute()
  const firstIn = new Map<string, string>()
  const touched = new Set<string>()
  for (const c of checkins) {
    if (!c.registration_id) continue
    if (sinceAt && (c.created_at >= sinceAt || (c.undone_at ?? '') >= sinceAt)) touched.add(c.registration_id)
    if (c.undone_at) continue
    const seen = firstIn.get(c.registration_id)
    if (!seen || c.scanned_at < seen) firstIn.set(c.registration_id, c.scanned_at)
  }

  const facts = sessionFacts(session)
  const entries: RosterEntry[] = []
  const refused: RefusedTicket[] = []
  const removed: string[] = []
  for (const p of people) {
    const changed = !sinceAt || p.updated_at >= sinceAt || (p.seat_updated_at ?? '') >= sinceAt || touched.has(p.id)
    if (!changed) continue
    if (!p.ticket_hash) {
      if (sinceAt) removed.push(p.id)
      continue
    }
    // The door's rule (rules.ts), as a scan of this ticket would be decided.
    const ticket = { eventId: session.event_id, registrationStatus: p.status, vip: p.vip === 1 }
    if (!admits(ticket, facts, p.seat)) {
      if (sinceAt) removed.push(p.id)
      refused.push({ ticketHash: p.ticket_hash, registrationStatus: p.status, seat: p.seat })
      continue
    }
    entries.push({
      ticketHash: p.ticket_hash,
      registrationId: p.id,
      attendee: attendeeOf(p),
      seat: p.seat,
      checkedInAt: firstIn.get(p.id) ?? null,
    })
  }
  entries.sort((a, b) => a.attendee.latinName.localeCompare(b.attendee.latinName))
  refused.sort((a, b) => a.ticketHash.localeCompare(b.ticketHash))
  const revokedHashes = revoked.map((r) => r.ticket_hash)
  const window: ScanWindow = {
    startsAt: session.starts_at,
    endsAt: session.ends_at,
    opensMinutes: session.scan_opens_minutes,
  }
  const etag = `"${createHash('sha256')
    .update(JSON.stringify([facts, window, entries, refused, revokedHashes, removed]))
    .digest('base64url')
    .slice(0, 27)}"`
  return {
    ok: true,
    roster: {
      sessionId: session.id,
      session: facts,
      window,
      asOf,
      partial: sinceAt !== null,
      entries,
      refused,
      revoked: revokedHashes,
      removed,
      etag,
    },
  }
}

export type SearchResult =
  | { ok: true; results: (RosterEntry & { allowed: boolean })[] }
  | { ok: false; reason: 'unknown_session' | 'forbidden_session' }

const SEARCH_LIMIT = 20

/**
 * Manual lookup at a door: by name in any script (native, kana, Latin), organization or email,
 * among the event's registrations that are not cancelled, folded as the organizers' searches are
 * (kana, width, case and spaces: searchText), at most SEARCH_LIMIT by Latin name. Says whether
 * each may come in here, and when they did.
 */
export async function searchAttendees(
  db: Kysely<Database>,
  scanner: Scanner,
  sessionId: string,
  q: string,
): Promise<SearchResult> {
  const session = await db
    .selectFrom('sessions')
    .select(['id', 'event_id', 'registration_required', 'vip_only'])
    .where('id', '=', sessionId)
    .executeTakeFirst()
  if (!session) return { ok: false, reason: 'unknown_session' }
  if (!mayServeSession(scanner, session)) return { ok: false, reason: 'forbidden_session' }
  const needle = searchText(q)
  if (needle === '') return { ok: true, results: [] }
  const rows = await db
    .selectFrom('registrations as r')
    .innerJoin('people as p', 'p.id', 'r.person_id')
    .leftJoin('registration_sessions as s', (join) =>
      join.onRef('s.registration_id', '=', 'r.id').on('s.session_id', '=', session.id),
    )
    .select([...attendeeColumns(), 'r.ticket_hash', 's.status as seat'])
    .where('r.event_id', '=', session.event_id)
    .where('r.status', '!=', 'cancelled')
    .where((eb) => textMatches(eb, needle, [eb.ref('r.search_text')]))
    .orderBy('r.latin_name')
    .orderBy('r.id')
    .limit(SEARCH_LIMIT)
    .execute()
  const ids = rows.map((r) => r.id)
  const firstIn = new Map<string, string>()
  if (ids.length > 0) {
    for (const c of await db
      .selectFrom('checkins')
      .select(['registration_id', 'scanned_at'])
      .where('session_id', '=', session.id)
      .where('status', '=', 'ok')
      .where('undone_at', 'is', null)
      .where('registration_id', 'in', ids)
      .execute()) {
      if (!c.registration_id) continue
      const seen = firstIn.get(c.registration_id)
      if (!seen || c.scanned_at < seen) firstIn.set(c.registration_id, c.scanned_at)
    }
  }
  const facts = sessionFacts(session)
  const results = rows.map((r) => {
    // The door's rule (rules.ts), as in the roster: who a scan of this ticket would let in.
    const ticket = { eventId: session.event_id, registrationStatus: r.status, vip: r.vip === 1 }
    const allowed = r.ticket_hash !== null && admits(ticket, facts, r.seat)
    return {
      ticketHash: r.ticket_hash ?? '',
      registrationId: r.id,
      attendee: attendeeOf(r),
      seat: allowed ? r.seat : null,
      checkedInAt: allowed ? (firstIn.get(r.id) ?? null) : null,
      allowed,
    }
  })
  return { ok: true, results }
}
