/**
 * Seats: the one home of the lock every change to an event's seats takes, the counts of taken and
 * waiting places per session, and the promotion of the people waiting when seats open (a
 * cancellation, a decline, a seat given up, a capacity raised). Every caller runs inside the lock.
 */
import type { Kysely } from 'kysely'
import { nowIso } from '../../db/ids'
import type { Database } from '../../db/schema'
import type { MailRequest } from '../mail/outbox.server'
import { promotable } from './rules'

/** The lock every change to an event's seats takes: registrations, cancellations, capacities. */
export const seatsLockKey = (eventId: string): string => `seats:${eventId}`

/** Seats taken in a session: its confirmed registrations (waitlisted ones hold no seat). */
export async function countTakenSeats(db: Kysely<Database>, sessionId: string): Promise<number> {
  const row = await db
    .selectFrom('registration_sessions')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('session_id', '=', sessionId)
    .where('status', '=', 'confirmed')
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Confirmed seats and people waiting per session (every id gets an entry). */
export async function seatCounts(db: Kysely<Database>, sessionIds: readonly string[]) {
  if (sessionIds.length === 0) return new Map<string, { taken: number; waiting: number }>()
  const rows = await db
    .selectFrom('registration_sessions')
    .select(['session_id', 'status', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('session_id', 'in', sessionIds)
    .where('status', 'in', ['confirmed', 'waitlisted'])
    .groupBy(['session_id', 'status'])
    .execute()
  const counts = new Map<string, { taken: number; waiting: number }>()
  for (const id of sessionIds) counts.set(id, { taken: 0, waiting: 0 })
  for (const r of rows) {
    const c = counts.get(r.session_id)
    if (!c) continue
    if (r.status === 'confirmed') c.taken = Number(r.n)
    else c.waiting = Number(r.n)
  }
  return counts
}

/**
 * Moves the first people waiting into the seats now open in each session, in the order they
 * asked, and returns the mails telling them. Runs inside the seat lock.
 */
export async function promoteWaiting(
  trx: Kysely<Database>,
  eventId: string,
  sessionIds: readonly string[],
  now: Date,
): Promise<MailRequest[]> {
  const mails: MailRequest[] = []
  const at = nowIso(now)
  for (const sessionId of new Set(sessionIds)) {
    const session = await trx.selectFrom('sessions').select('capacity').where('id', '=', sessionId).executeTakeFirst()
    if (!session) continue
    const counts = (await seatCounts(trx, [sessionId])).get(sessionId) ?? { taken: 0, waiting: 0 }
    const n = promotable(session.capacity, counts.taken, counts.waiting)
    if (n === 0) continue
    const next = await trx
      .selectFrom('registration_sessions as rs')
      .innerJoin('registrations as r', 'r.id', 'rs.registration_id')
      .select(['rs.registration_id', 'r.email', 'r.language', 'r.status'])
      .where('rs.session_id', '=', sessionId)
      .where('rs.status', '=', 'waitlisted')
      .where('r.status', '!=', 'cancelled')
      .orderBy('rs.requested_at')
      .orderBy('rs.registration_id')
      .limit(n)
      .execute()
    for (const w of next) {
      await trx
        .updateTable('registration_sessions')
        .set({ status: 'confirmed', updated_at: at })
        .where('registration_id', '=', w.registration_id)
        .where('session_id', '=', sessionId)
        .execute()
      if (w.status === 'confirmed') {
        mails.push({
          kind: 'waitlist',
          eventId,
          registrationId: w.registration_id,
          recipient: w.email,
          language: w.language,
          data: { sessionIds: [sessionId], state: 'promoted' },
        })
      }
    }
  }
  return mails
}
