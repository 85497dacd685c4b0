/**
 * The scanner's offline side, in the browser (IndexedDB through idb-keyval): each session's
 * roster (who may come in, keyed by the SHA-256 of the ticket code, as the server sends it), the
 * queue of admissions decided at the door while the server could not be reached, and the local
 * decision itself. The queue survives a reload; it is uploaded with `offline: true` and each
 * scan's own time when the network is back (ADR 0012).
 */
import { clear, createStore, del, get, set, type UseStore } from 'idb-keyval'
import { type CheckinFacts, decideCheckin, type ScanWindow, type SessionFacts, scanWindowAt } from '../checkin/rules'
import { foldForSearch } from '../people/search'
import { asTicketCode } from '../registration/ticket-code'
import type { RefusedTicket, RosterEntry, ScannerSession, Verdict } from './wire'

export type { RosterEntry } from './wire'

export interface StoredRoster {
  sessionId: string
  etag: string | null
  fetchedAt: string
  /** the session's facts for the check-in rule */
  session: SessionFacts
  /** when the door takes scans */
  window: ScanWindow
  /** who may come in, by ticket hash */
  entries: Record<string, RosterEntry>
  /** the event's other tickets, by hash: enough to say why they are refused, nothing more */
  refused: Record<string, RefusedTicket>
  /** the event's replaced codes, by hash */
  revoked: string[]
}

export interface QueuedScan {
  code: string
  sessionId: string
  nonce: string
  scannedAt: string
  /** checked in anyway outside the scan window (absent in scans queued before issue 16) */
  override?: boolean
}

let store: UseStore | null = null
function db(): UseStore {
  store ??= createStore('signet-checkin', 'offline')
  return store
}

const rosterKey = (sessionId: string) => `roster:${sessionId}`
const QUEUE_KEY = 'queue'
const SESSIONS_KEY = 'sessions'

export async function loadRoster(sessionId: string): Promise<StoredRoster | null> {
  const stored = await get<Partial<StoredRoster>>(rosterKey(sessionId), db())
  // A copy kept before rosters carried the rule's facts (issue 16) cannot decide: fetch anew.
  if (!stored?.session || !stored.window || !stored.entries || !stored.refused || !stored.revoked || !stored.sessionId)
    return null
  return {
    sessionId: stored.sessionId,
    etag: stored.etag ?? null,
    fetchedAt: stored.fetchedAt ?? '',
    session: stored.session,
    window: stored.window,
    entries: stored.entries,
    refused: stored.refused,
    revoked: stored.revoked,
  }
}

export async function saveRoster(roster: StoredRoster): Promise<void> {
  await set(rosterKey(roster.sessionId), roster, db())
}

/** The sessions list as last fetched, so the scanner can reopen without a network. */
export async function loadSessions(): Promise<ScannerSession[] | null> {
  return (await get<ScannerSession[]>(SESSIONS_KEY, db())) ?? null
}

export async function saveSessions(sessions: ScannerSession[]): Promise<void> {
  await set(SESSIONS_KEY, sessions, db())
}

export async function queuedScans(): Promise<QueuedScan[]> {
  return (await get<QueuedScan[]>(QUEUE_KEY, db())) ?? []
}

// One writer at a time: read-modify-write of the queue must not interleave.
let queueTurn: Promise<unknown> = Promise.resolve()
function withQueue<T>(work: (queue: QueuedScan[]) => Promise<{ queue: QueuedScan[]; result: T }>): Promise<T> {
  const run = queueTurn.then(async () => {
    const { queue, result } = await work(await queuedScans())
    await set(QUEUE_KEY, queue, db())
    return result
  })
  queueTurn = run.catch(() => undefined)
  return run
}

export function enqueueScan(scan: QueuedScan): Promise<number> {
  return withQueue(async (queue) => ({ queue: [...queue, scan], result: queue.length + 1 }))
}

export function dropScans(nonces: readonly string[]): Promise<number> {
  const gone = new Set(nonces)
  return withQueue(async (queue) => {
    const left = queue.filter((s) => !gone.has(s.nonce))
    return { queue: left, result: left.length }
  })
}

/** Takes a scan out of the queue before it was sent (undone at the door): whether it was there, and how many are left. */
export function takeBack(nonce: string): Promise<{ taken: boolean; left: number }> {
  return withQueue(async (queue) => {
    const left = queue.filter((s) => s.nonce !== nonce)
    return { queue: left, result: { taken: left.length < queue.length, left: left.length } }
  })
}

/** Everything this phone kept: after a revocation, or when the device is removed. */
export async function wipeOffline(): Promise<void> {
  await clear(db())
}

export async function forgetRoster(sessionId: string): Promise<void> {
  await del(rosterKey(sessionId), db())
}

/** SHA-256 of the normalized code, hex, as the server stores it; null for text that is no code. */
export async function hashTicketCode(raw: string): Promise<string | null> {
  const code = asTicketCode(raw)
  if (!code) return null
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(code))
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('')
}

/**
 * What the check-in rule needs to know about a code, from the phone's roster: the same facts the
 * server reads from its tables, as far as the roster has them. A code the roster does not know at
 * all is unknown (offline, the phone cannot tell it from another event's ticket). The first
 * admission the phone knows of is "previous", not an offline conflict: the door has seen it, so
 * it is amber, as online.
 */
export function localFacts(
  roster: StoredRoster | null,
  hash: string | null,
  now: Date,
  override = false,
): CheckinFacts {
  const session = roster?.session ?? { eventId: '', openToAll: false, vipOnly: false }
  const facts: CheckinFacts = {
    ticket: null,
    revoked: false,
    session,
    seat: null,
    previous: null,
    offline: false,
    window: roster ? scanWindowAt(now, roster.window) : 'open',
    override,
  }
  if (!roster || !hash) return facts
  const entry = roster.entries[hash]
  if (entry) {
    return {
      ...facts,
      ticket: { eventId: session.eventId, registrationStatus: 'confirmed', vip: entry.attendee.vip },
      seat: entry.seat,
      previous: entry.checkedInAt ? { at: entry.checkedInAt, deviceName: null } : null,
    }
  }
  const refused = roster.refused[hash]
  if (refused) {
    // Without the VIP flag, which only ever opens a door (app/checkin/roster.server.ts).
    return {
      ...facts,
      ticket: { eventId: session.eventId, registrationStatus: refused.registrationStatus, vip: false },
      seat: refused.seat,
    }
  }
  return { ...facts, revoked: roster.revoked.includes(hash) }
}

/**
 * The door's own verdict when the server cannot be reached, by the same rule as the server's
 * (app/checkin/rules.ts) on the roster's facts: admitted when the roster lets the code in and nobody was
 * admitted with it yet (here or at the last refresh); amber for a second admission; red with the
 * true reason for the event's other tickets (cancelled, not approved, no seat here, waiting list,
 * VIP only, replaced), and "unknown" for anything else. Refused tickets show no name.
 */
export function decideLocally(
  roster: StoredRoster | null,
  hash: string | null,
  nonce: string,
  now: Date,
  override = false,
): { verdict: Verdict; admitted: boolean } {
  const facts = localFacts(roster, hash, now, override)
  const decision = decideCheckin(facts)
  const entry = hash && roster ? roster.entries[hash] : undefined
  const base = {
    checkinId: `local:${nonce}`,
    conflict: false,
    scannedAt: now.toISOString(),
    manual: false,
    override: false,
    attendee: entry?.attendee ?? null,
    firstCheckin: entry?.checkedInAt ? { at: entry.checkedInAt, device: null } : null,
  }
  if (decision.ok) {
    return { admitted: true, verdict: { ...base, status: 'ok', reason: null, override: decision.override } }
  }
  return { admitted: false, verdict: { ...base, status: 'rejected', reason: decision.reason } }
}

/** What the door shows: how many may come in, and how many of them are in. */
export function rosterCount(roster: StoredRoster): { expected: number; checkedIn: number } {
  const entries = Object.values(roster.entries)
  return { expected: entries.length, checkedIn: entries.filter((e) => e.checkedInAt !== null).length }
}

/**
 * The local copy with one more admission, or one taken back. Either way it no longer is the
 * server's version it was fetched as: its ETag goes, so the next refresh fetches in full (the
 * server's roster after an admission and its undo is byte for byte the one before, and would
 * answer 304 to a copy that still counts the person in).
 */
export function withCheckin(roster: StoredRoster, hash: string, at: string | null): StoredRoster {
  const entry = roster.entries[hash]
  if (!entry || (at !== null && entry.checkedInAt)) return roster
  return { ...roster, etag: null, entries: { ...roster.entries, [hash]: { ...entry, checkedInAt: at } } }
}

/** Marks someone admitted in the local roster, so a second scan offline is amber. */
export async function markAdmitted(sessionId: string, hash: string, at: string): Promise<void> {
  const roster = await loadRoster(sessionId)
  if (roster) await saveRoster(withCheckin(roster, hash, at))
}

/** Takes an admission back in the local roster (undo), so the count and a new scan follow. */
export async function markUndone(sessionId: string, hash: string): Promise<void> {
  const roster = await loadRoster(sessionId)
  if (roster) await saveRoster(withCheckin(roster, hash, null))
}

/**
 * The door's search by name when the server cannot be reached: the phone's roster (who may come
 * in here), folded as the server folds (foldForSearch: kana, width, case, spaces), by the name in
 * its own script, the Latin name, the kana and the organization. The roster has no emails. At
 * most `limit`, by Latin name.
 */
export function searchRoster(roster: StoredRoster | null, q: string, limit = 20): RosterEntry[] {
  const needle = foldForSearch(q.slice(0, 200))
  if (!roster || needle === '') return []
  return Object.values(roster.entries)
    .filter(({ attendee: a }) =>
      [a.name, a.latinName, a.kana ?? '', a.organization].some((part) => foldForSearch(part).includes(needle)),
    )
    .sort((a, b) => a.attendee.latinName.localeCompare(b.attendee.latinName))
    .slice(0, limit)
}
