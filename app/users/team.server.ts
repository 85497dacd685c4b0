/**
 * An event's team (issue 15): who organizes it, who checks people in at its doors, who may only
 * watch. Organizers of the event and admins change it (the route checks `team.manage`); every
 * change keeps an enabled organizer on the event and is audited.
 */
import type { Kysely } from 'kysely'
import { nowIso } from '../../db/ids'
import type { Database, EventRole, Language } from '../../db/schema'
import { serialized } from '../../db/serialized'
import { audit } from '../audit/audit.server'
import type { SessionUser } from '../auth/session.server'
import { localDateOf } from '../i18n/format'
import { type FieldErrors, fieldErrors } from '../validation/field-errors'
import { keepsAnOrganizer } from './access-rules'
import { type AccountActor, type AccountStatus, accountStatus, inviteAccountIn } from './accounts.server'
import { type Raw, roleSchema, type TeamAddInput, teamAddSchema } from './users'

export interface TeamMember {
  userId: string
  email: string
  name: string
  role: EventRole
  status: AccountStatus
  lastLoginAt: string | null
  addedAt: string
}

const ROLE_ORDER: Record<EventRole, number> = { organizer: 0, checkin: 1, viewer: 2 }

export async function listTeam(db: Kysely<Database>, eventId: string): Promise<TeamMember[]> {
  const rows = await db
    .selectFrom('event_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select([
      'u.id',
      'u.email',
      'u.name',
      'm.role',
      'm.created_at',
      'u.disabled_at',
      'u.activated_at',
      'u.last_login_at',
    ])
    .where('m.event_id', '=', eventId)
    .execute()
  return rows
    .map((r) => ({
      userId: r.id,
      email: r.email,
      name: r.name,
      role: r.role,
      status: accountStatus(r),
      lastLoginAt: r.last_login_at,
      addedAt: r.created_at,
    }))
    .sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || a.email.localeCompare(b.email))
}

async function memberFacts(trx: Kysely<Database>, eventId: string) {
  const rows = await trx
    .selectFrom('event_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['m.user_id', 'm.role', 'u.disabled_at', 'u.email'])
    .where('m.event_id', '=', eventId)
    .execute()
  return rows.map((r) => ({ userId: r.user_id, email: r.email, role: r.role, disabled: r.disabled_at !== null }))
}

export type TeamAddResult =
  | { ok: true; userId: string; invited: boolean }
  | { ok: false; reason: 'invalid'; fields: FieldErrors }
  | { ok: false; reason: 'already_member'; role: EventRole }

/**
 * Adds a person by email. A known account joins at once; an unknown email becomes an invited
 * account, and its invitation mail names the event and the role.
 */
export async function addTeamMember(
  db: Kysely<Database>,
  secret: string,
  actor: AccountActor,
  eventId: string,
  input: Raw<TeamAddInput>,
  now: Date,
): Promise<TeamAddResult> {
  const parsed = teamAddSchema.safeParse(input)
  if (!parsed.success) return { ok: false, reason: 'invalid', fields: fieldErrors(parsed.error) }
  const { email, role, language } = parsed.data
  return serialized(db, `team:${eventId}`, async (trx) => {
    let user = await trx.selectFrom('users').select(['id']).where('email', '=', email).executeTakeFirst()
    let invited = false
    if (!user) {
      const name = parsed.data.name || email.split('@')[0] || email
      const created = await inviteAccountIn(
        trx,
        secret,
        actor,
        { email, name, language: language as Language, isAdmin: false },
        { eventId, role },
        now,
      )
      if (!created.ok) throw new Error('an account appeared during its own invitation')
      user = { id: created.userId }
      invited = true
    }
    const member = await trx
      .selectFrom('event_members')
      .select('role')
      .where('event_id', '=', eventId)
      .where('user_id', '=', user.id)
      .executeTakeFirst()
    if (member) return { ok: false, reason: 'already_member', role: member.role } as const
    await trx
      .insertInto('event_members')
      .values({ event_id: eventId, user_id: user.id, role, created_at: nowIso(now) })
      .execute()
    await audit(
      trx,
      {
        actorUserId: actor.userId,
        action: 'team.add',
        entityType: 'event',
        entityId: eventId,
        detail: { eventId, userId: user.id, email, role, invited },
        ip: actor.ip ?? null,
      },
      now,
    )
    return { ok: true, userId: user.id, invited } as const
  })
}

export type TeamChangeResult =
  | { ok: true; email: string; role: EventRole | null }
  | { ok: false; reason: 'invalid'; fields: FieldErrors }
  | { ok: false; reason: 'not_member' | 'last_organizer' }

/** Gives a member another role (`role`), or takes them off the team (`null`). */
export async function changeTeamMember(
  db: Kysely<Database>,
  actor: AccountActor,
  eventId: string,
  userId: string,
  role: string | null,
  now: Date,
): Promise<TeamChangeResult> {
  let next: EventRole | null = null
  if (role !== null) {
    const parsed = roleSchema.safeParse(role)
    if (!parsed.success) return { ok: false, reason: 'invalid', fields: { role: { key: 'validation.choice' } } }
    next = parsed.data
  }
  return serialized(db, `team:${eventId}`, async (trx) => {
    const members = await memberFacts(trx, eventId)
    const current = members.find((m) => m.userId === userId)
    if (!current) return { ok: false, reason: 'not_member' } as const
    if (current.role === next) return { ok: true, email: current.email, role: next } as const
    const rule = keepsAnOrganizer(members, userId, next)
    if (!rule.ok) return rule
    if (next === null) {
      await trx.deleteFrom('event_members').where('event_id', '=', eventId).where('user_id', '=', userId).execute()
    } else {
      await trx
        .updateTable('event_members')
        .set({ role: next })
        .where('event_id', '=', eventId)
        .where('user_id', '=', userId)
        .execute()
    }
    await audit(
      trx,
      {
        actorUserId: actor.userId,
        action: next === null ? 'team.remove' : 'team.role_change',
        entityType: 'event',
        entityId: eventId,
        detail: { eventId, userId, from: current.role, to: next },
        ip: actor.ip ?? null,
      },
      now,
    )
    return { ok: true, email: current.email, role: next } as const
  })
}

/**
 * Where a user goes after signing in, when they asked for no page: door staff (check-in is their
 * only role) to the scanner of their event under way, or else the next, or else the latest;
 * everyone else to the events.
 */
export async function landingFor(db: Kysely<Database>, user: SessionUser, now: Date): Promise<string> {
  if (user.isAdmin) return '/events'
  const roles = await db
    .selectFrom('event_members as m')
    .innerJoin('events as e', 'e.id', 'm.event_id')
    .select(['m.role', 'e.slug', 'e.starts_on', 'e.ends_on', 'e.status', 'e.timezone'])
    .where('m.user_id', '=', user.id)
    .execute()
  if (roles.length === 0 || roles.some((r) => r.role !== 'checkin')) return '/events'
  // "Today" in each event's own zone: at 07:00 in Yantai on the first day, that day is under way.
  const today = (r: { timezone: string }) => localDateOf(now, r.timezone)
  const live = roles.filter((r) => r.status !== 'archived')
  const pick =
    live.find((r) => r.starts_on <= today(r) && today(r) <= r.ends_on) ??
    [...live].filter((r) => r.starts_on > today(r)).sort((a, b) => a.starts_on.localeCompare(b.starts_on))[0] ??
    [...roles].sort((a, b) => b.ends_on.localeCompare(a.ends_on))[0]
  return pick ? `/scan?event=${encodeURIComponent(pick.slug)}` : '/events'
}
