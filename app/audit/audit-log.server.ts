/**
 * Reading the audit log (what audit.server.ts writes), for admins: filtered, newest first, paged
 * by cursor, with the actor's account joined. Filter semantics are in audit-filter.ts; here:
 *
 * - An event's rows are those whose entity is the event, whose detail names it ("eventId"), or
 *   whose entity is one of its sessions, registrations, invitations, check-in devices, segments or
 *   projects. A row about a record since deleted (session.delete, segment.delete) can no longer be
 *   traced to its event and shows only without the event filter.
 * - Days (from/to) are days in one time zone, the page's: the event's when the filter names one,
 *   else the bureau's (Asia/Shanghai, the default zone of new events). Times are shown in it too.
 */
import { type Kysely, type SqlBool, sql } from 'kysely'
import type { Database } from '../../db/schema'
import { addDays } from '../i18n/format'
import type { Language } from '../i18n/languages'
import { DEFAULT_TIME_ZONE, zonedToUtc } from '../time/zoned'
import type { AuditCursor, AuditFilter } from './audit-filter'

/** The zone of the bureau's audit log when no event is chosen. */
export const BUREAU_TIME_ZONE = DEFAULT_TIME_ZONE
export const AUDIT_PAGE_SIZE = 100
/** The most rows one CSV export holds, newest first; the page says so next to the link. */
export const AUDIT_EXPORT_LIMIT = 50_000

export interface AuditRow {
  id: string
  /** ISO UTC */
  createdAt: string
  /** null: no one signed in did it (a failed sign-in, a phone's enrollment, the demo seed) */
  actor: { id: string; email: string | null; name: string | null } | null
  action: string
  entityType: string
  entityId: string | null
  /** the event's slug when the entity is an event */
  entitySlug: string | null
  /** the JSON text audit() wrote */
  detail: string | null
  ip: string | null
}

export interface AuditEventChoice {
  id: string
  slug: string
  timezone: string
  title: Record<Language, string>
}

export type AuditList =
  | {
      ok: true
      rows: AuditRow[]
      /** the cursor of the next (older) page, null on the last */
      next: AuditCursor | null
      timeZone: string
      event: AuditEventChoice | null
    }
  | { ok: false; reason: 'unknown_event' }

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`)

/** The instant a calendar day starts in a zone (at 01:00 where the clocks skip midnight). */
function startOfDay(date: string, timeZone: string): string {
  const midnight = zonedToUtc(date, '00:00', timeZone)
  if (midnight.ok) return midnight.iso
  const one = zonedToUtc(date, '01:00', timeZone)
  return one.ok ? one.iso : `${date}T00:00:00.000Z`
}

async function findEvent(db: Kysely<Database>, slug: string): Promise<AuditEventChoice | undefined> {
  const row = await db
    .selectFrom('events')
    .select(['id', 'slug', 'timezone', 'title_zh', 'title_en', 'title_ja'])
    .where('slug', '=', slug)
    .executeTakeFirst()
  return row && { id: row.id, slug: row.slug, timezone: row.timezone, title: eventTitle(row) }
}

const eventTitle = (row: { title_zh: string; title_en: string; title_ja: string }) => ({
  zh: row.title_zh,
  en: row.title_en,
  ja: row.title_ja,
})

export async function listAudit(
  db: Kysely<Database>,
  filter: AuditFilter,
  page: { limit: number; before?: AuditCursor | null },
): Promise<AuditList> {
  const event = filter.event ? await findEvent(db, filter.event) : null
  if (event === undefined) return { ok: false, reason: 'unknown_event' }
  const timeZone = event?.timezone ?? BUREAU_TIME_ZONE

  let query = db
    .selectFrom('audit_log as a')
    .leftJoin('users as u', 'u.id', 'a.actor_user_id')
    .leftJoin('events as ev', (join) => join.onRef('ev.id', '=', 'a.entity_id').on('a.entity_type', '=', 'event'))
    .select([
      'a.id',
      'a.created_at',
      'a.actor_user_id',
      'a.action',
      'a.entity_type',
      'a.entity_id',
      'a.detail',
      'a.ip',
      'u.email as actor_email',
      'u.name as actor_name',
      'ev.slug as entity_slug',
    ])

  if (filter.actor) {
    query = filter.actor.includes('@')
      ? query.where('u.email', '=', filter.actor)
      : query.where('a.actor_user_id', '=', filter.actor)
  }
  if (filter.action.endsWith('.')) {
    const pattern = `${escapeLike(filter.action)}%`
    query = query.where(sql<SqlBool>`a.action like ${pattern} escape '\\'`)
  } else if (filter.action) {
    query = query.where('a.action', '=', filter.action)
  }
  if (event) {
    const id = event.id
    const mentioned = `%${escapeLike(JSON.stringify({ eventId: id }).slice(1, -1))}%`
    query = query.where((eb) =>
      eb.or([
        eb.and([eb('a.entity_type', '=', 'event'), eb('a.entity_id', '=', id)]),
        sql<SqlBool>`a.detail like ${mentioned} escape '\\'`,
        eb.and([
          eb('a.entity_type', '=', 'session'),
          eb('a.entity_id', 'in', eb.selectFrom('sessions').select('id').where('event_id', '=', id)),
        ]),
        eb.and([
          eb('a.entity_type', '=', 'registration'),
          eb('a.entity_id', 'in', eb.selectFrom('registrations').select('id').where('event_id', '=', id)),
        ]),
        eb.and([
          eb('a.entity_type', '=', 'invitation'),
          eb('a.entity_id', 'in', eb.selectFrom('invitations').select('id').where('event_id', '=', id)),
        ]),
        eb.and([
          eb('a.entity_type', '=', 'checkin_device'),
          eb('a.entity_id', 'in', eb.selectFrom('checkin_devices').select('id').where('event_id', '=', id)),
        ]),
        eb.and([
          eb('a.entity_type', '=', 'segment'),
          eb('a.entity_id', 'in', eb.selectFrom('segments').select('id').where('event_id', '=', id)),
        ]),
        eb.and([
          eb('a.entity_type', '=', 'project'),
          eb('a.entity_id', 'in', eb.selectFrom('projects').select('id').where('event_id', '=', id)),
        ]),
      ]),
    )
  }
  if (filter.from) query = query.where('a.created_at', '>=', startOfDay(filter.from, timeZone))
  if (filter.to) query = query.where('a.created_at', '<', startOfDay(addDays(filter.to, 1), timeZone))
  const before = page.before
  if (before) {
    query = query.where((eb) =>
      eb.or([
        eb('a.created_at', '<', before.createdAt),
        eb.and([eb('a.created_at', '=', before.createdAt), eb('a.id', '<', before.id)]),
      ]),
    )
  }

  const found = await query
    .orderBy('a.created_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(page.limit + 1)
    .execute()
  const rows: AuditRow[] = found.slice(0, page.limit).map((r) => ({
    id: r.id,
    createdAt: r.created_at,
    actor: r.actor_user_id ? { id: r.actor_user_id, email: r.actor_email, name: r.actor_name } : null,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    entitySlug: r.entity_slug,
    detail: r.detail,
    ip: r.ip,
  }))
  const last = rows.at(-1)
  const next = found.length > page.limit && last ? { createdAt: last.createdAt, id: last.id } : null
  return { ok: true, rows, next, timeZone, event }
}

/** What the filter form offers: every action ever written, and every event. */
export async function auditFilterChoices(
  db: Kysely<Database>,
): Promise<{ actions: string[]; events: AuditEventChoice[] }> {
  const [actions, events] = await Promise.all([
    db.selectFrom('audit_log').select('action').distinct().orderBy('action').execute(),
    db
      .selectFrom('events')
      .select(['id', 'slug', 'timezone', 'title_zh', 'title_en', 'title_ja'])
      .orderBy('starts_on', 'desc')
      .orderBy('slug')
      .execute(),
  ])
  return {
    actions: actions.map((a) => a.action),
    events: events.map((e) => ({ id: e.id, slug: e.slug, timezone: e.timezone, title: eventTitle(e) })),
  }
}
