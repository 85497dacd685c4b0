import type { Kysely } from 'kysely'
import type { Database, EventRole, EventRow, HostRole, Organization } from '../../db/schema'
import type { SessionUser } from '../auth/session.server'

export interface EventSummary {
  id: string
  slug: string
  title: { zh: string; en: string; ja: string }
  startsOn: string
  endsOn: string
  timezone: string
  status: EventRow['status']
  registrationMode: EventRow['registration_mode']
  role: EventRole | null
}

function toSummary(row: EventRow, role: EventRole | null): EventSummary {
  return {
    id: row.id,
    slug: row.slug,
    title: { zh: row.title_zh, en: row.title_en, ja: row.title_ja },
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    timezone: row.timezone,
    status: row.status,
    registrationMode: row.registration_mode,
    role,
  }
}

/** The events a user may see: all of them for an admin, otherwise those they have a role on. */
export async function listEventsForUser(db: Kysely<Database>, user: SessionUser): Promise<EventSummary[]> {
  if (user.isAdmin) {
    const rows = await db.selectFrom('events').selectAll().orderBy('starts_on', 'desc').execute()
    return rows.map((row) => toSummary(row, null))
  }
  const rows = await db
    .selectFrom('events as e')
    .innerJoin('event_members as m', 'm.event_id', 'e.id')
    .selectAll('e')
    .select('m.role as member_role')
    .where('m.user_id', '=', user.id)
    .orderBy('e.starts_on', 'desc')
    .execute()
  return rows.map(({ member_role, ...row }) => toSummary(row, member_role))
}

export interface EventHost {
  role: HostRole
  organization: Pick<Organization, 'id' | 'name_zh' | 'name_en' | 'name_ja' | 'country' | 'kind'>
}

export interface EventOverview {
  event: EventRow
  role: EventRole | null
  hosts: EventHost[]
}

/**
 * An event by slug, with the user's role on it, or null when it does not exist or the user has
 * no role on it (the two look the same from outside).
 */
export async function findEventForUser(
  db: Kysely<Database>,
  user: SessionUser,
  slug: string,
): Promise<EventOverview | null> {
  const event = await db.selectFrom('events').selectAll().where('slug', '=', slug).executeTakeFirst()
  if (!event) return null
  const membership = await db
    .selectFrom('event_members')
    .select('role')
    .where('event_id', '=', event.id)
    .where('user_id', '=', user.id)
    .executeTakeFirst()
  if (!user.isAdmin && !membership) return null
  const hosts = await db
    .selectFrom('event_hosts as h')
    .innerJoin('organizations as o', 'o.id', 'h.organization_id')
    .select(['h.role', 'o.id', 'o.name_zh', 'o.name_en', 'o.name_ja', 'o.country', 'o.kind'])
    .where('h.event_id', '=', event.id)
    .orderBy('h.position')
    .execute()
  return {
    event,
    role: membership?.role ?? null,
    hosts: hosts.map(({ role, ...organization }) => ({ role, organization })),
  }
}
