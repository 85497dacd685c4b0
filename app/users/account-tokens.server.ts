/**
 * One-time links that set an account's password (ADR 0020): an invitation (7 days) or a reset
 * (1 hour). The token is derived from the server secret and the row's random nonce, like an
 * invitation link (ADR 0008), so the outbox can rebuild it at send time and a database dump alone
 * opens nothing; only its SHA-256 is kept for lookup. Using, replacing or revoking a link clears
 * the nonce, so it can never be rebuilt; the hash stays so that a used link says "already used".
 */
import type { Kysely } from 'kysely'
import { newId, nowIso } from '../../db/ids'
import type { AccountTokenPurpose, Database } from '../../db/schema'
import { accountToken, newNonce, sha256Hex } from '../registration/secrets.server'

export const TOKEN_TTL_MS: Record<AccountTokenPurpose, number> = {
  invite: 7 * 24 * 60 * 60_000,
  reset: 60 * 60_000,
}

/** A new link for the account; the account's earlier links of the same purpose stop working. */
export async function issueAccountToken(
  db: Kysely<Database>,
  secret: string,
  input: { userId: string; purpose: AccountTokenPurpose; createdBy: string | null },
  now: Date,
): Promise<{ id: string; token: string }> {
  await revokeAccountTokens(db, input.userId, now, input.purpose)
  const id = newId()
  const nonce = newNonce()
  const token = accountToken(secret, nonce)
  await db
    .insertInto('account_tokens')
    .values({
      id,
      user_id: input.userId,
      purpose: input.purpose,
      nonce,
      token_hash: sha256Hex(token),
      created_by: input.createdBy,
      created_at: nowIso(now),
      expires_at: nowIso(new Date(now.getTime() + TOKEN_TTL_MS[input.purpose])),
      used_at: null,
      revoked_at: null,
    })
    .execute()
  return { id, token }
}

/** Ends the account's open links (of one purpose, or all). */
export async function revokeAccountTokens(
  db: Kysely<Database>,
  userId: string,
  now: Date,
  purpose?: AccountTokenPurpose,
): Promise<void> {
  let query = db
    .updateTable('account_tokens')
    .set({ revoked_at: nowIso(now), nonce: null })
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
  if (purpose) query = query.where('purpose', '=', purpose)
  await query.execute()
}

export type TokenState = 'valid' | 'used' | 'expired' | 'unknown'

export interface FoundToken {
  id: string
  userId: string
  purpose: AccountTokenPurpose
  state: TokenState
}

/** What a presented token is. A revoked link reads as used: either way a newer one exists or it is spent. */
export async function findAccountToken(db: Kysely<Database>, token: string, now: Date): Promise<FoundToken | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null
  const row = await db
    .selectFrom('account_tokens')
    .select(['id', 'user_id', 'purpose', 'expires_at', 'used_at', 'revoked_at'])
    .where('token_hash', '=', sha256Hex(token))
    .executeTakeFirst()
  if (!row) return null
  const state: TokenState =
    row.used_at || row.revoked_at ? 'used' : Date.parse(row.expires_at) <= now.getTime() ? 'expired' : 'valid'
  return { id: row.id, userId: row.user_id, purpose: row.purpose, state }
}

/** Spends a link: true for the one caller that got it while it was still open and unexpired. */
export async function consumeAccountToken(db: Kysely<Database>, id: string, now: Date): Promise<boolean> {
  const spent = await db
    .updateTable('account_tokens')
    .set({ used_at: nowIso(now), nonce: null })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', nowIso(now))
    .returning('id')
    .executeTakeFirst()
  return spent !== undefined
}

/** The link of an open token, rebuilt to be sent; null once it is used, replaced or expired. */
export async function accountLinkToken(
  db: Kysely<Database>,
  secret: string,
  id: string,
  now: Date,
): Promise<{ token: string; purpose: AccountTokenPurpose; userId: string; expiresAt: string } | null> {
  const row = await db
    .selectFrom('account_tokens')
    .select(['nonce', 'purpose', 'user_id', 'expires_at', 'used_at', 'revoked_at'])
    .where('id', '=', id)
    .executeTakeFirst()
  if (!row?.nonce || row.used_at || row.revoked_at || Date.parse(row.expires_at) <= now.getTime()) return null
  return {
    token: accountToken(secret, row.nonce),
    purpose: row.purpose,
    userId: row.user_id,
    expiresAt: row.expires_at,
  }
}
