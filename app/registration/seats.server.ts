/**
 * Seats: the one home of the lock every change to an event's seats takes, the counts of taken and
 * waiting places per session, and the promotion of the people waiting when seats open (a
 * cancellation, a decline, a seat given up, a capacity raised). Every caller runs inside the lock.
 */
import type { Kysely } from 'kysely'
import { nowIso } from '../../db/ids'
import type { Database, Language } from '../../db/schema'
import { serialized } from '../../db/serialized'
import { audit } from '../audit/audit.server'
import { enqueueMail, type MailRequest } from '../mail/outbox.server'
import type { Actor } from './invitations.server'
import { promotable, promotableByHand, seatFor } from './rules'

/** The lock every change to an event's seats takes: registrations, cancellations, capacities. */
export const seatsLockKey = (eventId: string): string => `seats:${eventId}`

/**
 * Seats taken in a session: the confirmed seats of confirmed registrations. A registration waiting
 * for approval holds no seat, and people waiting hold none either.
 */
export async function countTakenSeats(db: Kysely<Database>, sessionId: string): Promise<number> {
  return (await seatCounts(db, [sessionId])).get(sessionId)?.taken ?? 0
}

/**
 * Confirmed seats and people waiting per session (every id gets an entry), counting confirmed
 * registrations only: the one count the seat allocation, the capacity checks, the promotions and
 * the organizers' lists share.
 */
export async function seatCounts(db: Kysely<Database>, sessionIds: readonly string[]) {
  const counts = new Map<string, { taken: number; waiting: number }>()
  for (const id of sessionIds) counts.set(id, { taken: 0, waiting: 0 })
  if (sessionIds.length === 0) return counts
  const rows = await db
    .selectFrom('registration_sessions as rs')
    .innerJoin('registrations as r', 'r.id', 'rs.registration_id')
    .select(['rs.session_id', 'rs.status', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('rs.session_id', 'in', sessionIds)
    .where('rs.status', 'in', ['confirmed', 'waitlisted'])
    .where('r.status', '=', 'confirmed')
    .groupBy(['rs.session_id', 'rs.status'])
    .execute()
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
      .select(['rs.registration_id', 'r.email', 'r.language'])
      .where('rs.session_id', '=', sessionId)
      .where('rs.status', '=', 'waitlisted')
      .where('r.status', '=', 'confirmed')
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
      mails.push(promotedMail(eventId, w, sessionId))
    }
  }
  return mails
}

function promotedMail(
  eventId: string,
  to: { registration_id: string; email: string; language: Language },
  sessionId: string,
): MailRequest {
  return {
    kind: 'waitlist',
    eventId,
    registrationId: to.registration_id,
    recipient: to.email,
    language: to.language,
    data: { sessionIds: [sessionId], state: 'promoted' },
  }
}

/**
 * Seats the sessions a registration asked for, now that it is approved: in the order of the
 * approval, a seat where one is free, else a place at the end of the queue (a registration
 * waiting for approval held no seat and kept nobody out). Runs inside the seat lock, after the
 * registration became confirmed; returns the sessions it waits for.
 */
export async function seatApproved(trx: Kysely<Database>, registrationId: string, now: Date): Promise<string[]> {
  const at = nowIso(now)
  const asked = await trx
    .selectFrom('registration_sessions as rs')
    .innerJoin('sessions as s', 's.id', 'rs.session_id')
    .select(['rs.session_id', 's.capacity'])
    .where('rs.registration_id', '=', registrationId)
    .where('rs.status', '!=', 'cancelled')
    .orderBy('s.starts_at')
    .execute()
  const waiting: string[] = []
  for (const a of asked) {
    const taken = await countTakenSeats(trx, a.session_id)
    const seat = seatFor(a.capacity, taken)
    if (seat === 'waitlisted') waiting.push(a.session_id)
    await trx
      .updateTable('registration_sessions')
      .set({ status: seat, requested_at: at, updated_at: at })
      .where('registration_id', '=', registrationId)
      .where('session_id', '=', a.session_id)
      .execute()
  }
  return waiting
}

export type PromoteByHandResult =
  | { ok: true; overCapacity: boolean; taken: number; capacity: number | null }
  | { ok: false; reason: 'not_found' | 'not_confirmed' | 'not_waiting' }

/**
 * An organizer gives one waiting person a seat, ahead of the queue and beyond the capacity if the
 * session is full (the organizer was told so and confirmed). Under the seat lock; audited; the
 * person is mailed as any promotion.
 */
export async function promoteByHand(
  db: Kysely<Database>,
  eventId: string,
  registrationId: string,
  sessionId: string,
  actor: Actor,
  now = new Date(),
): Promise<PromoteByHandResult> {
  return serialized<PromoteByHandResult>(db, seatsLockKey(eventId), async (trx) => {
    const row = await trx
      .selectFrom('registrations as r')
      .innerJoin('sessions as s', (join) => join.on('s.event_id', '=', eventId).on('s.id', '=', sessionId))
      .leftJoin('registration_sessions as rs', (join) =>
        join.onRef('rs.registration_id', '=', 'r.id').onRef('rs.session_id', '=', 's.id'),
      )
      .select(['r.id as registration_id', 'r.status', 'r.email', 'r.language', 's.capacity', 'rs.status as seat'])
      .where('r.id', '=', registrationId)
      .where('r.event_id', '=', eventId)
      .executeTakeFirst()
    if (!row) return { ok: false, reason: 'not_found' }
    const verdict = promotableByHand(row.status, row.seat)
    if (!verdict.ok) return verdict
    const taken = await countTakenSeats(trx, sessionId)
    const overCapacity = row.capacity !== null && taken >= row.capacity
    await trx
      .updateTable('registration_sessions')
      .set({ status: 'confirmed', updated_at: nowIso(now) })
      .where('registration_id', '=', registrationId)
      .where('session_id', '=', sessionId)
      .execute()
    await enqueueMail(trx, [promotedMail(eventId, row, sessionId)], now)
    await audit(
      trx,
      {
        actorUserId: actor.userId,
        action: 'registration.promote',
        entityType: 'registration',
        entityId: registrationId,
        detail: { sessionId, overCapacity, taken: taken + 1, capacity: row.capacity },
        ip: actor.ip,
      },
      now,
    )
    return { ok: true, overCapacity, taken: taken + 1, capacity: row.capacity }
  })
}
