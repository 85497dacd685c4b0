/**
 * Registration without an invitation, on open events and events in approval mode (ADR 0008,
 * amended for issue 14): whoever types an address has not shown they read its mail, so every
 * address gets the same answer and nothing binds to an existing person without the mailbox.
 */
import type { Kysely } from 'kysely'
import { newId, nowIso } from '../../db/ids'
import type { Database, EventRow, Invitation, Language, Person } from '../../db/schema'
import { serialized } from '../../db/serialized'
import { audit } from '../audit/audit.server'
import { enqueueMail } from '../mail/outbox.server'
import { personSearchText } from '../people/search'
import { normalizeEmail } from '../validation/email'
import type { FieldErrors } from '../validation/field-errors'
import { toChoosable } from './delegate-view.server'
import { eventEndsAt } from './invitations.server'
import type { RegistrationInput } from './registration-form'
import { acceptsPublicRegistration, choosableSessions } from './rules'
import { seatsLockKey } from './seats.server'
import { invitationToken, newNonce, submissionKeyHash, tokenHash } from './secrets.server'
import { refusal, submitIn } from './submission.server'

export type PublicResult = { ok: true } | { ok: false; errors: FieldErrors }

/**
 * Registration without an invitation, for open events and events in approval mode. Whoever
 * types an address has not shown they read its mail, so the answer is the same for every
 * address: "check your mail" (ADR 0008, amendment of 2026-12-02), and no delegate session.
 * - A new address is added to the directory and registered (confirmed, or pending in approval
 *   mode); its mail (the confirmation, or the link to the pending registration) carries the link.
 * - A known address binds to nothing: its person, invitation (and link) and registration stay as
 *   they are, what was typed is dropped, and the mailbox gets its own link to continue with. A
 *   directory person never invited to the event gets an invitation of their own for that.
 * Either way one mail is queued, in the same transaction, and choices are checked as for a
 * newcomer first, so a refusal cannot tell a known address from a new one either.
 */
export async function registerPublic(
  db: Kysely<Database>,
  secret: string,
  event: EventRow,
  input: RegistrationInput,
  meta: { lng: Language; ip: string | null },
  now = new Date(),
): Promise<PublicResult> {
  if (!acceptsPublicRegistration(event.registration_mode) || event.status !== 'published') {
    return { ok: false, errors: { form: { key: 'registration.errors.unavailable' } } }
  }
  const email = normalizeEmail(input.email)
  const keyHash = input.submissionKey ? submissionKeyHash(`public:${event.id}:${email}`, input.submissionKey) : null
  return serialized<PublicResult>(db, seatsLockKey(event.id), async (trx) => {
    if (keyHash) {
      const earlier = await trx
        .selectFrom('registrations')
        .select('id')
        .where('event_id', '=', event.id)
        .where('submission_key', '=', keyHash)
        .executeTakeFirst()
      if (earlier) return { ok: true }
    }
    const sessions = await trx
      .selectFrom('sessions')
      .selectAll()
      .where('event_id', '=', event.id)
      .orderBy('starts_at')
      .execute()
    const refused = refusal(event, choosableSessions(sessions.map(toChoosable), [], false), input, meta.lng, now)
    if (refused) return { ok: false, errors: refused }
    const known = await trx.selectFrom('people').selectAll().where('email', '=', email).executeTakeFirst()
    if (known) {
      await offerOwnLink(trx, secret, event, { ...known, email }, meta.ip ?? null, now)
      return { ok: true }
    }
    const at = nowIso(now)
    const person: Person = {
      id: newId(),
      key: null,
      organization_id: null,
      family_name: input.familyName,
      given_name: input.givenName,
      latin_name: input.latinName,
      kana: input.kana,
      title_zh: null,
      title_en: null,
      title_ja: null,
      email,
      phone: input.phone || null,
      preferred_language: input.language,
      vip: 0,
      dietary: null,
      created_at: at,
      updated_at: at,
      search_text: personSearchText({
        family_name: input.familyName,
        given_name: input.givenName,
        latin_name: input.latinName,
        kana: input.kana,
        email,
      }),
    }
    await trx.insertInto('people').values(person).execute()
    const nonce = newNonce()
    const invitation: Invitation = {
      id: newId(),
      event_id: event.id,
      person_id: person.id,
      status: 'registered',
      token_nonce: nonce,
      token_hash: tokenHash(invitationToken(secret, nonce)),
      expires_at: eventEndsAt(event),
      sent_at: null,
      reminded_at: null,
      responded_at: at,
      created_at: at,
      updated_at: at,
    }
    await trx.insertInto('invitations').values(invitation).execute()
    const result = await submitIn(
      trx,
      secret,
      { invitationId: invitation.id, input, source: 'public', lng: meta.lng, ip: meta.ip },
      keyHash,
      now,
    )
    if (!result.ok) throw new PublicRollback(result.errors)
    // A confirmed registration's confirmation carries the link; a pending one has no mail yet.
    if (result.status === 'pending') {
      await enqueueMail(
        trx,
        [
          {
            kind: 'access_link',
            eventId: event.id,
            recipient: input.email,
            language: input.language,
            invitationId: invitation.id,
            registrationId: result.registrationId,
            data: { state: 'pending' },
          },
        ],
        now,
      )
    }
    return { ok: true }
  }).catch((error: unknown) => {
    if (error instanceof PublicRollback) return { ok: false as const, errors: error.errors }
    throw error
  })
}

/**
 * The open form was sent with a known address: nothing of that person's changes; their mailbox
 * gets their own link (an invitation of their own if they had none for this event), in their
 * language. A revoked link is not renewed: that mail fails at sending as revoked, and the
 * organizers see it in the outbox.
 */
async function offerOwnLink(
  trx: Kysely<Database>,
  secret: string,
  event: EventRow,
  person: Person & { email: string },
  ip: string | null,
  now: Date,
): Promise<void> {
  const at = nowIso(now)
  let invitation = await trx
    .selectFrom('invitations')
    .select(['id'])
    .where('event_id', '=', event.id)
    .where('person_id', '=', person.id)
    .executeTakeFirst()
  if (!invitation) {
    const nonce = newNonce()
    invitation = { id: newId() }
    await trx
      .insertInto('invitations')
      .values({
        id: invitation.id,
        event_id: event.id,
        person_id: person.id,
        status: 'sent',
        token_nonce: nonce,
        token_hash: tokenHash(invitationToken(secret, nonce)),
        expires_at: eventEndsAt(event),
        sent_at: at,
        reminded_at: null,
        responded_at: null,
        created_at: at,
        updated_at: at,
      })
      .execute()
  }
  const registration = await trx
    .selectFrom('registrations')
    .select(['id', 'language'])
    .where('event_id', '=', event.id)
    .where('person_id', '=', person.id)
    .where('status', '!=', 'cancelled')
    .executeTakeFirst()
  await enqueueMail(
    trx,
    [
      {
        kind: 'access_link',
        eventId: event.id,
        recipient: person.email,
        language: registration?.language ?? person.preferred_language,
        invitationId: invitation.id,
        registrationId: registration?.id ?? null,
        data: { state: 'known' },
      },
    ],
    now,
  )
  await audit(
    trx,
    {
      actorUserId: null,
      action: 'registration.public_known_email',
      entityType: 'invitation',
      entityId: invitation.id,
      ip,
    },
    now,
  )
}

/** Thrown to roll back the person and invitation a refused public registration would have added. */
class PublicRollback extends Error {
  constructor(readonly errors: FieldErrors) {
    super('public registration refused')
  }
}
