/**
 * Delegate sessions: the invitation link's token is exchanged once for a cookie, and the browser
 * goes on to a clean URL, so the token never stays in the address bar, history or Referer.
 * Like organizer sessions, the cookie holds a random 256-bit token and the database its SHA-256;
 * revoking or reissuing the invitation's link ends them. The cookie's path is the event's, so a
 * delegate invited to two events holds one session for each.
 */
import type { Kysely } from 'kysely'
import { createCookie } from 'react-router'
import { nowIso } from '../../db/ids'
import type { Database } from '../../db/schema'
import { hashToken, newToken } from '../auth/tokens.server'
import type { Config } from '../config.server'

export const DELEGATE_SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000

export function delegateCookie(config: Pick<Config, 'appUrl' | 'sessionSecret'>, slug: string) {
  return createCookie('signet_delegate', {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.appUrl.protocol === 'https:',
    path: `/e/${slug}`,
    secrets: [config.sessionSecret],
  })
}

/** Opens a delegate session and returns the Set-Cookie header value for it. */
export async function startDelegateSession(
  db: Kysely<Database>,
  config: Pick<Config, 'appUrl' | 'sessionSecret'>,
  invitation: { id: string; expires_at: string },
  slug: string,
  now = new Date(),
): Promise<string> {
  const token = newToken()
  const expiresAt = new Date(Math.min(now.getTime() + DELEGATE_SESSION_TTL_MS, Date.parse(invitation.expires_at)))
  await db
    .insertInto('delegate_sessions')
    .values({
      id: hashToken(token),
      invitation_id: invitation.id,
      created_at: nowIso(now),
      expires_at: nowIso(expiresAt),
      revoked_at: null,
    })
    .execute()
  return delegateCookie(config, slug).serialize(token, { expires: expiresAt })
}

/** The invitation id of the request's delegate session for this event, or null. */
export async function findDelegateInvitation(
  db: Kysely<Database>,
  config: Pick<Config, 'appUrl' | 'sessionSecret'>,
  request: Request,
  eventId: string,
  slug: string,
  now = new Date(),
): Promise<string | null> {
  const token: unknown = await delegateCookie(config, slug).parse(request.headers.get('Cookie'))
  if (typeof token !== 'string' || token.length === 0) return null
  const row = await db
    .selectFrom('delegate_sessions as d')
    .innerJoin('invitations as i', 'i.id', 'd.invitation_id')
    .select('d.invitation_id')
    .where('d.id', '=', hashToken(token))
    .where('d.revoked_at', 'is', null)
    .where('d.expires_at', '>', nowIso(now))
    .where('i.event_id', '=', eventId)
    .where('i.token_hash', 'is not', null)
    .executeTakeFirst()
  return row?.invitation_id ?? null
}

/** Ends the request's delegate session ("not me" / sign out on a shared phone). */
export async function endDelegateSession(
  db: Kysely<Database>,
  config: Pick<Config, 'appUrl' | 'sessionSecret'>,
  request: Request,
  slug: string,
  now = new Date(),
): Promise<string> {
  const cookie = delegateCookie(config, slug)
  const token: unknown = await cookie.parse(request.headers.get('Cookie'))
  if (typeof token === 'string' && token) {
    await db
      .updateTable('delegate_sessions')
      .set({ revoked_at: nowIso(now) })
      .where('id', '=', hashToken(token))
      .execute()
  }
  return cookie.serialize('', { maxAge: 0 })
}
