/** The in-memory limiter of failed attempts (the device API's guard against token guessing). */
import { describe, expect, it } from 'vitest'
import { createMissLimiter } from '../../app/auth/miss-limiter'

describe('miss limiter', () => {
  it('answers until max misses in the window, then refuses everything from that key until they age out', () => {
    const limiter = createMissLimiter(3, 60_000)
    for (let i = 0; i < 3; i++) {
      expect(limiter.check('a', i).limited).toBe(false)
      limiter.miss('a', i)
    }
    const refused = limiter.check('a', 10)
    expect(refused.limited).toBe(true)
    if (refused.limited) expect(refused.retryAfterSeconds).toBeGreaterThan(0)
    expect(limiter.check('b', 10).limited).toBe(false)
    expect(limiter.check('a', 60_001).limited).toBe(false)
  })
  it('keeps memory bounded under a spray of addresses', () => {
    const limiter = createMissLimiter(1, 60_000)
    for (let i = 0; i < 20_000; i++) limiter.miss(`ip-${i}`, 0)
    // The first addresses were forgotten; the latest are still limited.
    expect(limiter.check('ip-0', 1).limited).toBe(false)
    expect(limiter.check('ip-19999', 1).limited).toBe(true)
  })
})
