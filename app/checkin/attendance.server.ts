/**
 * Attendance for organizers: per session, who is expected (may come in), who has been checked
 * in (first admission that stands) and who has not arrived; the admissions flagged as offline
 * conflicts; and the rows of the attendance export. Read-only.
 */
import type { Kysely } from 'kysely'
import type { Database, SessionRow } from '../../db/schema'
import { firstAdmission } from './checkin.server'
import { admits } from './rules'

export interface SessionCount {
  sessionId: string
  expected: number
  checkedIn: number
  notArrived: number
  /** admissions of people who are not expected here (should not happen; shown when it does) */
  unexpected: number
  conflicts: number
}

export interface AttendancePerson {
  registrationId: string
  familyName: string
  givenName: string
  latinName: string
  kana: string | null
  organization: string
  vip: boolean
  expected: boolean
  checkedInAt: string | null
  device: string | null
}

interface Admission {
  registration_id: string | null
  session_id: string
  scanned_at: string
  conflict: number
  device: string | null
}

type Row = {
  id: string
  status: 'pending' | 'confirmed' | 'cancelled'
  family_name: string
  given_name: string
  latin_name: string
  kana: string | null
  organization_name: string
  vip: number
}

async function load(db: Kysely<Database>, eventId: string) {
  const [sessions, registrations, seats, admissions] = await Promise.all([
    db
      .selectFrom('sessions')
      .select(['id', 'event_id', 'registration_required', 'vip_only', 'starts_at'])
      .where('event_id', '=', eventId)
      .orderBy('starts_at')
      .execute(),
    db
      .selectFrom('registrations as r')
      .innerJoin('people as p', 'p.id', 'r.person_id')
      .select([
        'r.id',
        'r.status',
        'r.family_name',
        'r.given_name',
        'r.latin_name',
        'r.kana',
        'r.organization_name',
        'p.vip',
      ])
      .where('r.event_id', '=', eventId)
      .orderBy('r.latin_name')
      .execute(),
    db
      .selectFrom('registration_sessions as s')
      .innerJoin('registrations as r', 'r.id', 's.registration_id')
      .select(['s.registration_id', 's.session_id', 's.status'])
      .where('r.event_id', '=', eventId)
      .execute(),
    db
      .selectFrom('checkins as c')
      .leftJoin('checkin_devices as d', 'd.id', 'c.device_id')
      .leftJoin('users as u', 'u.id', 'c.user_id')
      .select([
        'c.registration_id',
        'c.session_id',
        'c.scanned_at',
        'c.conflict',
        'd.name as device_name',
        'u.name as user_name',
      ])
      .where('c.event_id', '=', eventId)
      .where('c.status', '=', 'ok')
      .where('c.undone_at', 'is', null)
      .orderBy('c.scanned_at')
      .execute(),
  ])
  const seatOf = new Map(seats.map((s) => [`${s.session_id}:${s.registration_id}`, s.status]))
  const firstIn = new Map<string, Admission>()
  const conflicts = new Map<string, number>()
  for (const a of admissions) {
    if (a.conflict === 1) conflicts.set(a.session_id, (conflicts.get(a.session_id) ?? 0) + 1)
    if (!a.registration_id) continue
    const key = `${a.session_id}:${a.registration_id}`
    if (!firstIn.has(key)) firstIn.set(key, { ...a, device: a.device_name ?? a.user_name })
  }
  const isExpected = (session: (typeof sessions)[number], r: Row) =>
    admits(
      { eventId, registrationStatus: r.status, vip: r.vip === 1 },
      { eventId, openToAll: session.registration_required === 0, vipOnly: session.vip_only === 1 },
      seatOf.get(`${session.id}:${r.id}`) ?? null,
    )
  return { sessions, registrations, firstIn, conflicts, isExpected }
}

type Loaded = Awaited<ReturnType<typeof load>>

/** One session's list and counts, from the event's data loaded once. */
function sessionList(
  loaded: Loaded,
  session: Loaded['sessions'][number],
): { count: SessionCount; people: AttendancePerson[] } {
  const { registrations, firstIn, conflicts, isExpected } = loaded
  const people: AttendancePerson[] = []
  for (const r of registrations) {
    const expects = isExpected(session, r)
    const admission = firstIn.get(`${session.id}:${r.id}`)
    if (!expects && !admission) continue
    people.push({
      registrationId: r.id,
      familyName: r.family_name,
      givenName: r.given_name,
      latinName: r.latin_name,
      kana: r.kana,
      organization: r.organization_name,
      vip: r.vip === 1,
      expected: expects,
      checkedInAt: admission?.scanned_at ?? null,
      device: admission?.device ?? null,
    })
  }
  const checkedIn = people.filter((p) => p.expected && p.checkedInAt).length
  const expected = people.filter((p) => p.expected).length
  return {
    people,
    count: {
      sessionId: session.id,
      expected,
      checkedIn,
      notArrived: expected - checkedIn,
      unexpected: people.filter((p) => !p.expected).length,
      conflicts: conflicts.get(session.id) ?? 0,
    },
  }
}

/** Every session's list and counts, in time order, from one read of the event (the export). */
export async function eventAttendanceLists(
  db: Kysely<Database>,
  eventId: string,
): Promise<({ sessionId: string } & ReturnType<typeof sessionList>)[]> {
  const loaded = await load(db, eventId)
  return loaded.sessions.map((session) => ({ sessionId: session.id, ...sessionList(loaded, session) }))
}

/**
 * Counts for every session of the event, in time order: what the attendance dashboard refreshes
 * after every scan. Read from the counts the database keeps (`session_tallies`, ADR 0017), so the
 * cost does not grow with the number of attendees; `eventAttendanceLists` computes the same
 * counts from the rows.
 */
export async function eventAttendance(db: Kysely<Database>, eventId: string): Promise<SessionCount[]> {
  const rows = await db
    .selectFrom('sessions as s')
    .innerJoin('session_tallies as t', 't.session_id', 's.id')
    .select(['s.id', 't.expected', 't.checked_in', 't.unexpected', 't.conflicts'])
    .where('s.event_id', '=', eventId)
    .orderBy('s.starts_at')
    .execute()
  return rows.map((r) => ({
    sessionId: r.id,
    expected: r.expected,
    checkedIn: r.checked_in,
    notArrived: r.expected - r.checked_in,
    unexpected: r.unexpected,
    conflicts: r.conflicts,
  }))
}

export type SessionAttendance = { ok: true; count: SessionCount; people: AttendancePerson[] } | { ok: false }

/** Everyone expected at a session, and anyone admitted there, with their state. */
export async function sessionAttendance(
  db: Kysely<Database>,
  session: Pick<SessionRow, 'id' | 'event_id'>,
): Promise<SessionAttendance> {
  const loaded = await load(db, session.event_id)
  const found = loaded.sessions.find((x) => x.id === session.id)
  return found ? { ok: true, ...sessionList(loaded, found) } : { ok: false }
}

export interface OfflineConflict {
  checkinId: string
  sessionId: string
  registrationId: string | null
  latinName: string
  familyName: string
  givenName: string
  scannedAt: string
  device: string | null
  /** the admission it clashes with: the earliest other one that stands */
  firstAt: string | null
  firstDevice: string | null
}

/** Offline admissions that clashed with another admission: for organizers to review. */
export async function offlineConflicts(db: Kysely<Database>, eventId: string): Promise<OfflineConflict[]> {
  const rows = await db
    .selectFrom('checkins as c')
    .leftJoin('registrations as r', 'r.id', 'c.registration_id')
    .leftJoin('checkin_devices as d', 'd.id', 'c.device_id')
    .leftJoin('users as u', 'u.id', 'c.user_id')
    .select([
      'c.id',
      'c.session_id',
      'c.registration_id',
      'c.scanned_at',
      'r.latin_name',
      'r.family_name',
      'r.given_name',
      'd.name as device_name',
      'u.name as user_name',
    ])
    .where('c.event_id', '=', eventId)
    .where('c.conflict', '=', 1)
    .where('c.undone_at', 'is', null)
    .orderBy('c.scanned_at', 'desc')
    .execute()
  const out: OfflineConflict[] = []
  for (const r of rows) {
    const first = r.registration_id ? await firstAdmission(db, r.session_id, r.registration_id, r.id) : null
    out.push({
      checkinId: r.id,
      sessionId: r.session_id,
      registrationId: r.registration_id,
      latinName: r.latin_name ?? '',
      familyName: r.family_name ?? '',
      givenName: r.given_name ?? '',
      scannedAt: r.scanned_at,
      device: r.device_name ?? r.user_name,
      firstAt: first?.at ?? null,
      firstDevice: first?.door ?? null,
    })
  }
  return out
}
