import type { Kysely } from 'kysely'
import { newId, nowIso } from '../../db/ids'
import type { Database } from '../../db/schema'
import { serialized } from '../../db/serialized'
import { audit } from '../audit/audit.server'
import { normalizeEmail } from '../users/users'
import { decoyHash, verifyPassword } from './password.server'
import { decide, LOGIN_WINDOW_MS, MAX_ATTEMPTS_PER_EMAIL, MAX_ATTEMPTS_PER_IP } from './rate-limit'
import { createSession, revokeSession, type SessionUser, toSessionUser } from './session.server'

export type LoginResult =
  | { ok: true; user: SessionUser; token: string; expiresAt: Date }
  | { ok: false; reason: 'invalid_credentials' | 'disabled' }
  | { ok: false; reason: 'rate_limited'; retryAfterSeconds: number }

export interface LoginInput {
  email: string
  password: string
  ip: string | null
  userAgent: string | null
}

/**
 * Checks a password and opens a session. Every attempt is counted before the password is
 * looked at, so concurrent guesses cannot slip past the limit; a success clears the email's count.
 * Unknown emails cost the same time as known ones and get the same answer.
 */
export async function login(db: Kysely<Database>, input: LoginInput, now = new Date()): Promise<LoginResult> {
  const email = normalizeEmail(input.email)
  const emailKey = `email:${email}`
  const ipKey = input.ip ? `ip:${input.ip}` : null

  const limited = await countAttempt(db, emailKey, ipKey, now)
  if (limited) {
    await audit(
      db,
      { actorUserId: null, action: 'auth.login_rate_limited', entityType: 'user', detail: { email }, ip: input.ip },
      now,
    )
    return { ok: false, reason: 'rate_limited', retryAfterSeconds: limited }
  }

  const user = await db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst()
  const valid = await verifyPassword(input.password, user?.password_hash ?? (await decoyHash()))
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

  const session = await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('login_attempts').where('key', '=', emailKey).execute()
    const created = await createSession(trx, user.id, { ip: input.ip, userAgent: input.userAgent }, now)
    await audit(
      trx,
      { actorUserId: user.id, action: 'auth.login', entityType: 'user', entityId: user.id, ip: input.ip },
      now,
    )
    return created
  })
  return { ok: true, user: toSessionUser(user), ...session }
}

/** Records the attempt, then returns seconds to wait when it is over a limit, or 0. */
async function countAttempt(db: Kysely<Database>, emailKey: string, ipKey: string | null, now: Date): Promise<number> {
  const keys = ipKey ? [emailKey, ipKey] : [emailKey]
  const since = nowIso(new Date(now.getTime() - LOGIN_WINDOW_MS))
  // Serialized per email so parallel guesses each see the others' attempts (PostgreSQL's
  // READ COMMITTED would otherwise let a burst count only itself). The lock is held for a few
  // statements, never across the password check. The per-address limit is best effort.
  const rows = await serialized(db, emailKey, async (trx) => {
    await trx
      .deleteFrom('login_attempts')
      .where('created_at', '<', nowIso(new Date(now.getTime() - 60 * LOGIN_WINDOW_MS)))
      .execute()
    await trx
      .insertInto('login_attempts')
      .values(keys.map((key) => ({ id: newId(), key, created_at: nowIso(now) })))
      .execute()
    return trx
      .selectFrom('login_attempts')
      .select(['key', 'created_at'])
      .where('key', 'in', keys)
      .where('created_at', '>', since)
      .execute()
  })
  const times = (key: string) => rows.filter((r) => r.key === key).map((r) => Date.parse(r.created_at))
  const byEmail = decide(times(emailKey), MAX_ATTEMPTS_PER_EMAIL, now.getTime())
  const byIp = ipKey ? decide(times(ipKey), MAX_ATTEMPTS_PER_IP, now.getTime()) : { limited: false as const }
  return Math.max(byEmail.limited ? byEmail.retryAfterSeconds : 0, byIp.limited ? byIp.retryAfterSeconds : 0)
}

/** Ends the session behind a token for good; replaying the cookie afterwards finds nothing. */
export async function logout(db: Kysely<Database>, token: string, ip: string | null, now = new Date()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const userId = await revokeSession(trx, token, now)
    if (userId)
      await audit(trx, { actorUserId: userId, action: 'auth.logout', entityType: 'user', entityId: userId, ip }, now)
  })
}
