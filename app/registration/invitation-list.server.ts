/**
 * What the organizers' invitation screens read: an event's invitations with search and a status
 * filter, the progress of its invitation mails, and the directory as seen from one event (who is
 * already invited). Also the one checked entry point for inviting from the directory. Every
 * query is scoped to the event.
 */
import { type Kysely, sql } from 'kysely'
import type { Database, EventRow, InvitationStatus, Language } from '../../db/schema'
import { nameOfRow } from '../people/names'
import { listPeople, type PeopleFilter, type PersonListItem } from '../people/people.server'
import { searchText } from '../people/text-search.server'
import { type Actor, type InviteResult, invitePeopleIn, vipOnlyConflict } from './invitations.server'
import { type PageWindow, type Paging, pageWindow } from './list-paging'
import type { InvitationSort } from './registration-filter'
import { countEventPeople, searchEventPeople } from './text-search.server'

export interface InvitationFilter {
  q?: string
  status?: InvitationStatus
}

export interface InvitationListItem {
  id: string
  status: InvitationStatus
  personId: string
  familyName: string
  givenName: string
  latinName: string
  kana: string | null
  email: string | null
  language: Language
  vip: boolean
  organization: Record<Language, string> | null
  sentAt: string | null
  remindedAt: string | null
  respondedAt: string | null
  /** the sessions the invitation names; []: every session open to the person */
  sessionIds: string[]
  /** the link's nonce (never sent to the browser: the route turns it into the link for organizers) */
  tokenNonce: string | null
}

/**
 * An event's invitations, filtered: `q` is a substring of the person's native name (family,
 * given, or both), Latin name, kana, email or organization name in any language, folded (kana,
 * width, case and spaces: searchText). One page of them (list-paging.ts), in the order asked
 * (by name by default; organizations by their name in `language`; rows never sent last);
 * with how many matched, how many there are in all, and the page shown.
 */
export async function listInvitations(
  db: Kysely<Database>,
  eventId: string,
  filter: InvitationFilter = {},
  view: { paging?: Paging<InvitationSort>; language?: Language; size?: number } = {},
): Promise<{ items: InvitationListItem[]; matched: number; total: number; window: PageWindow }> {
  // The organization's names are its own row's search text (they change with it, not with the person's).
  let query = searchEventPeople(db, 'invitations', eventId, filter.q, ['p.search_text', 'o.search_text'])
  if (filter.status) query = query.where('e.status', '=', filter.status)
  const paging = view.paging ?? { page: 1, sort: 'name', dir: 'asc' }
  const counts = await countEventPeople(
    db,
    'invitations',
    eventId,
    query,
    searchText(filter.q) ? null : { status: filter.status },
  )
  const window = pageWindow(counts.matched, paging.page, view.size)
  const dir = paging.dir
  const sorted = (() => {
    switch (paging.sort) {
      case 'organization': {
        const column = sql.ref(`o.name_${view.language ?? 'en'}`)
        return query.orderBy(sql`${column} is null`).orderBy(column, dir)
      }
      case 'status':
        return query.orderBy('e.status', dir)
      case 'sent':
        return query.orderBy(sql`e.sent_at is null`).orderBy('e.sent_at', dir)
      case 'name':
        return query
    }
  })()
  const rows = await sorted
    .select([
      'e.id',
      'e.status',
      'e.person_id',
      'e.sent_at',
      'e.reminded_at',
      'e.responded_at',
      'e.token_nonce',
      'p.family_name',
      'p.given_name',
      'p.latin_name',
      'p.kana',
      'p.email',
      'p.preferred_language',
      'p.vip',
      'o.name_zh',
      'o.name_en',
      'o.name_ja',
    ])
    .orderBy('p.latin_name', paging.sort === 'name' ? dir : 'asc')
    .orderBy('p.family_name', paging.sort === 'name' ? dir : 'asc')
    .orderBy('e.id')
    .limit(window.limit)
    .offset(window.offset)
    .execute()
  const ids = rows.map((r) => r.id)
  const named = new Map<string, string[]>()
  for (let i = 0; i < ids.length; i += 500) {
    const links = await db
      .selectFrom('invitation_sessions as s')
      .innerJoin('sessions as x', 'x.id', 's.session_id')
      .select(['s.invitation_id', 's.session_id'])
      .where('s.invitation_id', 'in', ids.slice(i, i + 500))
      .where('x.event_id', '=', eventId)
      .orderBy('x.starts_at')
      .execute()
    for (const link of links) named.set(link.invitation_id, [...(named.get(link.invitation_id) ?? []), link.session_id])
  }
  return {
    ...counts,
    window,
    items: rows.map((r) => ({
      ...nameOfRow(r),
      id: r.id,
      status: r.status,
      personId: r.person_id,
      email: r.email,
      language: r.preferred_language,
      vip: r.vip === 1,
      organization:
        r.name_zh !== null && r.name_en !== null && r.name_ja !== null
          ? { zh: r.name_zh, en: r.name_en, ja: r.name_ja }
          : null,
      sentAt: r.sent_at,
      remindedAt: r.reminded_at,
      respondedAt: r.responded_at,
      sessionIds: named.get(r.id) ?? [],
      tokenNonce: r.token_nonce,
    })),
  }
}

/** One invitation of the event with its person's name, for a confirmation; null when not the event's. */
export async function findInvitation(db: Kysely<Database>, eventId: string, invitationId: string) {
  const row = await db
    .selectFrom('invitations as i')
    .innerJoin('people as p', 'p.id', 'i.person_id')
    .select(['i.id', 'i.status', 'i.token_nonce', 'p.family_name', 'p.given_name', 'p.latin_name', 'p.kana'])
    .where('i.event_id', '=', eventId)
    .where('i.id', '=', invitationId)
    .executeTakeFirst()
  return row ? { id: row.id, status: row.status, hasLink: row.token_nonce !== null, name: nameOfRow(row) } : null
}

export interface MailProgress {
  /** waiting in the outbox */
  queued: number
  sent: number
  failed: number
}

/** The event's invitation and reminder mails in the outbox, by status. */
export async function invitationMailProgress(db: Kysely<Database>, eventId: string): Promise<MailProgress> {
  const rows = await db
    .selectFrom('outbox')
    .select(['status', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('event_id', '=', eventId)
    .where('kind', 'in', ['invitation', 'reminder'])
    .groupBy('status')
    .execute()
  const by = (status: string) => Number(rows.find((r) => r.status === status)?.n ?? 0)
  return { queued: by('queued'), sent: by('sent'), failed: by('failed') }
}

export interface InvitableSession {
  id: string
  title: Record<Language, string>
  startsAt: string
  kind: string
  vipOnly: boolean
}

/** The sessions an invitation may name: those delegates register for, in start order. */
export async function listInvitableSessions(db: Kysely<Database>, eventId: string): Promise<InvitableSession[]> {
  const rows = await db
    .selectFrom('sessions')
    .select(['id', 'title_zh', 'title_en', 'title_ja', 'starts_at', 'kind', 'vip_only'])
    .where('event_id', '=', eventId)
    .where('registration_required', '=', 1)
    .orderBy('starts_at')
    .orderBy('id')
    .execute()
  return rows.map((r) => ({
    id: r.id,
    title: { zh: r.title_zh, en: r.title_en, ja: r.title_ja },
    startsAt: r.starts_at,
    kind: r.kind,
    vipOnly: r.vip_only === 1,
  }))
}

export interface PeopleForEvent {
  people: (PersonListItem & { invited: boolean })[]
  matched: number
  total: number
  countries: string[]
}

/** The directory as /people searches it, with whether each person is already invited to the event. */
export async function listPeopleForEvent(
  db: Kysely<Database>,
  eventId: string,
  filter: PeopleFilter,
): Promise<PeopleForEvent> {
  const list = await listPeople(db, filter)
  const invited = new Set<string>()
  const ids = list.people.map((p) => p.id)
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('invitations')
      .select('person_id')
      .where('event_id', '=', eventId)
      .where('person_id', 'in', ids.slice(i, i + 500))
      .execute()
    for (const r of rows) invited.add(r.person_id)
  }
  return { ...list, people: list.people.map((p) => ({ ...p, invited: invited.has(p.id) })) }
}

/** Why a pick from the directory was refused, as a code (the page words it, invitations-page.server.ts). */
export type InviteRefusal =
  | { reason: 'none_picked' | 'unknown_person' | 'unknown_session' }
  | { reason: 'too_many'; max: number }
  | { reason: 'vip_only_session'; personId: string; sessionId: string }

export type InviteFromDirectoryResult = ({ ok: true } & InviteResult) | ({ ok: false } & InviteRefusal)

/** Most people one request may invite. */
export const MAX_INVITE_BATCH = 5000

/**
 * Creates draft invitations for people picked from the directory, each to `sessionIds` (none:
 * every session open to them). Refuses an empty pick, people not in the directory, sessions
 * that are not this event's sessions with registration, and a VIP-only session for anyone who is
 * not a VIP (naming the first such person and the session), creating nothing then.
 */
export async function inviteFromDirectory(
  db: Kysely<Database>,
  event: Pick<EventRow, 'id' | 'ends_on' | 'timezone'>,
  personIds: readonly string[],
  sessionIds: readonly string[],
  actor: Actor,
): Promise<InviteFromDirectoryResult> {
  const people = [...new Set(personIds)]
  const sessions = [...new Set(sessionIds)]
  if (people.length === 0) return { ok: false, reason: 'none_picked' }
  if (people.length > MAX_INVITE_BATCH) return { ok: false, reason: 'too_many', max: MAX_INVITE_BATCH }
  let found = 0
  for (let i = 0; i < people.length; i += 500) {
    const rows = await db
      .selectFrom('people')
      .select('id')
      .where('id', 'in', people.slice(i, i + 500))
      .execute()
    found += rows.length
  }
  if (found !== people.length) return { ok: false, reason: 'unknown_person' }
  if (sessions.length > 0) {
    const rows = await db
      .selectFrom('sessions')
      .select('id')
      .where('event_id', '=', event.id)
      .where('registration_required', '=', 1)
      .where('id', 'in', sessions)
      .execute()
    if (rows.length !== sessions.length) return { ok: false, reason: 'unknown_session' }
  }
  const picked = people.map((personId) => ({ personId, sessionIds: sessions }))
  return db.transaction().execute(async (trx): Promise<InviteFromDirectoryResult> => {
    const conflict = await vipOnlyConflict(trx, picked)
    if (conflict) return { ok: false, reason: 'vip_only_session', ...conflict }
    return { ok: true, ...(await invitePeopleIn(trx, event, picked, actor)) }
  })
}
