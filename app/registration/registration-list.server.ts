/**
 * What the organizers' registration screens read: an event's registrations with search and
 * filters, the seats taken and waiting per session, the choices the filters offer, and the rows
 * the planning summaries are computed from (summaries.ts). Every query is scoped to the event.
 */
import { type Kysely, sql } from 'kysely'
import type {
  BadgeRole,
  Database,
  Diet,
  Language,
  RegistrationSource,
  RegistrationStatus,
  SeatStatus,
  SessionKind,
} from '../../db/schema'
import { nameOfRow } from '../people/names'
import { searchText } from '../people/text-search.server'
import { type PageWindow, type Paging, pageWindow } from './list-paging'
import type { RegistrationQuery, RegistrationSort } from './registration-filter'
import { seatCounts } from './seats.server'
import type { SummaryInput } from './summaries'
import { countEventPeople, searchEventPeople } from './text-search.server'

export interface RegistrationFilter {
  q?: string
  status?: RegistrationStatus
  /** holds a seat or a waitlist place in this session */
  sessionId?: string
  /** the organization name as the delegate entered it (exact) */
  organization?: string
  /** ISO-2 country of the person's organization in the directory */
  country?: string
  vip?: boolean
}

/** The filter a (strictly read) query string asks for. */
export function registrationFilter(query: RegistrationQuery): RegistrationFilter {
  return {
    q: query.q,
    status: query.status || undefined,
    sessionId: query.session || undefined,
    organization: query.organization || undefined,
    country: query.country || undefined,
    vip: query.vip === '' ? undefined : query.vip === 'yes',
  }
}

export interface RegistrationListItem {
  id: string
  status: RegistrationStatus
  source: RegistrationSource
  familyName: string
  givenName: string
  latinName: string
  kana: string | null
  title: string
  organization: string
  country: string | null
  email: string
  phone: string
  language: Language
  vip: boolean
  diet: Diet
  allergies: string
  accessibility: string
  interpretation: string
  arrivalDate: string | null
  arrivalTransport: string
  departureDate: string | null
  departureTransport: string
  hotelNeeded: boolean
  createdAt: string
  hasTicket: boolean
  /** the badge's role when an organizer chose one; null: from the person (VIP or delegate) */
  badgeRole: BadgeRole | null
  seats: { sessionId: string; status: SeatStatus }[]
}

/**
 * An event's registrations, filtered: `q` is a substring of the registered native name (family,
 * given, or both), Latin name, kana, email or organization, folded (kana, width, case and spaces:
 * searchText). One page of them (list-paging.ts) in the order asked, by name by default, or
 * 'all' of them by name (the export); with how many matched, how many the event has, and the
 * page shown.
 */
export async function listRegistrations(
  db: Kysely<Database>,
  eventId: string,
  filter: RegistrationFilter = {},
  view: { paging?: Paging<RegistrationSort>; size?: number } | 'all' = {},
): Promise<{ items: RegistrationListItem[]; matched: number; total: number; window: PageWindow }> {
  let query = searchEventPeople(db, 'registrations', eventId, filter.q, ['e.search_text'])
  if (filter.status) query = query.where('e.status', '=', filter.status)
  if (filter.organization) query = query.where('e.organization_name', '=', filter.organization)
  if (filter.country) query = query.where('o.country', '=', filter.country)
  if (filter.vip !== undefined) query = query.where('p.vip', '=', filter.vip ? 1 : 0)
  if (filter.sessionId) {
    const sessionId = filter.sessionId
    query = query.where('e.id', 'in', (eb) =>
      eb
        .selectFrom('registration_sessions')
        .select('registration_id')
        .where('session_id', '=', sessionId)
        .where('status', '!=', 'cancelled'),
    )
  }
  const onlyStatus =
    !searchText(filter.q) && !filter.organization && !filter.country && filter.vip === undefined && !filter.sessionId
  const counts = await countEventPeople(
    db,
    'registrations',
    eventId,
    query,
    onlyStatus ? { status: filter.status } : null,
  )
  const paging: Paging<RegistrationSort> =
    view === 'all' ? { page: 1, sort: 'name', dir: 'asc' } : (view.paging ?? { page: 1, sort: 'name', dir: 'asc' })
  const window = pageWindow(counts.matched, paging.page, view === 'all' ? Math.max(1, counts.matched) : view.size)
  const dir = paging.dir
  const sorted = (() => {
    switch (paging.sort) {
      case 'organization':
        return query.orderBy(sql`e.organization_name is null`).orderBy('e.organization_name', dir)
      case 'status':
        return query.orderBy('e.status', dir)
      case 'registered':
        return query.orderBy('e.created_at', dir)
      case 'name':
        return query
    }
  })()
  const byName = paging.sort === 'name' ? dir : 'asc'
  const rows = await sorted
    .selectAll('e')
    .select(['p.vip', 'o.country'])
    .orderBy('e.latin_name', byName)
    .orderBy('e.family_name', byName)
    .orderBy('e.id')
    .limit(window.limit)
    .offset(window.offset)
    .execute()
  const seats = new Map<string, { sessionId: string; status: SeatStatus }[]>()
  const ids = rows.map((r) => r.id)
  for (let i = 0; i < ids.length; i += 500) {
    const found = await db
      .selectFrom('registration_sessions as rs')
      .innerJoin('sessions as s', 's.id', 'rs.session_id')
      .select(['rs.registration_id', 'rs.session_id', 'rs.status'])
      .where('rs.registration_id', 'in', ids.slice(i, i + 500))
      .where('rs.status', '!=', 'cancelled')
      .where('s.event_id', '=', eventId)
      .orderBy('s.starts_at')
      .execute()
    for (const seat of found) {
      const list = seats.get(seat.registration_id) ?? []
      list.push({ sessionId: seat.session_id, status: seat.status })
      seats.set(seat.registration_id, list)
    }
  }
  return {
    ...counts,
    window,
    items: rows.map((r) => ({
      id: r.id,
      status: r.status,
      source: r.source,
      ...nameOfRow(r),
      title: r.title,
      organization: r.organization_name,
      country: r.country,
      email: r.email,
      phone: r.phone,
      language: r.language,
      vip: r.vip === 1,
      diet: r.diet,
      allergies: r.allergies,
      accessibility: r.accessibility,
      interpretation: r.interpretation,
      arrivalDate: r.arrival_date,
      arrivalTransport: r.arrival_transport,
      departureDate: r.departure_date,
      departureTransport: r.departure_transport,
      hotelNeeded: r.hotel_needed === 1,
      createdAt: r.created_at,
      hasTicket: r.ticket_nonce !== null,
      badgeRole: r.badge_role,
      seats: seats.get(r.id) ?? [],
    })),
  }
}

/** One registration of the event with its name, for a confirmation; null when not the event's. */
export async function findRegistration(db: Kysely<Database>, eventId: string, registrationId: string) {
  const row = await db
    .selectFrom('registrations')
    .select(['id', 'status', 'family_name', 'given_name', 'latin_name', 'kana'])
    .where('event_id', '=', eventId)
    .where('id', '=', registrationId)
    .executeTakeFirst()
  return row ? { id: row.id, status: row.status, name: nameOfRow(row) } : null
}

/** The organizations and countries the event's registrations have, for the filters. */
export async function registrationFilterChoices(
  db: Kysely<Database>,
  eventId: string,
): Promise<{ organizations: string[]; countries: string[] }> {
  const [organizations, countries] = await Promise.all([
    db
      .selectFrom('registrations')
      .select('organization_name')
      .distinct()
      .where('event_id', '=', eventId)
      .where('organization_name', '!=', '')
      .orderBy('organization_name')
      .execute(),
    db
      .selectFrom('registrations as r')
      .innerJoin('people as p', 'p.id', 'r.person_id')
      .innerJoin('organizations as o', 'o.id', 'p.organization_id')
      .select('o.country')
      .distinct()
      .where('r.event_id', '=', eventId)
      .orderBy('o.country')
      .execute(),
  ])
  return {
    organizations: organizations.map((o) => o.organization_name),
    countries: countries.map((c) => c.country),
  }
}

export interface SessionSeats {
  id: string
  title: Record<Language, string>
  kind: SessionKind
  startsAt: string
  capacity: number | null
  registrationRequired: boolean
  vipOnly: boolean
  confirmed: number
  waitlisted: number
}

/** Every session of the event with its seats taken (confirmed) and people waiting, in start order. */
export async function sessionSeats(db: Kysely<Database>, eventId: string): Promise<SessionSeats[]> {
  const sessions = await db
    .selectFrom('sessions')
    .select([
      'id',
      'title_zh',
      'title_en',
      'title_ja',
      'kind',
      'starts_at',
      'capacity',
      'registration_required',
      'vip_only',
    ])
    .where('event_id', '=', eventId)
    .orderBy('starts_at')
    .orderBy('ends_at')
    .execute()
  const counts = await seatCounts(
    db,
    sessions.map((s) => s.id),
  )
  return sessions.map((s) => ({
    id: s.id,
    title: { zh: s.title_zh, en: s.title_en, ja: s.title_ja },
    kind: s.kind,
    startsAt: s.starts_at,
    capacity: s.capacity,
    registrationRequired: s.registration_required === 1,
    vipOnly: s.vip_only === 1,
    confirmed: counts.get(s.id)?.taken ?? 0,
    waitlisted: counts.get(s.id)?.waiting ?? 0,
  }))
}

/** The rows the planning summaries count: confirmed registrations, their confirmed seats, the sessions. */
export async function loadSummaryInput(
  db: Kysely<Database>,
  eventId: string,
): Promise<SummaryInput & { pending: number }> {
  const [sessions, registrations, seats, pending] = await Promise.all([
    db
      .selectFrom('sessions')
      .select(['id', 'kind', 'registration_required'])
      .where('event_id', '=', eventId)
      .orderBy('starts_at')
      .orderBy('ends_at')
      .execute(),
    db
      .selectFrom('registrations')
      .select([
        'id',
        'diet',
        'allergies',
        'interpretation',
        'arrival_date',
        'arrival_transport',
        'departure_date',
        'departure_transport',
        'hotel_needed',
      ])
      .where('event_id', '=', eventId)
      .where('status', '=', 'confirmed')
      .execute(),
    db
      .selectFrom('registration_sessions as rs')
      .innerJoin('registrations as r', 'r.id', 'rs.registration_id')
      .select(['rs.registration_id', 'rs.session_id'])
      .where('r.event_id', '=', eventId)
      .where('r.status', '=', 'confirmed')
      .where('rs.status', '=', 'confirmed')
      .execute(),
    db
      .selectFrom('registrations')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('event_id', '=', eventId)
      .where('status', '=', 'pending')
      .executeTakeFirstOrThrow(),
  ])
  return {
    pending: Number(pending.n),
    sessions: sessions.map((s) => ({ id: s.id, kind: s.kind, registrationRequired: s.registration_required === 1 })),
    registrations: registrations.map((r) => ({
      id: r.id,
      diet: r.diet,
      allergies: r.allergies,
      interpretation: r.interpretation,
      arrivalDate: r.arrival_date,
      arrivalTransport: r.arrival_transport,
      departureDate: r.departure_date,
      departureTransport: r.departure_transport,
      hotelNeeded: r.hotel_needed === 1,
    })),
    seats: seats.map((s) => ({ registrationId: s.registration_id, sessionId: s.session_id })),
  }
}

/** The titles of an event's sessions, by id. */
export async function sessionTitles(
  db: Kysely<Database>,
  eventId: string,
): Promise<Map<string, Record<Language, string>>> {
  const rows = await db
    .selectFrom('sessions')
    .select(['id', 'title_zh', 'title_en', 'title_ja'])
    .where('event_id', '=', eventId)
    .execute()
  return new Map(rows.map((r) => [r.id, { zh: r.title_zh, en: r.title_en, ja: r.title_ja }]))
}
