import { createCookie } from 'react-router'
import type { Config } from '../config.server'
import { SESSION_TTL_MS } from './session.server'

/** HttpOnly, SameSite=Lax, signed with SESSION_SECRET, Secure when APP_URL is https. */
export function createSessionCookie(config: Config) {
  return createCookie('signet_session', {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.appUrl.protocol === 'https:',
    path: '/',
    maxAge: SESSION_TTL_MS / 1000,
    secrets: [config.sessionSecret],
  })
}
