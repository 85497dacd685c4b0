/**
 * Registrations: a delegate's answer to an invitation (the open form's way in is
 * public-registration.server.ts), with a seat or a waitlist place per chosen session, and a ticket. Every change to seats runs in the
 * event's seat lock (seatsLockKey), so capacity holds whatever the concurrency, on SQLite and
 * PostgreSQL alike; mails are queued in the same transaction.
 */
import type { Kysely } from 'kysely'
import { newId, nowIso } from '../../db/ids'
import type {
  Database,
  EventRow,
  Invitation,
  Language,
  Person,
  Registration,
  RegistrationSource,
  SeatStatus,
  SessionRow,
} from '../../db/schema'
import { serialized } from '../../db/serialized'
import { audit } from '../audit/audit.server'
import { localizedField } from '../i18n/localized'
import { enqueueMail, type MailRequest } from '../mail/outbox.server'
import { registrationSearchText } from '../people/search'
import type { FieldErrors } from '../validation/field-errors'
import { type Actor, eventEndsAt } from './invitations.server'
import type { RegistrationInput } from './registration-form'
import {
  type ChoosableSession,
  checkChoices,
  choosableSessions,
  needsApproval,
  registrationWindow,
  seatFor,
} from './rules'
import { promoteWaiting, seatApproved, seatCounts, seatsLockKey } from './seats.server'
import { newNonce, submissionKeyHash, ticketCode, ticketHash } from './secrets.server'

export type { Actor }

export interface Seat {
  sessionId: string
  status: SeatStatus
}

export interface SessionChoice extends ChoosableSession {
  row: SessionRow
  taken: number
  waiting: number
}

export interface DelegateView {
  event: EventRow
  invitation: Invitation
  person: Person
  organizationName: Record<Language, string> | null
  registration: Registration | null
  seats: Seat[]
  /** the sessions this person may choose, with seats taken and people waiting */
  choices: SessionChoice[]
}

/** A session as the choice rules see it, keeping its row (shared with public-registration.server.ts). */
export function toChoosable(s: SessionRow): ChoosableSession & { row: SessionRow } {
  return {
    id: s.id,
    startsAt: s.starts_at,
    endsAt: s.ends_at,
    registrationRequired: s.registration_required,
    vipOnly: s.vip_only,
    capacity: s.capacity,
    row: s,
  }
}

async function allowedFor(db: Kysely<Database>, invitation: Invitation, person: Person) {
  const [sessions, named] = await Promise.all([
    db.selectFrom('sessions').selectAll().where('event_id', '=', invitation.event_id).orderBy('starts_at').execute(),
    db.selectFrom('invitation_sessions').select('session_id').where('invitation_id', '=', invitation.id).execute(),
  ])
  return choosableSessions(
    sessions.map(toChoosable),
    named.map((n) => n.session_id),
    person.vip === 1,
  )
}

/** Everything the delegate's pages show, for the invitation their session cookie names. */
export async function loadDelegateView(db: Kysely<Database>, invitationId: string): Promise<DelegateView | null> {
  const invitation = await db.selectFrom('invitations').selectAll().where('id', '=', invitationId).executeTakeFirst()
  if (!invitation) return null
  const [event, person, registration] = await Promise.all([
    db.selectFrom('events').selectAll().where('id', '=', invitation.event_id).executeTakeFirst(),
    db.selectFrom('people').selectAll().where('id', '=', invitation.person_id).executeTakeFirst(),
    db
      .selectFrom('registrations')
      .selectAll()
      .where('event_id', '=', invitation.event_id)
      .where('person_id', '=', invitation.person_id)
      .executeTakeFirst(),
  ])
  if (!event || !person) return null
  const organization = person.organization_id
    ? await db
        .selectFrom('organizations')
        .select(['name_zh', 'name_en', 'name_ja'])
        .where('id', '=', person.organization_id)
        .executeTakeFirst()
    : null
  const allowed = await allowedFor(db, invitation, person)
  const counts = await seatCounts(
    db,
    allowed.map((s) => s.id),
  )
  const seats = registration
    ? await db
        .selectFrom('registration_sessions')
        .select(['session_id as sessionId', 'status'])
        .where('registration_id', '=', registration.id)
        .execute()
    : []
  return {
    event,
    invitation,
    person,
    organizationName: organization
      ? { zh: organization.name_zh, en: organization.name_en, ja: organization.name_ja }
      : null,
    registration: registration ?? null,
    seats,
    choices: allowed.map((s) => ({ ...s, ...(counts.get(s.id) ?? { taken: 0, waiting: 0 }) })),
  }
}

export type SubmitResult =
  | { ok: true; registrationId: string; created: boolean; waitlisted: string[]; status: Registration['status'] }
  | { ok: false; errors: FieldErrors }

interface SubmitRequest {
  invitationId: string
  input: RegistrationInput
  source: RegistrationSource
  /** the language the answer's messages (session titles) are written in */
  lng: Language
  ip?: string | null
}

/**
 * Registers the invitee, or saves their changes: seats where seats are left, the waitlist
 * otherwise; sessions dropped free their seats for the first people waiting. A repeated
 * submission (same form key) returns the first result and changes nothing.
 */
export async function submitRegistration(
  db: Kysely<Database>,
  secret: string,
  request: SubmitRequest,
  now = new Date(),
): Promise<SubmitResult> {
  const invitation = await db
    .selectFrom('invitations')
    .select('event_id')
    .where('id', '=', request.invitationId)
    .executeTakeFirst()
  if (!invitation) return { ok: false, errors: { form: { key: 'registration.errors.unavailable' } } }
  const { submissionKey } = request.input
  const keyHash = submissionKey ? submissionKeyHash(`invitation:${request.invitationId}`, submissionKey) : null
  return serialized(db, seatsLockKey(invitation.event_id), (trx) => submitIn(trx, secret, request, keyHash, now))
}

/**
 * `keyHash` is the stored form of the form's submission key (submissionKeyHash), scoped by the
 * caller to this submission: only the same submission repeated finds its first answer. Run
 * inside the event's seat lock (submitRegistration, registerPublic).
 */
export async function submitIn(
  trx: Kysely<Database>,
  secret: string,
  request: SubmitRequest,
  keyHash: string | null,
  now: Date,
): Promise<SubmitResult> {
  const { input } = request
  const at = nowIso(now)
  if (keyHash) {
    const earlier = await trx
      .selectFrom('registrations')
      .select(['id', 'status'])
      .where('submission_key', '=', keyHash)
      .where('invitation_id', '=', request.invitationId)
      .executeTakeFirst()
    if (earlier) {
      const waitlisted = await trx
        .selectFrom('registration_sessions')
        .select('session_id')
        .where('registration_id', '=', earlier.id)
        .where('status', '=', 'waitlisted')
        .execute()
      return {
        ok: true,
        registrationId: earlier.id,
        created: false,
        waitlisted: waitlisted.map((w) => w.session_id),
        status: earlier.status,
      }
    }
  }
  const invitation = await trx
    .selectFrom('invitations')
    .selectAll()
    .where('id', '=', request.invitationId)
    .executeTakeFirst()
  const event = invitation
    ? await trx.selectFrom('events').selectAll().where('id', '=', invitation.event_id).executeTakeFirst()
    : undefined
  const person = invitation
    ? await trx.selectFrom('people').selectAll().where('id', '=', invitation.person_id).executeTakeFirst()
    : undefined
  if (!invitation || !event || !person || event.status !== 'published') {
    return { ok: false, errors: { form: { key: 'registration.errors.unavailable' } } }
  }
  const allowed = await allowedFor(trx, invitation, person)
  const refused = refusal(event, allowed, input, request.lng, now)
  if (refused) return { ok: false, errors: refused }

  const existing = await trx
    .selectFrom('registrations')
    .selectAll()
    .where('event_id', '=', event.id)
    .where('person_id', '=', person.id)
    .executeTakeFirst()
  const reviving = existing?.status === 'cancelled'
  const created = !existing || reviving
  const status: Registration['status'] =
    existing && !reviving
      ? existing.status
      : needsApproval(event.registration_mode, request.source)
        ? 'pending'
        : 'confirmed'
  const fields = {
    family_name: input.familyName,
    given_name: input.givenName,
    latin_name: input.latinName,
    kana: input.kana,
    title: input.title,
    organization_name: input.organization,
    email: input.email,
    phone: input.phone,
    language: input.language,
    diet: input.diet,
    allergies: input.allergies,
    accessibility: input.accessibility,
    interpretation: input.interpretation,
    arrival_date: input.arrivalDate,
    arrival_transport: input.arrivalTransport,
    departure_date: input.departureDate,
    departure_transport: input.departureTransport,
    hotel_needed: input.hotelNeeded ? 1 : 0,
    submission_key: keyHash,
    updated_at: at,
    search_text: registrationSearchText({
      family_name: input.familyName,
      given_name: input.givenName,
      latin_name: input.latinName,
      kana: input.kana,
      organization_name: input.organization,
      email: input.email,
    }),
  }
  const ticket =
    status === 'confirmed' && !existing?.ticket_nonce ? issueTicketColumns(secret, at) : ({} as Record<string, never>)
  let registrationId: string
  if (existing) {
    registrationId = existing.id
    await trx
      .updateTable('registrations')
      .set({
        ...fields,
        ...ticket,
        status,
        ...(reviving ? { cancelled_at: null, consent_at: at, invitation_id: invitation.id } : {}),
      })
      .where('id', '=', existing.id)
      .execute()
  } else {
    registrationId = newId()
    await trx
      .insertInto('registrations')
      .values({
        id: registrationId,
        event_id: event.id,
        person_id: person.id,
        invitation_id: invitation.id,
        status,
        source: request.source,
        ...fields,
        consent_at: at,
        ticket_nonce: null,
        ticket_hash: null,
        ticket_issued_at: null,
        cancelled_at: null,
        created_at: at,
        ...ticket,
      })
      .execute()
  }

  const seats = await trx
    .selectFrom('registration_sessions')
    .select(['session_id', 'status'])
    .where('registration_id', '=', registrationId)
    .execute()
  const held = new Map(seats.map((s) => [s.session_id, s.status]))
  const chosen = new Set(input.sessionIds)
  const waitlisted: string[] = []
  const freed: string[] = []
  for (const sessionId of chosen) {
    const current = held.get(sessionId)
    if (current === 'confirmed' || current === 'waitlisted') {
      if (current === 'waitlisted') waitlisted.push(sessionId)
      continue
    }
    const session = allowed.find((s) => s.id === sessionId)
    const taken = (await seatCounts(trx, [sessionId])).get(sessionId)?.taken ?? 0
    const seat = seatFor(session?.capacity ?? null, taken)
    if (seat === 'waitlisted') waitlisted.push(sessionId)
    if (current === 'cancelled') {
      await trx
        .updateTable('registration_sessions')
        .set({ status: seat, requested_at: at, updated_at: at })
        .where('registration_id', '=', registrationId)
        .where('session_id', '=', sessionId)
        .execute()
    } else {
      await trx
        .insertInto('registration_sessions')
        .values({
          registration_id: registrationId,
          session_id: sessionId,
          status: seat,
          requested_at: at,
          updated_at: at,
        })
        .execute()
    }
  }
  for (const [sessionId, current] of held) {
    if (chosen.has(sessionId) || current === 'cancelled') continue
    await trx
      .updateTable('registration_sessions')
      .set({ status: 'cancelled', updated_at: at })
      .where('registration_id', '=', registrationId)
      .where('session_id', '=', sessionId)
      .execute()
    if (current === 'confirmed') freed.push(sessionId)
  }
  const mails: MailRequest[] = await promoteWaiting(trx, event.id, freed, now)

  await trx
    .updateTable('invitations')
    .set({ status: 'registered', responded_at: invitation.responded_at ?? at, updated_at: at })
    .where('id', '=', invitation.id)
    .execute()

  const base = { eventId: event.id, recipient: input.email, language: input.language, registrationId }
  if (status === 'confirmed') mails.push({ ...base, kind: created ? 'confirmation' : 'changes' })
  await enqueueMail(trx, mails, now)
  await audit(
    trx,
    {
      actorUserId: null,
      action: created ? 'registration.create' : 'registration.update',
      entityType: 'registration',
      entityId: registrationId,
      detail: { source: request.source, sessions: input.sessionIds.length, waitlisted: waitlisted.length },
      ip: request.ip,
    },
    now,
  )
  return { ok: true, registrationId, created, waitlisted, status }
}

/** Why this submission cannot be taken now, with these sessions allowed, or null. */
export function refusal(
  event: EventRow,
  allowed: readonly (ChoosableSession & { row: SessionRow })[],
  input: RegistrationInput,
  lng: Language,
  now: Date,
): FieldErrors | null {
  const window = registrationWindow(
    { opensAt: event.registration_opens_at, closesAt: event.registration_closes_at, eventEndsAt: eventEndsAt(event) },
    now,
  )
  if (!window.ok) return { form: { key: `registration.errors.${window.reason}` } }
  const verdict = checkChoices(input.sessionIds, allowed)
  if (verdict.ok) return null
  const title = (id: string) => {
    const s = allowed.find((x) => x.id === id)
    return s ? localizedField(s.row, 'title', lng).text : id
  }
  return {
    sessions:
      verdict.reason === 'overlap'
        ? { key: 'validation.sessionsOverlap', values: { a: title(verdict.overlap.a), b: title(verdict.overlap.b) } }
        : { key: 'validation.sessionNotAllowed' },
  }
}

function issueTicketColumns(secret: string, at: string) {
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
