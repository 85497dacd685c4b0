/**
 * Sign-in limits (issue 14). A stranger must not be able to lock an account, so no limit is kept
 * per account alone for a browser that has signed in to it before (a known device):
 * - per account and address: 5 attempts a minute (someone guessing from one place);
 * - per address: 30 a minute, whatever the accounts (someone trying many);
 * - per account from every address: 100 an hour, only for browsers that have never signed in
 *   to it (someone guessing from many places), so a botnet can stall new devices but not the
 *   owner's own browser;
 * - per known device: 5 a minute (its own counter, shared with nobody).
 */
export const LOGIN_WINDOW_MS = 60_000
export const MAX_ATTEMPTS_PER_CLIENT = 5
export const MAX_ATTEMPTS_PER_IP = 30
export const ACCOUNT_WINDOW_MS = 60 * 60_000
export const MAX_ATTEMPTS_PER_ACCOUNT = 100

export interface Limit {
  key: string
  max: number
  windowMs: number
}

/**
 * The counters a sign-in attempt counts against. `knownDevice` is the id of a device cookie that
 * this account set on an earlier successful sign-in (already checked to be this account's).
 */
export function loginLimits(email: string, ip: string | null, knownDevice: string | null): Limit[] {
  if (knownDevice) return [{ key: `device:${knownDevice}`, max: MAX_ATTEMPTS_PER_CLIENT, windowMs: LOGIN_WINDOW_MS }]
  const address = ip ?? 'unknown'
  return [
    { key: `email-ip:${email}|${address}`, max: MAX_ATTEMPTS_PER_CLIENT, windowMs: LOGIN_WINDOW_MS },
    { key: `ip:${address}`, max: MAX_ATTEMPTS_PER_IP, windowMs: LOGIN_WINDOW_MS },
    { key: `email:${email}`, max: MAX_ATTEMPTS_PER_ACCOUNT, windowMs: ACCOUNT_WINDOW_MS },
  ]
}

export type RateDecision = { limited: false } | { limited: true; retryAfterSeconds: number }

/**
 * `attempts` are the instants (ms) of attempts in the window, including the one being decided.
 * The attempt is refused when it is beyond `max`; it may retry when the oldest one leaves the window.
 */
export function decide(attempts: number[], max: number, now: number, windowMs = LOGIN_WINDOW_MS): RateDecision {
  const inWindow = attempts.filter((t) => t > now - windowMs).sort((a, b) => a - b)
  if (inWindow.length <= max) return { limited: false }
  // refused attempts count too, so the next one passes once all but (max - 1) of these have left the window
  const oldest = inWindow[inWindow.length - max] ?? now
  return { limited: true, retryAfterSeconds: Math.max(1, Math.ceil((oldest + windowMs - now) / 1000)) }
}
