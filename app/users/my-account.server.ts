/**
 * One's own account (issue 15): name, language, password, and the sessions signed in with it.
 * Every function acts on the account of the session that calls it, and nothing else.
 */
import { createHash } from 'node:crypto'
import type { Kysely } from 'kysely'
import { nowIso } from '../../db/ids'
import type { Database } from '../../db/schema'
import { audit } from '../audit/audit.server'
import { countAttempt } from '../auth/login.server'
import { hashPassword, verifyPassword } from '../auth/password.server'
import { hashToken } from '../auth/tokens.server'
import { type FieldErrors, fieldErrors } from '../validation/field-errors'
import { passwordProblem } from './password-policy'
import { type ProfileInput, profileSchema, type Raw } from './users'

export type ProfileResult = { ok: true } | { ok: false; reason: 'invalid'; fields: FieldErrors }

export async function updateProfile(
  db: Kysely<Database>,
  userId: string,
  input: Raw<ProfileInput>,
  ip: string | null,
  now: Date,
): Promise<ProfileResult> {
  const parsed = profileSchema.safeParse(input)
  if (!parsed.success) return { ok: false, reason: 'invalid', fields: fieldErrors(parsed.error) }
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ name: parsed.data.name, language: parsed.data.language, updated_at: nowIso(now) })
      .where('id', '=', userId)
      .execute()
    await audit(
      trx,
      { actorUserId: userId, action: 'account.update', entityType: 'user', entityId: userId, detail: parsed.data, ip },
      now,
    )
  })
  return { ok: true }
}

/** Password changes tried per account and hour (each asks for the current password). */
export const PASSWORD_CHANGES_PER_HOUR = 10

export type PasswordChangeResult =
  | { ok: true; endedSessions: number }
  | { ok: false; reason: 'invalid'; fields: FieldErrors }

/**
 * Changes the password when the current one is given again. The other sessions end (whoever
 * knew the old password is signed out everywhere); this one stays.
 */
export async function changePassword(
  db: Kysely<Database>,
  user: { id: string; email: string; name: string },
  input: { current: string; password: string; confirm: string },
  sessionToken: string,
  ip: string | null,
  now: Date,
): Promise<PasswordChangeResult> {
  const fields: FieldErrors = {}
  if (!input.current) fields.current = { key: 'validation.required' }
  if (input.current.length > 1024) fields.current = { key: 'validation.tooLong', values: { max: 1024 } }
  const problem = passwordProblem(input.password, user)
  if (problem) fields.password = { key: problem }
  else if (input.confirm !== input.password) fields.confirm = { key: 'validation.passwordMismatch' }
  if (Object.keys(fields).length > 0) return { ok: false, reason: 'invalid', fields }
  // Someone holding a stolen session must not try passwords here without end: 10 tries an hour.
  const key = `password-change:${user.id}`
  const wait = await countAttempt(db, key, [{ key, max: PASSWORD_CHANGES_PER_HOUR, windowMs: 60 * 60_000 }], now)
  if (wait > 0) {
    const minutes = Math.ceil(wait / 60)
    return {
      ok: false,
      reason: 'invalid',
      fields: { current: { key: 'account.password.tooMany', values: { minutes } } },
    }
  }
  const row = await db.selectFrom('users').select('password_hash').where('id', '=', user.id).executeTakeFirstOrThrow()
  if (!(await verifyPassword(input.current, row.password_hash))) {
    await audit(
      db,
      { actorUserId: user.id, action: 'account.password_wrong', entityType: 'user', entityId: user.id, ip },
      now,
    )
    return { ok: false, reason: 'invalid', fields: { current: { key: 'account.password.wrongCurrent' } } }
  }
  const hash = await hashPassword(input.password)
  return db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ password_hash: hash, updated_at: nowIso(now) })
      .where('id', '=', user.id)
      .execute()
    const ended = await trx
      .updateTable('user_sessions')
      .set({ revoked_at: nowIso(now) })
      .where('user_id', '=', user.id)
      .where('revoked_at', 'is', null)
      .where('id', '!=', hashToken(sessionToken))
      .returning('id')
      .execute()
    await trx
      .updateTable('account_tokens')
      .set({ revoked_at: nowIso(now), nonce: null })
      .where('user_id', '=', user.id)
      .where('used_at', 'is', null)
      .where('revoked_at', 'is', null)
      .execute()
    await audit(
      trx,
      {
        actorUserId: user.id,
        action: 'account.password_change',
        entityType: 'user',
        entityId: user.id,
        detail: { endedSessions: ended.length },
        ip,
      },
      now,
    )
    return { ok: true, endedSessions: ended.length } as const
  })
}

export interface MySession {
  /** a handle for the page's forms: derived from the stored hash, never the hash itself */
  handle: string
  current: boolean
  ip: string | null
  userAgent: string | null
  createdAt: string
  lastSeenAt: string
  expiresAt: string
}

function handleOf(storedId: string): string {
  return createHash('sha256').update(`session-handle:${storedId}`).digest('base64url').slice(0, 22)
}

/** The account's sessions that still work, the current one first, then the most recently used. */
export async function listMySessions(
  db: Kysely<Database>,
  userId: string,
  sessionToken: string,
  now: Date,
): Promise<MySession[]> {
  const current = hashToken(sessionToken)
  const rows = await db
    .selectFrom('user_sessions')
    .select(['id', 'ip', 'user_agent', 'created_at', 'last_seen_at', 'expires_at'])
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', nowIso(now))
    .execute()
  return rows
    .map((r) => ({
      handle: handleOf(r.id),
      current: r.id === current,
      ip: r.ip,
      userAgent: r.user_agent,
      createdAt: r.created_at,
      lastSeenAt: r.last_seen_at ?? r.created_at,
      expiresAt: r.expires_at,
    }))
    .sort((a, b) => Number(b.current) - Number(a.current) || b.lastSeenAt.localeCompare(a.lastSeenAt))
}

/**
 * Ends one of the account's own sessions (by its handle), or all but the current one
 * (`handle` = 'others'). Says how many ended (0 when the handle is not one of them) and whether
 * the current one was among them (the page then signs the browser out).
 */
export async function endMySessions(
  db: Kysely<Database>,
  userId: string,
  sessionToken: string,
  handle: string,
  ip: string | null,
  now: Date,
): Promise<{ ended: number; current: boolean }> {
  const current = hashToken(sessionToken)
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('user_sessions')
      .select('id')
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .execute()
    const ids = rows.map((r) => r.id).filter((id) => (handle === 'others' ? id !== current : handleOf(id) === handle))
    if (ids.length === 0) return { ended: 0, current: false }
    await trx
      .updateTable('user_sessions')
      .set({ revoked_at: nowIso(now) })
      .where('id', 'in', ids)
      .execute()
    await audit(
      trx,
      {
        actorUserId: userId,
        action: 'account.sessions_end',
        entityType: 'user',
        entityId: userId,
        detail: { ended: ids.length, others: handle === 'others', includesCurrent: ids.includes(current) },
        ip,
      },
      now,
    )
    return { ended: ids.length, current: ids.includes(current) }
  })
}

/** A user agent in a few words: "Chrome · Android", "Safari · iPhone". */
export function describeUserAgent(ua: string | null): string {
  if (!ua) return '—'
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /MicroMessenger/.test(ua)
      ? 'WeChat'
      : /Firefox\//.test(ua)
        ? 'Firefox'
        : /Chrome\/|CriOS\//.test(ua)
          ? 'Chrome'
          : /Safari\//.test(ua)
            ? 'Safari'
            : ua.split(/[\s/]/)[0] || '—'
  const os = /iPhone/.test(ua)
    ? 'iPhone'
    : /iPad/.test(ua)
      ? 'iPad'
      : /Android/.test(ua)
        ? 'Android'
        : /Windows/.test(ua)
          ? 'Windows'
          : /Mac OS X|Macintosh/.test(ua)
            ? 'macOS'
            : /Linux/.test(ua)
              ? 'Linux'
              : ''
  return os ? `${browser} · ${os}` : browser
}
