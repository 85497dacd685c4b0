/**
 * Login sessions, stored in the database so that logout and revocation are real. The cookie
 * carries a random 256-bit token, signed with SESSION_SECRET; the database keeps its SHA-256.
 */
import type { Kysely } from 'kysely'
import { nowIso } from '../../db/ids'
import type { Database, Language, User } from '../../db/schema'
import { hashToken, newToken } from './tokens.server'

export const SESSION_TTL_MS = 7 * 24 * 60 * 60 * 1000
export const SESSION_SEEN_EVERY_MS = 5 * 60_000

export interface SessionUser {
  id: string
  email: string
  name: string
  isAdmin: boolean
  language: Language
}

export function toSessionUser(user: Pick<User, 'id' | 'email' | 'name' | 'is_admin' | 'language'>): SessionUser {
  return { id: user.id, email: user.email, name: user.name, isAdmin: user.is_admin === 1, language: user.language }
}

export async function createSession(
  db: Kysely<Database>,
  userId: string,
  meta: { ip: string | null; userAgent: string | null },
  now = new Date(),
): Promise<{ token: string; expiresAt: Date }> {
  const token = newToken()
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS)
  await db
    .insertInto('user_sessions')
    .values({
      id: hashToken(token),
      user_id: userId,
      created_at: nowIso(now),
      expires_at: nowIso(expiresAt),
      revoked_at: null,
      last_seen_at: nowIso(now),
      ip: meta.ip,
      user_agent: meta.userAgent?.slice(0, 300) ?? null,
    })
    .execute()
  return { token, expiresAt }
}

/** The user behind a token, or null when the session is unknown, revoked, expired or the user disabled. */
export async function findSessionUser(
  db: Kysely<Database>,
  token: string,
  now = new Date(),
): Promise<SessionUser | null> {
  const row = await db
    .selectFrom('user_sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select(['s.id as sessionId', 's.last_seen_at', 'u.id', 'u.email', 'u.name', 'u.is_admin', 'u.language'])
    .where('s.id', '=', hashToken(token))
    .where('s.revoked_at', 'is', null)
    .where('s.expires_at', '>', nowIso(now))
    .where('u.disabled_at', 'is', null)
    .executeTakeFirst()
  if (!row) return null
  // Bookkeeping for the account page's "last used", written at most every few minutes per session.
  if (!row.last_seen_at || Date.parse(row.last_seen_at) < now.getTime() - SESSION_SEEN_EVERY_MS)
    await db
      .updateTable('user_sessions')
      .set({ last_seen_at: nowIso(now) })
      .where('id', '=', row.sessionId)
      .execute()
  return toSessionUser(row)
}

export async function revokeSession(db: Kysely<Database>, token: string, now = new Date()): Promise<string | null> {
  const row = await db
    .updateTable('user_sessions')
    .set({ revoked_at: nowIso(now) })
    .where('id', '=', hashToken(token))
    .where('revoked_at', 'is', null)
    .returning('user_id')
    .executeTakeFirst()
  return row?.user_id ?? null
}

export async function revokeAllSessions(db: Kysely<Database>, userId: string, now = new Date()): Promise<number> {
  const rows = await db
    .updateTable('user_sessions')
    .set({ revoked_at: nowIso(now) })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .returning('id')
    .execute()
  return rows.length
}
