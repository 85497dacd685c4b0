/**
 * A delegate's answer to an invitation (the open form's way in is public-registration.server.ts):
 * a seat or a waitlist place per chosen session, and a ticket. It runs in the event's seat lock
 * (seatsLockKey), so capacity holds whatever the concurrency, on SQLite and PostgreSQL alike;
 * mails are queued in the same transaction.
 */
import type { Kysely } from 'kysely'
import { newId, nowIso } from '../../db/ids'
import type { Database, EventRow, Language, Registration, RegistrationSource, SessionRow } from '../../db/schema'
import { serialized } from '../../db/serialized'
import { audit } from '../audit/audit.server'
import { localizedField } from '../i18n/localized'
import { enqueueMail, type MailRequest } from '../mail/outbox.server'
import { registrationSearchText } from '../people/search'
import type { FieldErrors } from '../validation/field-errors'
import { allowedFor } from './delegate-view.server'
import { eventEndsAt } from './invitations.server'
import { issueTicketColumns } from './registration.server'
import type { RegistrationInput } from './registration-form'
import { type ChoosableSession, checkChoices, needsApproval, registrationWindow, seatFor } from './rules'
import { promoteWaiting, seatCounts, seatsLockKey } from './seats.server'
import { submissionKeyHash } from './secrets.server'

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
