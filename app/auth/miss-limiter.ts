/**
 * Failed attempts per key (an address) kept in this process's memory, for hot paths where a
 * database write per request would cost too much (the device API): once a key has failed more
 * than `max` times in the window, every request from it is refused until the window lets it go,
 * so a guess that happens to be right is refused too. Pure apart from its own map.
 */
import { decide, type RateDecision } from './rate-limit'

export interface MissLimiter {
  /** Whether `key` may be answered now (with the seconds to wait when it may not). */
  check(key: string, now: number): RateDecision
  /** Records a failed attempt by `key`. */
  miss(key: string, now: number): void
}

/** More keys than this and the stalest are forgotten: memory stays bounded under a spray of addresses. */
const MAX_KEYS = 10_000

export function createMissLimiter(max: number, windowMs: number): MissLimiter {
  const misses = new Map<string, number[]>()
  return {
    check(key, now) {
      const list = misses.get(key)
      if (!list) return { limited: false }
      const recent = list.filter((t) => t > now - windowMs)
      if (recent.length === 0) {
        misses.delete(key)
        return { limited: false }
      }
      // Decided as if this request were one more miss: allowed while at most `max` have failed.
      return recent.length < max ? { limited: false } : decide([...recent, now], max, now, windowMs)
    },
    miss(key, now) {
      const recent = (misses.get(key) ?? []).filter((t) => t > now - windowMs)
      recent.push(now)
      misses.delete(key)
      misses.set(key, recent)
      if (misses.size > MAX_KEYS) {
        const oldest = misses.keys().next().value
        if (oldest !== undefined) misses.delete(oldest)
      }
    },
  }
}
