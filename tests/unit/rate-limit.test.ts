import { describe, expect, it } from 'vitest'
import { decide, LOGIN_WINDOW_MS, MAX_ATTEMPTS_PER_EMAIL } from '../../app/auth/rate-limit'

const now = 1_000_000

describe('sign-in rate limit', () => {
  it('allows the 5th attempt in a minute and refuses the 6th', () => {
    const five = [0, 1, 2, 3, 4].map((i) => now - i * 1000)
    expect(decide(five, MAX_ATTEMPTS_PER_EMAIL, now)).toEqual({ limited: false })
    const six = [...five, now - 5000]
    expect(decide(six, MAX_ATTEMPTS_PER_EMAIL, now)).toEqual({ limited: true, retryAfterSeconds: 60 - 4 })
  })

  it('forgets attempts older than the window', () => {
    const old = [1, 2, 3, 4, 5, 6].map((i) => now - LOGIN_WINDOW_MS - i)
    expect(decide([...old, now], MAX_ATTEMPTS_PER_EMAIL, now)).toEqual({ limited: false })
  })

  it('asks to wait at least one second', () => {
    const burst = Array.from({ length: 6 }, () => now - LOGIN_WINDOW_MS + 1)
    expect(decide(burst, MAX_ATTEMPTS_PER_EMAIL, now)).toEqual({ limited: true, retryAfterSeconds: 1 })
  })
})
