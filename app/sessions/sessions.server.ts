import type { Kysely } from 'kysely'
import { newId, nowIso } from '../../db/ids'
import type { Database, SessionRow } from '../../db/schema'
import { serialized } from '../../db/serialized'
import { inTransaction } from '../../db/transaction'
import { audit } from '../audit/audit.server'
import type { SessionUser } from '../auth/session.server'
import { localizedColumns } from '../i18n/localized'
import { enqueueMail } from '../mail/outbox.server'
import { countTakenSeats, promoteWaiting, seatsLockKey } from '../registration/seats.server'
import type { FieldErrors } from '../validation/field-errors'
import { checkCapacityChange } from './capacity'
import type { SessionInput } from './session-form'

export interface SessionDetail extends SessionRow {
  buses: { id: string; label: string; seats: number }[]
  visits: { id: string; name_zh: string; name_en: string; name_ja: string }[]
}

/** An event's sessions in start order, with the buses and companies of site visits. */
export async function listSessions(db: Kysely<Database>, eventId: string): Promise<SessionDetail[]> {
  const sessions = await db
    .selectFrom('sessions')
    .selectAll()
    .where('event_id', '=', eventId)
    .orderBy('starts_at')
    .orderBy('ends_at')
    .execute()
  if (sessions.length === 0) return []
  const ids = sessions.map((s) => s.id)
  const [buses, visits] = await Promise.all([
    db.selectFrom('session_buses').selectAll().where('session_id', 'in', ids).orderBy('position').execute(),
    db
      .selectFrom('session_visits as v')
      .innerJoin('organizations as o', 'o.id', 'v.organization_id')
      .select(['v.session_id', 'o.id', 'o.name_zh', 'o.name_en', 'o.name_ja'])
      .where('v.session_id', 'in', ids)
      .orderBy('v.position')
      .execute(),
  ])
  return sessions.map((s) => ({
    ...s,
    buses: buses.filter((b) => b.session_id === s.id).map(({ id, label, seats }) => ({ id, label, seats })),
    visits: visits.filter((v) => v.session_id === s.id).map(({ session_id: _, ...org }) => org),
  }))
}

export async function findSession(
  db: Kysely<Database>,
  eventId: string,
  sessionId: string,
): Promise<SessionDetail | null> {
  const all = await listSessions(db, eventId)
  return all.find((s) => s.id === sessionId) ?? null
}

export type SaveSessionResult = { ok: true; id: string } | { ok: false; errors: FieldErrors }

function sessionColumns(input: SessionInput) {
  return {
    kind: input.kind,
    ...localizedColumns('title', input.title),
    ...localizedColumns('description', input.description),
    starts_at: input.startsAt,
    ends_at: input.endsAt,
    ...localizedColumns('room', input.room),
    capacity: input.capacity,
    registration_required: input.registrationRequired ? 1 : 0,
    vip_only: input.vipOnly ? 1 : 0,
    interpretation: input.interpretation.join(','),
    chain: input.chain,
    ...localizedColumns('meeting_point', input.meetingPoint),
    meeting_at: input.meetingAt,
  }
}

async function checkVisits(trx: Kysely<Database>, input: SessionInput): Promise<FieldErrors> {
  if (input.visits.length === 0) return {}
  const found = await trx.selectFrom('organizations').select('id').where('id', 'in', input.visits).execute()
  return found.length === input.visits.length ? {} : { visits: { key: 'validation.choice' } }
}

async function replaceBusesAndVisits(trx: Kysely<Database>, sessionId: string, input: SessionInput): Promise<void> {
  await trx.deleteFrom('session_buses').where('session_id', '=', sessionId).execute()
  await trx.deleteFrom('session_visits').where('session_id', '=', sessionId).execute()
  if (input.buses.length > 0) {
    await trx
      .insertInto('session_buses')
      .values(
        input.buses.map((b, position) => ({
          id: newId(),
          session_id: sessionId,
          label: b.label,
          seats: b.seats,
          position,
        })),
      )
      .execute()
  }
  if (input.visits.length > 0) {
    await trx
      .insertInto('session_visits')
      .values(
        input.visits.map((organizationId, position) => ({
          session_id: sessionId,
          organization_id: organizationId,
          position,
        })),
      )
      .execute()
  }
}

export async function createSession(
  db: Kysely<Database>,
  actor: SessionUser,
  eventId: string,
  input: SessionInput,
  now = new Date(),
): Promise<SaveSessionResult> {
  return inTransaction(db, async (trx) => {
    const errors = await checkVisits(trx, input)
    if (Object.keys(errors).length > 0) return { ok: false, errors }
    const id = newId()
    await trx
      .insertInto('sessions')
      .values({ id, event_id: eventId, ...sessionColumns(input), created_at: nowIso(now), updated_at: nowIso(now) })
      .execute()
    await replaceBusesAndVisits(trx, id, input)
    await audit(trx, { actorUserId: actor.id, action: 'session.create', entityType: 'session', entityId: id }, now)
    return { ok: true, id }
  })
}

/**
 * Saves a session; a capacity below the seats already taken is refused, saying how many, and a
 * capacity raised promotes the people waiting in the order they asked (their mails queued).
 */
export async function updateSession(
  db: Kysely<Database>,
  actor: SessionUser,
  eventId: string,
  sessionId: string,
  input: SessionInput,
  now = new Date(),
): Promise<SaveSessionResult> {
  return serialized(db, seatsLockKey(eventId), async (trx) => {
    const errors = await checkVisits(trx, input)
    const change = checkCapacityChange(input.capacity, await countTakenSeats(trx, sessionId))
    if (!change.ok) errors.capacity = { key: 'validation.capacityBelowTaken', values: { taken: change.taken } }
    if (Object.keys(errors).length > 0) return { ok: false, errors }
    const updated = await trx
      .updateTable('sessions')
      .set({ ...sessionColumns(input), updated_at: nowIso(now) })
      .where('id', '=', sessionId)
      .where('event_id', '=', eventId)
      .returning('id')
      .executeTakeFirst()
    if (!updated) return { ok: false, errors: { form: { key: 'errors.not_found' } } }
    await replaceBusesAndVisits(trx, sessionId, input)
    // A larger (or unlimited) capacity opens seats: they go to the people waiting, in order, now.
    const mails = await promoteWaiting(trx, eventId, [sessionId], now)
    await enqueueMail(trx, mails, now)
    await audit(
      trx,
      {
        actorUserId: actor.id,
        action: 'session.update',
        entityType: 'session',
        entityId: sessionId,
        detail: mails.length > 0 ? { promoted: mails.length } : undefined,
      },
      now,
    )
    return { ok: true, id: sessionId }
  })
}

export async function deleteSession(
  db: Kysely<Database>,
  actor: SessionUser,
  eventId: string,
  sessionId: string,
  now = new Date(),
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const deleted = await trx
      .deleteFrom('sessions')
      .where('id', '=', sessionId)
      .where('event_id', '=', eventId)
      .returning('id')
      .executeTakeFirst()
    if (deleted)
      await audit(
        trx,
        { actorUserId: actor.id, action: 'session.delete', entityType: 'session', entityId: sessionId },
        now,
      )
    return deleted !== undefined
  })
}
