/** Sign-in limits: at most 5 attempts per email and 30 per address in any 60 seconds. */
export const LOGIN_WINDOW_MS = 60_000
export const MAX_ATTEMPTS_PER_EMAIL = 5
export const MAX_ATTEMPTS_PER_IP = 30

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
