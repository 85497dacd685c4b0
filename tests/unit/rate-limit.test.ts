import { describe, expect, it } from 'vitest'
import {
  ACCOUNT_WINDOW_MS,
  decide,
  LOGIN_WINDOW_MS,
  loginLimits,
  MAX_ATTEMPTS_PER_ACCOUNT,
  MAX_ATTEMPTS_PER_CLIENT,
  MAX_ATTEMPTS_PER_IP,
} from '../../app/auth/rate-limit'

const now = 1_000_000

describe('sign-in rate limit', () => {
  it('allows the 5th attempt in a minute and refuses the 6th', () => {
    const five = [0, 1, 2, 3, 4].map((i) => now - i * 1000)
    expect(decide(five, MAX_ATTEMPTS_PER_CLIENT, now)).toEqual({ limited: false })
    const six = [...five, now - 5000]
    expect(decide(six, MAX_ATTEMPTS_PER_CLIENT, now)).toEqual({ limited: true, retryAfterSeconds: 60 - 4 })
  })

  it('forgets attempts older than the window', () => {
    const old = [1, 2, 3, 4, 5, 6].map((i) => now - LOGIN_WINDOW_MS - i)
    expect(decide([...old, now], MAX_ATTEMPTS_PER_CLIENT, now)).toEqual({ limited: false })
  })

  it('asks to wait at least one second', () => {
    const burst = Array.from({ length: 6 }, () => now - LOGIN_WINDOW_MS + 1)
    expect(decide(burst, MAX_ATTEMPTS_PER_CLIENT, now)).toEqual({ limited: true, retryAfterSeconds: 1 })
  })
})

describe('sign-in counters (loginLimits)', () => {
  it('counts a stranger per account and address, per address, and per account from anywhere', () => {
    expect(loginLimits('a@example.org', '203.0.113.7', null)).toEqual([
      { key: 'email-ip:a@example.org|203.0.113.7', max: MAX_ATTEMPTS_PER_CLIENT, windowMs: LOGIN_WINDOW_MS },
      { key: 'ip:203.0.113.7', max: MAX_ATTEMPTS_PER_IP, windowMs: LOGIN_WINDOW_MS },
      { key: 'email:a@example.org', max: MAX_ATTEMPTS_PER_ACCOUNT, windowMs: ACCOUNT_WINDOW_MS },
    ])
  })
  it('counts a known device on its own counter only, so nobody else’s guesses reach it', () => {
    expect(loginLimits('a@example.org', '203.0.113.7', 'dev1')).toEqual([
      { key: 'device:dev1', max: MAX_ATTEMPTS_PER_CLIENT, windowMs: LOGIN_WINDOW_MS },
    ])
  })
})
