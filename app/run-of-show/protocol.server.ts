/**
 * An event's protocol: the ranks of its people (who stands, signs and sits where) and the seats
 * at a room's signing table. Coded results; people from outside the event are refused.
 */
import type { Kysely } from 'kysely'
import type { Database, SessionRow } from '../../db/schema'
import { inTransaction } from '../../db/transaction'
import { audit } from '../audit/audit.server'
import type { SessionUser } from '../auth/session.server'
import type { FieldErrors } from '../validation/field-errors'
import { roomKey } from './rooms'
import { isEventPerson } from './run-of-show.server'
import type { CommandResult } from './segments.server'

type Db = Kysely<Database>

/** Sets protocol ranks (1 = highest) of an event's people; null removes a rank. People from outside the event are refused. */
export async function setRanks(
  db: Db,
  actor: SessionUser,
  eventId: string,
  ranks: ReadonlyMap<string, number | null>,
  now = new Date(),
): Promise<CommandResult> {
  const errors: FieldErrors = {}
  for (const personId of ranks.keys()) {
    if (!(await isEventPerson(db, eventId, personId))) errors[`rank_${personId}`] = { key: 'validation.notInEvent' }
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors }
  await inTransaction(db, async (trx) => {
    for (const [personId, rank] of ranks) {
      await trx.deleteFrom('protocol_ranks').where('event_id', '=', eventId).where('person_id', '=', personId).execute()
      if (rank !== null)
        await trx.insertInto('protocol_ranks').values({ event_id: eventId, person_id: personId, rank }).execute()
    }
    await audit(
      trx,
      {
        actorUserId: actor.id,
        action: 'protocol.ranks',
        entityType: 'event',
        entityId: eventId,
        detail: Object.fromEntries(ranks),
      },
      now,
    )
  })
  return { ok: true }
}

/** Sets the seats at the signing table of a session's room (for every session of the event in that room). */
export async function setTableSeats(
  db: Db,
  actor: SessionUser,
  session: SessionRow,
  seats: number | null,
  now = new Date(),
): Promise<CommandResult> {
  const key = roomKey(session)
  if (!key) return { ok: false, errors: { table_seats: { key: 'validation.noRoom' } } }
  await inTransaction(db, async (trx) => {
    await trx.deleteFrom('stage_tables').where('event_id', '=', session.event_id).where('room_key', '=', key).execute()
    if (seats !== null)
      await trx.insertInto('stage_tables').values({ event_id: session.event_id, room_key: key, seats }).execute()
    await audit(
      trx,
      {
        actorUserId: actor.id,
        action: 'stage.table_seats',
        entityType: 'session',
        entityId: session.id,
        detail: { seats },
      },
      now,
    )
  })
  return { ok: true }
}
