import type { Kysely } from 'kysely'
import { newId, nowIso } from '../../db/ids'
import type { Database, EventRole, EventRow, EventStatus, HostRole, Organization } from '../../db/schema'
import { inTransaction } from '../../db/transaction'
import { audit } from '../audit/audit.server'
import { can } from '../auth/permissions'
import type { SessionUser } from '../auth/session.server'
import { addDays } from '../i18n/format'
import { localizedColumns } from '../i18n/localized'
import { LIMITS } from '../i18n/text-limits'
import { utcToZoned, zonedToUtc } from '../time/zoned'
import type { FieldErrors } from '../validation/field-errors'
import { type EventInput, SLUG_PATTERN } from './event-form'
import { canChangeStatus } from './event-status'

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

/** The events a user may change (organizer role, or admin), archived ones left out. */
export async function listEditableEvents(db: Kysely<Database>, user: SessionUser): Promise<EventSummary[]> {
  const events = await listEventsForUser(db, user)
  return events.filter((e) => e.status !== 'archived' && can(user, e.role, 'event.edit'))
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
  return { event, role: membership?.role ?? null, hosts: await listHosts(db, event.id) }
}

/** Admins, and organizers of any event, may set up new events. */
export async function canCreateEvents(db: Kysely<Database>, user: SessionUser): Promise<boolean> {
  if (user.isAdmin) return true
  const row = await db
    .selectFrom('event_members')
    .select('event_id')
    .where('user_id', '=', user.id)
    .where('role', '=', 'organizer')
    .executeTakeFirst()
  return row !== undefined
}

export type SaveEventResult = { ok: true; id: string; slug: string } | { ok: false; errors: FieldErrors }

function eventColumns(input: EventInput) {
  return {
    slug: input.slug,
    ...localizedColumns('title', input.title),
    ...localizedColumns('description', input.description),
    ...localizedColumns('venue', input.venue),
    ...localizedColumns('address', input.address),
    timezone: input.timezone,
    starts_on: input.startsOn,
    ends_on: input.endsOn,
    registration_mode: input.registrationMode,
    registration_opens_at: input.registrationOpensAt,
    registration_closes_at: input.registrationClosesAt,
    languages: input.languages.join(','),
    scan_opens_minutes: input.scanOpensMinutes,
    contact_name: input.contact.name,
    contact_phone: input.contact.phone,
    contact_email: input.contact.email,
    contact_wechat: input.contact.wechat,
    sender_name: input.contact.senderName,
    reply_to: input.contact.replyTo,
  }
}

/** Checks what the pure rules cannot: a free slug, existing host organizations, sessions still inside the dates. */
async function checkReferences(trx: Kysely<Database>, input: EventInput, eventId: string | null): Promise<FieldErrors> {
  const errors: FieldErrors = {}
  let taken = trx.selectFrom('events').select('id').where('slug', '=', input.slug)
  if (eventId) taken = taken.where('id', '!=', eventId)
  if (await taken.executeTakeFirst()) errors.slug = { key: 'validation.slugTaken' }
  const ids = [...new Set(input.hosts.map((h) => h.organizationId))]
  if (ids.length > 0) {
    const found = await trx.selectFrom('organizations').select('id').where('id', 'in', ids).execute()
    const known = new Set(found.map((o) => o.id))
    input.hosts.forEach((host, i) => {
      if (!known.has(host.organizationId)) errors[`host_org_${i}`] = { key: 'validation.choice' }
    })
  }
  if (eventId) {
    const sessions = await trx.selectFrom('sessions').select('starts_at').where('event_id', '=', eventId).execute()
    const outside = sessions.filter((s) => {
      const date = utcToZoned(s.starts_at, input.timezone).date
      return date < input.startsOn || date > input.endsOn
    })
    if (outside.length > 0) errors.starts_on = { key: 'validation.sessionsOutside', values: { count: outside.length } }
  }
  return errors
}

async function replaceHosts(trx: Kysely<Database>, eventId: string, hosts: EventInput['hosts']): Promise<void> {
  await trx.deleteFrom('event_hosts').where('event_id', '=', eventId).execute()
  if (hosts.length === 0) return
  await trx
    .insertInto('event_hosts')
    .values(
      hosts.map((h, position) => ({ event_id: eventId, organization_id: h.organizationId, role: h.role, position })),
    )
    .execute()
}

/** Creates a draft event; its creator becomes its organizer. */
export async function createEvent(
  db: Kysely<Database>,
  actor: SessionUser,
  input: EventInput,
  now = new Date(),
): Promise<SaveEventResult> {
  return inTransaction(db, async (trx) => {
    const errors = await checkReferences(trx, input, null)
    if (Object.keys(errors).length > 0) return { ok: false, errors }
    const id = newId()
    await trx
      .insertInto('events')
      .values({ id, ...eventColumns(input), status: 'draft', created_at: nowIso(now), updated_at: nowIso(now) })
      .execute()
    await replaceHosts(trx, id, input.hosts)
    await trx
      .insertInto('event_members')
      .values({ event_id: id, user_id: actor.id, role: 'organizer', created_at: nowIso(now) })
      .execute()
    await audit(
      trx,
      {
        actorUserId: actor.id,
        action: 'event.create',
        entityType: 'event',
        entityId: id,
        detail: { slug: input.slug },
      },
      now,
    )
    return { ok: true, id, slug: input.slug }
  })
}

export async function updateEvent(
  db: Kysely<Database>,
  actor: SessionUser,
  eventId: string,
  input: EventInput,
  now = new Date(),
): Promise<SaveEventResult> {
  return db.transaction().execute(async (trx) => {
    const errors = await checkReferences(trx, input, eventId)
    if (Object.keys(errors).length > 0) return { ok: false, errors }
    await trx
      .updateTable('events')
      .set({ ...eventColumns(input), updated_at: nowIso(now) })
      .where('id', '=', eventId)
      .execute()
    await replaceHosts(trx, eventId, input.hosts)
    await audit(trx, { actorUserId: actor.id, action: 'event.update', entityType: 'event', entityId: eventId }, now)
    return { ok: true, id: eventId, slug: input.slug }
  })
}

export type SetStatusResult = { ok: true } | { ok: false; reason: 'invalid_transition' }

/** Publishes, unpublishes, archives or restores an event; any other move is refused. */
export async function setEventStatus(
  db: Kysely<Database>,
  actor: SessionUser,
  eventId: string,
  status: EventStatus,
  now = new Date(),
): Promise<SetStatusResult> {
  return inTransaction(db, async (trx) => {
    const event = await trx.selectFrom('events').select('status').where('id', '=', eventId).executeTakeFirstOrThrow()
    if (!canChangeStatus(event.status, status)) return { ok: false, reason: 'invalid_transition' } as const
    await trx
      .updateTable('events')
      .set({ status, updated_at: nowIso(now) })
      .where('id', '=', eventId)
      .execute()
    await audit(trx, { actorUserId: actor.id, action: `event.${status}`, entityType: 'event', entityId: eventId }, now)
    return { ok: true } as const
  })
}

export type CloneEventResult = { ok: true; slug: string } | { ok: false; errors: FieldErrors }

/**
 * Copies an event with its hosts and sessions to new dates, as a draft: the same event next year.
 * Every session keeps its local wall-clock time in the event's time zone and moves by the same
 * number of days, so a 09:00 opening stays 09:00 across a daylight-saving change.
 */
export async function cloneEvent(
  db: Kysely<Database>,
  actor: SessionUser,
  sourceId: string,
  target: { slug: string; startsOn: string },
  now = new Date(),
): Promise<CloneEventResult> {
  const errors: FieldErrors = {}
  if (!SLUG_PATTERN.test(target.slug) || target.slug.length > LIMITS.slug) errors.slug = { key: 'validation.slug' }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(target.startsOn) || Number.isNaN(Date.parse(target.startsOn))) {
    errors.starts_on = { key: 'validation.date' }
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors }
  return db.transaction().execute(async (trx) => {
    const source = await trx.selectFrom('events').selectAll().where('id', '=', sourceId).executeTakeFirstOrThrow()
    if (await trx.selectFrom('events').select('id').where('slug', '=', target.slug).executeTakeFirst()) {
      return { ok: false, errors: { slug: { key: 'validation.slugTaken' } } }
    }
    const days = daysBetween(source.starts_on, target.startsOn)
    const shift = (iso: string | null): string | null => {
      if (!iso) return null
      const local = utcToZoned(iso, source.timezone)
      const moved = zonedToUtc(addDays(local.date, days), local.time, source.timezone)
      // A wall-clock time that the new date skips (spring forward) moves to the same instant offset.
      return moved.ok ? moved.iso : new Date(Date.parse(iso) + days * 86_400_000).toISOString()
    }
    const id = newId()
    const stamp = nowIso(now)
    await trx
      .insertInto('events')
      .values({
        ...source,
        id,
        slug: target.slug,
        starts_on: addDays(source.starts_on, days),
        ends_on: addDays(source.ends_on, days),
        registration_opens_at: shift(source.registration_opens_at),
        registration_closes_at: shift(source.registration_closes_at),
        status: 'draft',
        created_at: stamp,
        updated_at: stamp,
      })
      .execute()
    const hosts = await trx.selectFrom('event_hosts').selectAll().where('event_id', '=', sourceId).execute()
    if (hosts.length > 0)
      await trx
        .insertInto('event_hosts')
        .values(hosts.map((h) => ({ ...h, event_id: id })))
        .execute()
    await trx
      .insertInto('event_members')
      .values({ event_id: id, user_id: actor.id, role: 'organizer', created_at: stamp })
      .execute()
    const sessions = await trx.selectFrom('sessions').selectAll().where('event_id', '=', sourceId).execute()
    for (const session of sessions) {
      const sessionId = newId()
      await trx
        .insertInto('sessions')
        .values({
          ...session,
          id: sessionId,
          event_id: id,
          starts_at: shift(session.starts_at) ?? session.starts_at,
          ends_at: shift(session.ends_at) ?? session.ends_at,
          meeting_at: shift(session.meeting_at),
          created_at: stamp,
          updated_at: stamp,
        })
        .execute()
      const buses = await trx.selectFrom('session_buses').selectAll().where('session_id', '=', session.id).execute()
      if (buses.length > 0) {
        await trx
          .insertInto('session_buses')
          .values(buses.map((b) => ({ ...b, id: newId(), session_id: sessionId })))
          .execute()
      }
      const visits = await trx.selectFrom('session_visits').selectAll().where('session_id', '=', session.id).execute()
      if (visits.length > 0) {
        await trx
          .insertInto('session_visits')
          .values(visits.map((v) => ({ ...v, session_id: sessionId })))
          .execute()
      }
    }
    await audit(
      trx,
      {
        actorUserId: actor.id,
        action: 'event.clone',
        entityType: 'event',
        entityId: id,
        detail: { from: source.slug, days },
      },
      now,
    )
    return { ok: true, slug: target.slug }
  })
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)
}

/** A published event by slug, for the public pages; drafts and archived events are not public. */
export async function findPublishedEvent(db: Kysely<Database>, slug: string): Promise<EventRow | null> {
  const event = await db
    .selectFrom('events')
    .selectAll()
    .where('slug', '=', slug)
    .where('status', '=', 'published')
    .executeTakeFirst()
  return event ?? null
}

export async function listHosts(db: Kysely<Database>, eventId: string): Promise<EventHost[]> {
  const hosts = await db
    .selectFrom('event_hosts as h')
    .innerJoin('organizations as o', 'o.id', 'h.organization_id')
    .select(['h.role', 'o.id', 'o.name_zh', 'o.name_en', 'o.name_ja', 'o.country', 'o.kind'])
    .where('h.event_id', '=', eventId)
    .orderBy('h.position')
    .execute()
  return hosts.map(({ role, ...organization }) => ({ role, organization }))
}
