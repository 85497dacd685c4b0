import { randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import { newId, nowIso } from '../../db/ids'
import type { Database } from '../../db/schema'
import { serialized } from '../../db/serialized'
import { audit } from '../audit/audit.server'
import { normalizeEmail } from '../validation/email'
import { decoyHash, verifyPassword } from './password.server'
import { ACCOUNT_WINDOW_MS, decide, type Limit, loginLimits } from './rate-limit'
import { createSession, revokeSession, type SessionUser, toSessionUser } from './session.server'

export type LoginResult =
  | { ok: true; user: SessionUser; token: string; expiresAt: Date; device: KnownDevice }
  | { ok: false; reason: 'invalid_credentials' | 'disabled' }
  | { ok: false; reason: 'rate_limited'; retryAfterSeconds: number }

/** A browser that has signed in to an account before: what its device cookie says. */
export interface KnownDevice {
  userId: string
  id: string
}

export interface LoginInput {
  email: string
  password: string
  ip: string | null
  userAgent: string | null
  /** the device cookie the browser sent, if any (any account's: only its own account's counts) */
  device?: KnownDevice | null
}

/**
 * Checks a password and opens a session. Every attempt is counted before the password is
 * looked at, so concurrent guesses cannot slip past the limits (loginLimits: per account and
 * address, per address, per account from anywhere, or per known device). A success clears its
 * own client's count and remembers the browser as a known device of the account, so a stranger
 * guessing from elsewhere cannot lock its owner out. Unknown emails cost the same time as known
 * ones and get the same answer.
 */
export async function login(db: Kysely<Database>, input: LoginInput, now = new Date()): Promise<LoginResult> {
  const email = normalizeEmail(input.email)
  const user = await db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst()
  const knownDevice = user && input.device?.userId === user.id ? input.device.id : null
  const limits = loginLimits(email, input.ip, knownDevice)

  const limited = await countAttempt(db, `email:${email}`, limits, now)
  if (limited) {
    await audit(
      db,
      { actorUserId: null, action: 'auth.login_rate_limited', entityType: 'user', detail: { email }, ip: input.ip },
      now,
    )
    return { ok: false, reason: 'rate_limited', retryAfterSeconds: limited }
  }

  // An invited account that has not set its password yet costs the same decoy check as an unknown email.
  const valid = await verifyPassword(input.password, user?.password_hash || (await decoyHash()))
  if (!user || !valid) {
    await audit(
      db,
      {
        actorUserId: null,
        action: 'auth.login_failed',
        entityType: 'user',
        entityId: user?.id ?? null,
        detail: { email },
        ip: input.ip,
      },
      now,
    )
    return { ok: false, reason: 'invalid_credentials' }
  }
  if (user.disabled_at) return { ok: false, reason: 'disabled' }

  // This client's own counter starts again (the first: per account and address, or the device's).
  const own = limits[0]?.key ?? ''
  const session = await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('login_attempts').where('key', '=', own).execute()
    await trx
      .updateTable('users')
      .set({ last_login_at: nowIso(now) })
      .where('id', '=', user.id)
      .execute()
    const created = await createSession(trx, user.id, { ip: input.ip, userAgent: input.userAgent }, now)
    await audit(
      trx,
      { actorUserId: user.id, action: 'auth.login', entityType: 'user', entityId: user.id, ip: input.ip },
      now,
    )
    return created
  })
  const device = { userId: user.id, id: knownDevice ?? randomBytes(16).toString('base64url') }
  return { ok: true, user: toSessionUser(user), ...session, device }
}

/** Records the attempt on every counter, then returns seconds to wait when one is over its limit, or 0. */
export async function countAttempt(db: Kysely<Database>, lockKey: string, limits: Limit[], now: Date): Promise<number> {
  const keys = limits.map((l) => l.key)
  const longest = Math.max(...limits.map((l) => l.windowMs))
  // Serialized per email so parallel guesses each see the others' attempts (PostgreSQL's
  // READ COMMITTED would otherwise let a burst count only itself). The lock is held for a few
  // statements, never across the password check. The per-address limit is best effort.
  const rows = await serialized(db, lockKey, async (trx) => {
    await trx
      .deleteFrom('login_attempts')
      .where('created_at', '<', nowIso(new Date(now.getTime() - ACCOUNT_WINDOW_MS)))
      .execute()
    await trx
      .insertInto('login_attempts')
      .values(keys.map((key) => ({ id: newId(), key, created_at: nowIso(now) })))
      .execute()
    return trx
      .selectFrom('login_attempts')
      .select(['key', 'created_at'])
      .where('key', 'in', keys)
      .where('created_at', '>', nowIso(new Date(now.getTime() - longest)))
      .execute()
  })
  let wait = 0
  for (const limit of limits) {
    const times = rows.filter((r) => r.key === limit.key).map((r) => Date.parse(r.created_at))
    const decision = decide(times, limit.max, now.getTime(), limit.windowMs)
    if (decision.limited) wait = Math.max(wait, decision.retryAfterSeconds)
  }
  return wait
}

/** Ends the session behind a token for good; replaying the cookie afterwards finds nothing. */
export async function logout(db: Kysely<Database>, token: string, ip: string | null, now = new Date()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const userId = await revokeSession(trx, token, now)
    if (userId)
      await audit(trx, { actorUserId: userId, action: 'auth.logout', entityType: 'user', entityId: userId, ip }, now)
  })
}
