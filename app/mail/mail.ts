/**
 * Pure rules of the mail system: when to retry a failed delivery, which failures are final, and
 * how a header line is written.
 */

// ── Retries ──────────────────────────────────────────────────────────────────────────────────

/** The first retry comes after about 30 s; each next one waits twice as long ... */
export const RETRY_BASE_MS = 30_000
/** ... up to an hour. */
export const RETRY_MAX_MS = 60 * 60_000
/** Each delay is shortened by up to this fraction at random, so a batch that failed together
 * (the mail server was down) does not come back as one burst. */
export const RETRY_JITTER = 0.2
/** After this many failed attempts a message is given up ('failed'): the nominal schedule then
 * spans about a day (30 s, 1, 2, 4, 8, 16, 32 min, then hourly). */
export const MAX_ATTEMPTS = 31

/** The nominal wait after the `attempts`-th failed attempt (1-based), before jitter. */
export function nominalRetryDelayMs(attempts: number): number {
  const exponent = Math.max(0, Math.min(attempts - 1, 30))
  return Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** exponent)
}

/** The wait after the `attempts`-th failed attempt: nominal, minus up to RETRY_JITTER of it. */
export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
  const r = Math.min(1, Math.max(0, random()))
  return Math.round(nominalRetryDelayMs(attempts) * (1 - RETRY_JITTER * r))
}

export type RetryDecision = { retry: true; at: Date } | { retry: false }

/** After a transient failure: when to try again, or give up once MAX_ATTEMPTS have failed. */
export function nextAttempt(attempts: number, now: Date, random: () => number = Math.random): RetryDecision {
  if (attempts >= MAX_ATTEMPTS) return { retry: false }
  return { retry: true, at: new Date(now.getTime() + retryDelayMs(attempts, random)) }
}

/**
 * What a sending error means:
 * - 'bounced': the server refused the recipient for good (5xx on RCPT TO), or the address is not
 *   one at all. Retrying cannot help, and the invitation is marked bounced.
 * - 'rejected': the server refused the message itself for good (5xx after DATA).
 * - 'transient': anything else (connection refused, timeouts, 4xx, a wrong password, a full
 *   disk) is retried with backoff, so an outage or a configuration fix loses nothing.
 */
export type SendErrorClass = 'transient' | 'bounced' | 'rejected'

export function classifySendError(error: unknown): SendErrorClass {
  if (typeof error !== 'object' || error === null) return 'transient'
  const { code, responseCode } = error as { code?: unknown; responseCode?: unknown }
  const permanent = typeof responseCode === 'number' && responseCode >= 500 && responseCode < 600
  if (code === 'EENVELOPE' && (permanent || responseCode === undefined)) return 'bounced'
  if (code === 'EMESSAGE' && permanent) return 'rejected'
  return 'transient'
}

/** A one-line description of an error for `outbox.last_error` (never a password: SMTP replies and codes only). */
export function describeSendError(error: unknown): string {
  if (typeof error !== 'object' || error === null) return String(error).slice(0, 500)
  const { code, response, message } = error as { code?: unknown; response?: unknown; message?: unknown }
  const parts = [typeof code === 'string' ? code : '', typeof response === 'string' ? response : String(message ?? '')]
  return oneLine(parts.filter(Boolean).join(': ')).slice(0, 500)
}

// ── Writing ──────────────────────────────────────────────────────────────────────────────────

// C0 and C1 controls (NEL, U+0085, breaks lines in some readers) and the Unicode line separators
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g

/** Text safe for a header line: no CR, LF or other control characters (names are user input). */
export function oneLine(text: string): string {
  return text.replace(CONTROL_CHARACTERS, ' ').replace(/\s+/g, ' ').trim()
}
