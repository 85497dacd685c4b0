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

/** How long a browser stays a known device of the accounts it signed in to. */
const KNOWN_DEVICE_MAX_AGE_S = 365 * 24 * 60 * 60

/**
 * The known-device cookie (issue 14): set at a successful sign-in, it lets that browser sign in
 * to that account on its own counter while strangers are being limited. It grants nothing else:
 * the password is still asked. Signed, HttpOnly, SameSite=Lax, sent to the sign-in page only.
 */
export function createKnownDeviceCookie(config: Config) {
  return createCookie('signet_device', {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.appUrl.protocol === 'https:',
    path: '/login',
    maxAge: KNOWN_DEVICE_MAX_AGE_S,
    secrets: [config.sessionSecret],
  })
}
