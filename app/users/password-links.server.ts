/**
 * The one-time links that set an account's password (issue 15, ADR 0020): what a link is, setting
 * the password from it, and asking for a reset link when the password is forgotten. Every change
 * is audited in its own transaction.
 */
import type { Kysely } from 'kysely'
import { nowIso } from '../../db/ids'
import type { AccountTokenPurpose, Database } from '../../db/schema'
import { audit } from '../audit/audit.server'
import { countAttempt } from '../auth/login.server'
import { hashPassword } from '../auth/password.server'
import { revokeAllSessions } from '../auth/session.server'
import { enqueueMail } from '../mail/outbox.server'
import { normalizeEmail } from '../validation/email'
import { type FieldErrors, fieldErrors } from '../validation/field-errors'
import { consumeAccountToken, findAccountToken, issueAccountToken, revokeAccountTokens } from './account-tokens.server'
import { passwordProblem } from './password-policy'
import { emailSchema } from './users'

// ── Setting a password from a link ───────────────────────────────────────────────────────────

export type LinkProblem = 'unknown' | 'used' | 'expired'

export type LinkView =
  | { ok: true; purpose: AccountTokenPurpose; email: string; name: string }
  | { ok: false; reason: LinkProblem }

/** What a set-password link is, for its page (reads only). */
export async function viewPasswordLink(db: Kysely<Database>, token: string, now: Date): Promise<LinkView> {
  const found = await findAccountToken(db, token, now)
  if (!found) return { ok: false, reason: 'unknown' }
  if (found.state !== 'valid') return { ok: false, reason: found.state === 'expired' ? 'expired' : 'used' }
  const user = await db
    .selectFrom('users')
    .select(['email', 'name', 'disabled_at'])
    .where('id', '=', found.userId)
    .executeTakeFirst()
  if (!user || user.disabled_at) return { ok: false, reason: 'unknown' }
  return { ok: true, purpose: found.purpose, email: user.email, name: user.name }
}

export type SetPasswordResult =
  | { ok: true; userId: string; email: string; purpose: AccountTokenPurpose; endedSessions: number }
  | { ok: false; reason: LinkProblem }
  | { ok: false; reason: 'invalid'; fields: FieldErrors }

/**
 * Sets the password from a one-time link. The link is spent in the same transaction, so two
 * tabs cannot both use it; every session of the account ends (a reset may be because someone
 * else got in), and every other open link of the account stops working.
 */
export async function setPasswordFromLink(
  db: Kysely<Database>,
  input: { token: string; password: string; confirm: string },
  ip: string | null,
  now: Date,
): Promise<SetPasswordResult> {
  const found = await findAccountToken(db, input.token, now)
  if (!found) return { ok: false, reason: 'unknown' }
  if (found.state !== 'valid') return { ok: false, reason: found.state === 'expired' ? 'expired' : 'used' }
  const user = await db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'disabled_at'])
    .where('id', '=', found.userId)
    .executeTakeFirst()
  if (!user || user.disabled_at) return { ok: false, reason: 'unknown' }
  const problem = passwordProblem(input.password, user)
  if (problem) return { ok: false, reason: 'invalid', fields: { password: { key: problem } } }
  if (input.confirm !== input.password)
    return { ok: false, reason: 'invalid', fields: { confirm: { key: 'validation.passwordMismatch' } } }
  const hash = await hashPassword(input.password)
  return db.transaction().execute(async (trx) => {
    if (!(await consumeAccountToken(trx, found.id, now))) return { ok: false, reason: 'used' } as const
    await trx
      .updateTable('users')
      .set((eb) => ({
        password_hash: hash,
        activated_at: eb.fn.coalesce('activated_at', eb.val(nowIso(now))),
        updated_at: nowIso(now),
      }))
      .where('id', '=', user.id)
      .execute()
    await revokeAccountTokens(trx, user.id, now)
    const endedSessions = await revokeAllSessions(trx, user.id, now)
    await audit(
      trx,
      {
        actorUserId: user.id,
        action: found.purpose === 'invite' ? 'user.activate' : 'auth.password_reset',
        entityType: 'user',
        entityId: user.id,
        detail: { endedSessions },
        ip,
      },
      now,
    )
    return { ok: true, userId: user.id, email: user.email, purpose: found.purpose, endedSessions } as const
  })
}

// ── Forgotten passwords ──────────────────────────────────────────────────────────────────────

/** Resets asked for per address and per email: 5 an hour per email, 20 an hour per address. */
export const RESET_WINDOW_MS = 60 * 60_000
export const MAX_RESETS_PER_EMAIL = 5
export const MAX_RESETS_PER_IP = 20

export type ResetRequestResult =
  | { ok: true }
  | { ok: false; reason: 'invalid'; fields: FieldErrors }
  | { ok: false; reason: 'rate_limited'; retryAfterSeconds: number }

/**
 * Someone asks for a reset link. The answer is the same whether the email has an account or not
 * (and whether it is enabled): the same statements run in both cases but the token and the mail,
 * and the mail itself is sent later by the outbox worker, so the time does not tell either.
 */
export async function requestPasswordReset(
  db: Kysely<Database>,
  secret: string,
  input: { email: string; ip: string | null },
  now: Date,
): Promise<ResetRequestResult> {
  const parsed = emailSchema.safeParse(input.email)
  if (!parsed.success) {
    const issue = fieldErrors(parsed.error).form
    return { ok: false, reason: 'invalid', fields: issue ? { email: issue } : {} }
  }
  const email = normalizeEmail(parsed.data)
  const limited = await countAttempt(
    db,
    `reset:${email}`,
    [
      { key: `reset-email:${email}`, max: MAX_RESETS_PER_EMAIL, windowMs: RESET_WINDOW_MS },
      { key: `reset-ip:${input.ip ?? 'unknown'}`, max: MAX_RESETS_PER_IP, windowMs: RESET_WINDOW_MS },
    ],
    now,
  )
  if (limited) return { ok: false, reason: 'rate_limited', retryAfterSeconds: limited }
  await db.transaction().execute(async (trx) => {
    const user = await trx
      .selectFrom('users')
      .select(['id', 'language', 'disabled_at'])
      .where('email', '=', email)
      .executeTakeFirst()
    const known = user !== undefined && user.disabled_at === null
    if (known) {
      const link = await issueAccountToken(trx, secret, { userId: user.id, purpose: 'reset', createdBy: null }, now)
      await enqueueMail(
        trx,
        [
          {
            kind: 'password_reset',
            eventId: null,
            recipient: email,
            language: user.language,
            data: { tokenId: link.id },
          },
        ],
        now,
      )
    }
    await audit(
      trx,
      {
        actorUserId: null,
        action: 'auth.reset_requested',
        entityType: 'user',
        entityId: known ? user.id : null,
        detail: { email, known },
        ip: input.ip,
      },
      now,
    )
  })
  return { ok: true }
}
