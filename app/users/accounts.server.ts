/**
 * Accounts as admins keep them (issue 15, ADR 0020): invitations by mail instead of passwords
 * typed by someone else, disabling and enabling, admin rights, and the list. The one-time links
 * that set a password (an invitation) or reset it are password-links.server.ts. Every change is
 * audited in its own transaction.
 */
import type { Kysely } from 'kysely'
import { newId, nowIso } from '../../db/ids'
import type { Database, EventRole, Language } from '../../db/schema'
import { serialized } from '../../db/serialized'
import { audit } from '../audit/audit.server'
import { revokeAllSessions } from '../auth/session.server'
import { enqueueMail } from '../mail/outbox.server'
import { type FieldErrors, fieldErrors } from '../validation/field-errors'
import { mayDisable, mayLoseAdmin } from './access-rules'
import { issueAccountToken, revokeAccountTokens } from './account-tokens.server'
import { type InviteInput, inviteSchema, type Raw } from './users'

export interface AccountActor {
  userId: string | null
  ip?: string | null
}

/** Serializes every change to who is an active admin, so two admins cannot demote each other at once. */
const ADMINS_LOCK = 'accounts:admins'

export type AccountStatus = 'active' | 'invited' | 'disabled'

export function accountStatus(u: { disabled_at: string | null; activated_at: string | null }): AccountStatus {
  if (u.disabled_at) return 'disabled'
  return u.activated_at ? 'active' : 'invited'
}

// ── Invitations ──────────────────────────────────────────────────────────────────────────────

export type InviteResult =
  | { ok: true; userId: string; invited: boolean }
  | { ok: false; reason: 'invalid'; fields: FieldErrors }
  | { ok: false; reason: 'exists' }

/**
 * Creates an account that has no password yet (or finds one still pending) and queues the mail
 * with its set-password link, in the account's language. `team`: the event role it was invited
 * for (the caller adds the membership in the same transaction). An account that already works is
 * `exists`: it needs no invitation.
 */
export async function inviteAccountIn(
  trx: Kysely<Database>,
  secret: string,
  actor: AccountActor,
  input: { email: string; name: string; language: Language; isAdmin: boolean },
  team: { eventId: string; role: EventRole } | null,
  now: Date,
): Promise<{ ok: true; userId: string; invited: boolean } | { ok: false; reason: 'exists' }> {
  const existing = await trx
    .selectFrom('users')
    .select(['id', 'activated_at', 'disabled_at'])
    .where('email', '=', input.email)
    .executeTakeFirst()
  if (existing?.activated_at || existing?.disabled_at) return { ok: false, reason: 'exists' }
  let userId = existing?.id
  if (userId) {
    // Still pending: the invitation is sent again, with what was given this time.
    await trx
      .updateTable('users')
      .set({ name: input.name, language: input.language, is_admin: input.isAdmin ? 1 : 0, updated_at: nowIso(now) })
      .where('id', '=', userId)
      .execute()
  } else {
    userId = newId()
    await trx
      .insertInto('users')
      .values({
        id: userId,
        email: input.email,
        name: input.name,
        // No password until the invitee sets one: this matches no password at all.
        password_hash: '',
        is_admin: input.isAdmin ? 1 : 0,
        disabled_at: null,
        language: input.language,
        activated_at: null,
        created_at: nowIso(now),
        updated_at: nowIso(now),
      })
      .execute()
  }
  const link = await issueAccountToken(trx, secret, { userId, purpose: 'invite', createdBy: actor.userId }, now)
  await enqueueMail(
    trx,
    [
      {
        kind: 'account_invite',
        eventId: team?.eventId ?? null,
        recipient: input.email,
        language: input.language,
        data: { tokenId: link.id, invitedBy: actor.userId, role: team?.role ?? null },
      },
    ],
    now,
  )
  await audit(
    trx,
    {
      actorUserId: actor.userId,
      action: existing ? 'user.reinvite' : 'user.invite',
      entityType: 'user',
      entityId: userId,
      detail: {
        email: input.email,
        isAdmin: input.isAdmin,
        ...(team ? { eventId: team.eventId, role: team.role } : {}),
      },
      ip: actor.ip ?? null,
    },
    now,
  )
  return { ok: true, userId, invited: true }
}

/** An admin invites a person by email (or sends a pending invitation again). */
export async function inviteAccount(
  db: Kysely<Database>,
  secret: string,
  actor: AccountActor,
  input: Raw<InviteInput>,
  now: Date,
): Promise<InviteResult> {
  const parsed = inviteSchema.safeParse(input)
  if (!parsed.success) return { ok: false, reason: 'invalid', fields: fieldErrors(parsed.error) }
  return serialized(db, ADMINS_LOCK, (trx) => inviteAccountIn(trx, secret, actor, parsed.data, null, now))
}

// ── Admin changes ────────────────────────────────────────────────────────────────────────────

export type AdminChangeResult =
  | { ok: true; revokedSessions?: number }
  | { ok: false; reason: 'not_found' | 'last_admin' | 'self' }

async function adminFacts(trx: Kysely<Database>) {
  const rows = await trx.selectFrom('users').select(['id', 'is_admin', 'disabled_at', 'activated_at']).execute()
  return rows.map((r) => ({
    id: r.id,
    isAdmin: r.is_admin === 1,
    disabled: r.disabled_at !== null,
    activated: r.activated_at !== null,
  }))
}

/** Disables an account (ending every session and open link at once) or enables it again. */
export async function setAccountDisabled(
  db: Kysely<Database>,
  actor: AccountActor,
  userId: string,
  disabled: boolean,
  now: Date,
): Promise<AdminChangeResult> {
  return serialized(db, ADMINS_LOCK, async (trx) => {
    const facts = await adminFacts(trx)
    if (!facts.some((f) => f.id === userId)) return { ok: false, reason: 'not_found' } as const
    if (disabled) {
      const rule = mayDisable(facts, actor.userId, userId)
      if (!rule.ok) return rule
    }
    await trx
      .updateTable('users')
      .set({ disabled_at: disabled ? nowIso(now) : null, updated_at: nowIso(now) })
      .where('id', '=', userId)
      .execute()
    let revokedSessions = 0
    if (disabled) {
      revokedSessions = await revokeAllSessions(trx, userId, now)
      await revokeAccountTokens(trx, userId, now)
    }
    await audit(
      trx,
      {
        actorUserId: actor.userId,
        action: disabled ? 'user.disable' : 'user.enable',
        entityType: 'user',
        entityId: userId,
        detail: disabled ? { revokedSessions } : undefined,
        ip: actor.ip ?? null,
      },
      now,
    )
    return { ok: true, revokedSessions } as const
  })
}

/** Makes an account an admin, or takes admin away (never from the last active admin). */
export async function setAccountAdmin(
  db: Kysely<Database>,
  actor: AccountActor,
  userId: string,
  isAdmin: boolean,
  now: Date,
): Promise<AdminChangeResult> {
  return serialized(db, ADMINS_LOCK, async (trx) => {
    const facts = await adminFacts(trx)
    if (!facts.some((f) => f.id === userId)) return { ok: false, reason: 'not_found' } as const
    if (!isAdmin) {
      const rule = mayLoseAdmin(facts, userId)
      if (!rule.ok) return rule
    }
    await trx
      .updateTable('users')
      .set({ is_admin: isAdmin ? 1 : 0, updated_at: nowIso(now) })
      .where('id', '=', userId)
      .execute()
    await audit(
      trx,
      {
        actorUserId: actor.userId,
        action: isAdmin ? 'user.admin_grant' : 'user.admin_revoke',
        entityType: 'user',
        entityId: userId,
        ip: actor.ip ?? null,
      },
      now,
    )
    return { ok: true } as const
  })
}

// ── The list ─────────────────────────────────────────────────────────────────────────────────

export interface AccountListItem {
  id: string
  email: string
  name: string
  language: Language
  isAdmin: boolean
  status: AccountStatus
  lastLoginAt: string | null
  createdAt: string
  roles: { eventSlug: string; title: { zh: string; en: string; ja: string }; role: EventRole }[]
}

export const ACCOUNT_LIST_LIMIT = 200

/**
 * Every account with its event roles, matching `q` in name or email; admins only (the route checks).
 * At most `limit` of them (null: all, for the operators' CLI); `total` counts every match.
 */
export async function listAccounts(
  db: Kysely<Database>,
  q = '',
  limit: number | null = ACCOUNT_LIST_LIMIT,
): Promise<{ items: AccountListItem[]; total: number }> {
  const needle = q.trim().toLowerCase().slice(0, 100)
  let query = db.selectFrom('users')
  if (needle) {
    const like = `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    query = query.where((eb) =>
      eb.or([eb(eb.fn('lower', ['email']), 'like', eb.val(like)), eb(eb.fn('lower', ['name']), 'like', eb.val(like))]),
    )
  }
  const total = Number((await query.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst())?.n ?? 0)
  let listed = query
    .select([
      'id',
      'email',
      'name',
      'language',
      'is_admin',
      'disabled_at',
      'activated_at',
      'last_login_at',
      'created_at',
    ])
    .orderBy('email')
  if (limit !== null) listed = listed.limit(limit)
  const users = await listed.execute()
  const ids = users.map((u) => u.id)
  const rolesOf = (chunk: string[]) =>
    db
      .selectFrom('event_members as m')
      .innerJoin('events as e', 'e.id', 'm.event_id')
      .select(['m.user_id', 'm.role', 'e.slug', 'e.title_zh', 'e.title_en', 'e.title_ja'])
      .where('m.user_id', 'in', chunk)
      .orderBy('e.starts_on', 'desc')
      .execute()
  const roles: Awaited<ReturnType<typeof rolesOf>> = []
  // Without a limit the ids can outnumber SQLite's 32,766 bound parameters per statement.
  for (let i = 0; i < ids.length; i += 1000) roles.push(...(await rolesOf(ids.slice(i, i + 1000))))
  return {
    total,
    items: users.map((u) => ({
      id: u.id,
      email: u.email,
      name: u.name,
      language: u.language,
      isAdmin: u.is_admin === 1,
      status: accountStatus(u),
      lastLoginAt: u.last_login_at,
      createdAt: u.created_at,
      roles: roles
        .filter((r) => r.user_id === u.id)
        .map((r) => ({ eventSlug: r.slug, title: { zh: r.title_zh, en: r.title_en, ja: r.title_ja }, role: r.role })),
    })),
  }
}

/** One account by id, for an admin's action on it (no roles). */
export async function findAccount(db: Kysely<Database>, id: string) {
  const u = await db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'language', 'is_admin', 'disabled_at', 'activated_at'])
    .where('id', '=', id)
    .executeTakeFirst()
  if (!u) return null
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    language: u.language,
    isAdmin: u.is_admin === 1,
    status: accountStatus(u),
  }
}
