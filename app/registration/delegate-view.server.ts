/**
 * What a delegate's pages show: their invitation, person, registration and seats, and the
 * sessions they may choose with seats taken and people waiting.
 */
import type { Kysely } from 'kysely'
import type {
  Database,
  EventRow,
  Invitation,
  Language,
  Person,
  Registration,
  SeatStatus,
  SessionRow,
} from '../../db/schema'
import { type ChoosableSession, choosableSessions } from './rules'
import { seatCounts } from './seats.server'

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

/** The sessions `person` may choose under `invitation` (choosableSessions). */
export async function allowedFor(db: Kysely<Database>, invitation: Invitation, person: Person) {
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
