/**
 * What the run of show's checks need to know from the database besides the stages: who holds a
 * place at the session and why the others hold none, the room's table seats and the event's
 * protocol ranks.
 */
import type { Kysely } from 'kysely'
import type { Database, SessionRow } from '../../db/schema'
import { admits } from '../checkin/rules'
import { roomKey } from './rooms'
import type { Absence } from './rules'

type Db = Kysely<Database>

/** The people who hold a place at the session (confirmed, with a seat or in a session open to all). */
export async function registeredFor(
  db: Db,
  session: Pick<SessionRow, 'id' | 'event_id' | 'registration_required' | 'vip_only'>,
): Promise<Set<string>> {
  const rows = await db
    .selectFrom('registrations as r')
    .innerJoin('people as p', 'p.id', 'r.person_id')
    .leftJoin('registration_sessions as rs', (join) =>
      join.onRef('rs.registration_id', '=', 'r.id').on('rs.session_id', '=', session.id),
    )
    .select(['r.person_id', 'r.status', 'p.vip', 'rs.status as seat'])
    .where('r.event_id', '=', session.event_id)
    .execute()
  const facts = {
    eventId: session.event_id,
    openToAll: session.registration_required === 0,
    vipOnly: session.vip_only === 1,
  }
  return new Set(
    rows
      .filter((r) =>
        admits({ eventId: session.event_id, registrationStatus: r.status, vip: r.vip === 1 }, facts, r.seat ?? null),
      )
      .map((r) => r.person_id),
  )
}

/**
 * Why each of `personIds` holds no place at the session (ADR 0014's "not registered" finding,
 * issue 16): from their registration for the event, else their invitation.
 */
export async function absencesAt(
  db: Db,
  session: Pick<SessionRow, 'id' | 'event_id'>,
  personIds: readonly string[],
): Promise<Map<string, Absence>> {
  const absence = new Map<string, Absence>()
  if (personIds.length === 0) return absence
  const [registrations, invitations] = await Promise.all([
    db
      .selectFrom('registrations as r')
      .leftJoin('registration_sessions as rs', (join) =>
        join.onRef('rs.registration_id', '=', 'r.id').on('rs.session_id', '=', session.id),
      )
      .select(['r.person_id', 'r.status', 'rs.status as seat'])
      .where('r.event_id', '=', session.event_id)
      .where('r.person_id', 'in', personIds)
      .execute(),
    db
      .selectFrom('invitations')
      .select(['person_id', 'status'])
      .where('event_id', '=', session.event_id)
      .where('person_id', 'in', personIds)
      .execute(),
  ])
  for (const i of invitations) {
    absence.set(i.person_id, i.status === 'declined' ? 'declined' : 'no_answer')
  }
  for (const r of registrations) {
    absence.set(
      r.person_id,
      r.status === 'cancelled'
        ? 'cancelled'
        : r.status === 'pending'
          ? 'pending'
          : r.seat === 'waitlisted'
            ? 'waitlisted'
            : 'no_seat',
    )
  }
  return absence
}

export async function tableSeatsOf(
  db: Db,
  session: Pick<SessionRow, 'event_id' | 'room_zh' | 'room_en' | 'room_ja'>,
): Promise<number | null> {
  const key = roomKey(session)
  if (!key) return null
  const row = await db
    .selectFrom('stage_tables')
    .select('seats')
    .where('event_id', '=', session.event_id)
    .where('room_key', '=', key)
    .executeTakeFirst()
  return row?.seats ?? null
}

export async function protocolRanks(db: Db, eventId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('protocol_ranks')
    .select(['person_id', 'rank'])
    .where('event_id', '=', eventId)
    .execute()
  return new Map(rows.map((r) => [r.person_id, r.rank]))
}
