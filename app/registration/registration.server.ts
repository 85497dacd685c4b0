/**
 * A registration once made: cancelled (by the delegate or an organizer, all of it or some
 * sessions), its invitation declined, approved where the event asks for approval, its ticket
 * issued and reissued. Every change to seats runs in the event's seat lock (seatsLockKey); mails
 * are queued in the same transaction. Made by submission.server.ts and public-registration.server.ts.
 */
import type { Kysely } from 'kysely'
import { nowIso } from '../../db/ids'
import type { Database, Registration } from '../../db/schema'
import { serialized } from '../../db/serialized'
import { audit } from '../audit/audit.server'
import { enqueueMail } from '../mail/outbox.server'
import type { Actor } from './invitations.server'
import { promoteWaiting, seatApproved, seatsLockKey } from './seats.server'
import { newNonce, ticketCode, ticketHash } from './secrets.server'

export type { Actor }

/** The ticket columns of a newly issued ticket: a fresh nonce and the hash of its code. */
export function issueTicketColumns(secret: string, at: string) {
  const nonce = newNonce()
  return { ticket_nonce: nonce, ticket_hash: ticketHash(ticketCode(secret, nonce)), ticket_issued_at: at }
}

export type CancelResult = { ok: true; promoted: number } | { ok: false; reason: 'not_found' | 'already_cancelled' }

/**
 * Cancels a registration: its seats go to the first people waiting (who are mailed), its
 * ticket stops working at the door (kept, so a scan can say "cancelled"), and its invitation
 * counts as declined.
 */
export async function cancelRegistration(
  db: Kysely<Database>,
  eventId: string,
  registrationId: string,
  actor: Actor,
  now = new Date(),
): Promise<CancelResult> {
  return serialized(db, seatsLockKey(eventId), async (trx) => {
    const registration = await trx
      .selectFrom('registrations')
      .selectAll()
      .where('id', '=', registrationId)
      .where('event_id', '=', eventId)
      .executeTakeFirst()
    if (!registration) return { ok: false, reason: 'not_found' }
    if (registration.status === 'cancelled') return { ok: false, reason: 'already_cancelled' }
    return cancelIn(trx, registration, actor, now)
  })
}

async function cancelIn(
  trx: Kysely<Database>,
  registration: Registration,
  actor: Actor,
  now: Date,
): Promise<{ ok: true; promoted: number }> {
  const at = nowIso(now)
  const seats = await trx
    .selectFrom('registration_sessions')
    .select(['session_id', 'status'])
    .where('registration_id', '=', registration.id)
    .execute()
  await trx
    .updateTable('registrations')
    .set({ status: 'cancelled', cancelled_at: at, updated_at: at, submission_key: null })
    .where('id', '=', registration.id)
    .execute()
  await trx
    .updateTable('registration_sessions')
    .set({ status: 'cancelled', updated_at: at })
    .where('registration_id', '=', registration.id)
    .where('status', '!=', 'cancelled')
    .execute()
  if (registration.invitation_id) {
    await trx
      .updateTable('invitations')
      .set({ status: 'declined', responded_at: at, updated_at: at })
      .where('id', '=', registration.invitation_id)
      .execute()
  }
  const mails = await promoteWaiting(
    trx,
    registration.event_id,
    seats.filter((s) => s.status === 'confirmed').map((s) => s.session_id),
    now,
  )
  mails.push({
    kind: 'cancellation',
    eventId: registration.event_id,
    registrationId: registration.id,
    recipient: registration.email,
    language: registration.language,
  })
  await enqueueMail(trx, mails, now)
  await audit(
    trx,
    {
      actorUserId: actor.userId,
      action: 'registration.cancel',
      entityType: 'registration',
      entityId: registration.id,
      detail: { promoted: mails.length - 1 },
      ip: actor.ip,
    },
    now,
  )
  return { ok: true, promoted: mails.length - 1 }
}

export type DeclineResult = { ok: true } | { ok: false; reason: 'not_found' }

/** The invitee says no: the invitation is declined, and a registration they had is cancelled. */
export async function declineInvitation(
  db: Kysely<Database>,
  invitationId: string,
  actor: Actor,
  now = new Date(),
): Promise<DeclineResult> {
  const invitation = await db.selectFrom('invitations').selectAll().where('id', '=', invitationId).executeTakeFirst()
  if (!invitation) return { ok: false, reason: 'not_found' }
  return serialized(db, seatsLockKey(invitation.event_id), async (trx) => {
    const registration = await trx
      .selectFrom('registrations')
      .selectAll()
      .where('event_id', '=', invitation.event_id)
      .where('person_id', '=', invitation.person_id)
      .where('status', '!=', 'cancelled')
      .executeTakeFirst()
    if (registration) {
      await cancelIn(trx, registration, actor, now)
    } else {
      const at = nowIso(now)
      await trx
        .updateTable('invitations')
        .set({ status: 'declined', responded_at: at, updated_at: at })
        .where('id', '=', invitationId)
        .execute()
      await audit(
        trx,
        {
          actorUserId: actor.userId,
          action: 'invitation.decline',
          entityType: 'invitation',
          entityId: invitationId,
          ip: actor.ip,
        },
        now,
      )
    }
    return { ok: true }
  })
}

export type ApproveResult = { ok: true } | { ok: false; reason: 'not_found' | 'not_pending' }

/**
 * An organizer approves a pending registration (approval mode): the sessions it asked for are
 * seated now, in the order of approval (a seat where one is free, else the waitlist), and its
 * ticket is issued and mailed with the programme (waiting seats marked as such).
 */
export async function approveRegistration(
  db: Kysely<Database>,
  secret: string,
  eventId: string,
  registrationId: string,
  actor: Actor,
  now = new Date(),
): Promise<ApproveResult> {
  return serialized(db, seatsLockKey(eventId), async (trx) => {
    const registration = await trx
      .selectFrom('registrations')
      .selectAll()
      .where('id', '=', registrationId)
      .where('event_id', '=', eventId)
      .executeTakeFirst()
    if (!registration) return { ok: false, reason: 'not_found' }
    if (registration.status !== 'pending') return { ok: false, reason: 'not_pending' }
    const at = nowIso(now)
    const waiting = await seatApproved(trx, registrationId, now)
    await trx
      .updateTable('registrations')
      .set({ status: 'confirmed', updated_at: at, ...issueTicketColumns(secret, at) })
      .where('id', '=', registrationId)
      .execute()
    await enqueueMail(
      trx,
      [
        {
          kind: 'confirmation',
          eventId,
          registrationId,
          recipient: registration.email,
          language: registration.language,
        },
      ],
      now,
    )
    await audit(
      trx,
      {
        actorUserId: actor.userId,
        action: 'registration.approve',
        entityType: 'registration',
        entityId: registrationId,
        detail: { waitlisted: waiting.length },
        ip: actor.ip,
      },
      now,
    )
    return { ok: true }
  })
}

/** A new ticket code for a confirmed registration; the old code stops working at once. */
export async function reissueTicket(
  db: Kysely<Database>,
  secret: string,
  eventId: string,
  registrationId: string,
  actor: Actor,
  now = new Date(),
): Promise<{ ok: true } | { ok: false; reason: 'not_found' }> {
  return db.transaction().execute(async (trx) => {
    const at = nowIso(now)
    const before = await trx
      .selectFrom('registrations')
      .select('ticket_hash')
      .where('id', '=', registrationId)
      .where('event_id', '=', eventId)
      .where('status', '=', 'confirmed')
      .executeTakeFirst()
    if (!before) return { ok: false, reason: 'not_found' }
    // The old code is refused at the doors as revoked (not unknown), so staff know why.
    if (before.ticket_hash) {
      await trx
        .insertInto('revoked_tickets')
        .values({ ticket_hash: before.ticket_hash, registration_id: registrationId, revoked_at: at })
        .onConflict((oc) => oc.column('ticket_hash').doNothing())
        .execute()
    }
    const updated = await trx
      .updateTable('registrations')
      .set({ ...issueTicketColumns(secret, at), updated_at: at })
      .where('id', '=', registrationId)
      .where('event_id', '=', eventId)
      .where('status', '=', 'confirmed')
      .returning(['email', 'language'])
      .executeTakeFirst()
    if (!updated) return { ok: false, reason: 'not_found' }
    await enqueueMail(
      trx,
      [{ kind: 'changes', eventId, registrationId, recipient: updated.email, language: updated.language }],
      now,
    )
    await audit(
      trx,
      {
        actorUserId: actor.userId,
        action: 'registration.ticket_reissue',
        entityType: 'registration',
        entityId: registrationId,
        ip: actor.ip,
      },
      now,
    )
    return { ok: true }
  })
}

/** The ticket code of a registration, rebuilt for the portal and the mails (ADR 0008). */
export function registrationTicketCode(secret: string, registration: Pick<Registration, 'ticket_nonce' | 'status'>) {
  return registration.ticket_nonce && registration.status === 'confirmed'
    ? ticketCode(secret, registration.ticket_nonce)
    : null
}
