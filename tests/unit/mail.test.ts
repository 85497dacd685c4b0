import { describe, expect, it } from 'vitest'
import {
  classifySendError,
  MAX_ATTEMPTS,
  nextAttempt,
  nominalRetryDelayMs,
  oneLine,
  RETRY_MAX_MS,
  retryDelayMs,
} from '../../app/mail/mail'
import { groupTicketCode, isEventReminderDue } from '../../app/registration/mail-rules'

const SECOND = 1000
const MINUTE = 60 * SECOND
const HOUR = 60 * MINUTE

describe('retry backoff', () => {
  it('doubles from 30 s and stops growing at one hour', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map(nominalRetryDelayMs)).toEqual([
      30 * SECOND,
      1 * MINUTE,
      2 * MINUTE,
      4 * MINUTE,
      8 * MINUTE,
      16 * MINUTE,
      32 * MINUTE,
    ])
    expect(nominalRetryDelayMs(8)).toBe(HOUR)
    expect(nominalRetryDelayMs(30)).toBe(HOUR)
    expect(nominalRetryDelayMs(1000)).toBe(HOUR)
  })

  it('shortens each delay by at most a fifth at random, never beyond the cap', () => {
    expect(retryDelayMs(1, () => 0)).toBe(30 * SECOND)
    expect(retryDelayMs(1, () => 1)).toBe(24 * SECOND)
    expect(retryDelayMs(3, () => 0.5)).toBe(108 * SECOND)
    for (const r of [0, 0.3, 0.999, 1]) {
      for (let n = 1; n <= 40; n++) {
        const delay = retryDelayMs(n, () => r)
        expect(delay).toBeLessThanOrEqual(Math.min(RETRY_MAX_MS, nominalRetryDelayMs(n)))
        expect(delay).toBeGreaterThanOrEqual(nominalRetryDelayMs(n) * 0.8)
      }
    }
  })

  it('spreads a batch that failed together', () => {
    const values = [0.1, 0.4, 0.7, 0.95].map((r) => retryDelayMs(2, () => r))
    expect(new Set(values).size).toBe(values.length)
  })

  it('keeps retrying for about a day, then gives up', () => {
    let total = 0
    for (let n = 1; n < MAX_ATTEMPTS; n++) total += nominalRetryDelayMs(n)
    expect(total).toBeGreaterThan(23 * HOUR)
    expect(total).toBeLessThan(25 * HOUR)

    const now = new Date('2026-12-01T00:00:00.000Z')
    const first = nextAttempt(1, now, () => 0)
    expect(first).toEqual({ retry: true, at: new Date(now.getTime() + 30 * SECOND) })
    expect(nextAttempt(MAX_ATTEMPTS - 1, now, () => 0)).toEqual({ retry: true, at: new Date(now.getTime() + HOUR) })
    expect(nextAttempt(MAX_ATTEMPTS, now)).toEqual({ retry: false })
  })
})

describe('send errors', () => {
  it('bounces a recipient the server refuses for good (5xx on RCPT TO), or an address that is none', () => {
    expect(classifySendError({ code: 'EENVELOPE', responseCode: 550, response: '550 5.1.1 No such user' })).toBe(
      'bounced',
    )
    expect(classifySendError({ code: 'EENVELOPE', message: 'No recipients defined' })).toBe('bounced')
  })

  it('fails a message the server refuses for good after DATA', () => {
    expect(classifySendError({ code: 'EMESSAGE', responseCode: 554 })).toBe('rejected')
  })

  it('retries everything else: connection refused, timeouts, 4xx, a wrong password, unknown errors', () => {
    expect(classifySendError({ code: 'ESOCKET', message: 'connect ECONNREFUSED 127.0.0.1:2525' })).toBe('transient')
    expect(classifySendError({ code: 'ECONNECTION' })).toBe('transient')
    expect(classifySendError({ code: 'ETIMEDOUT' })).toBe('transient')
    expect(classifySendError({ code: 'EENVELOPE', responseCode: 451 })).toBe('transient')
    expect(classifySendError({ code: 'EMESSAGE', responseCode: 452 })).toBe('transient')
    expect(classifySendError({ code: 'EAUTH', responseCode: 535 })).toBe('transient')
    expect(classifySendError(new Error('ENOSPC: no space left on device'))).toBe('transient')
    expect(classifySendError('weird')).toBe('transient')
  })
})

describe('the day-before reminder', () => {
  const shanghai = { startsOn: '2026-12-22', timezone: 'Asia/Shanghai' }

  it('is due from 09:00 to midnight on the day before, on the event’s wall clock', () => {
    // 09:00 in Shanghai on the 21st is 01:00 UTC.
    expect(isEventReminderDue(shanghai, new Date('2026-12-21T00:59:59Z'))).toBe(false)
    expect(isEventReminderDue(shanghai, new Date('2026-12-21T01:00:00Z'))).toBe(true)
    expect(isEventReminderDue(shanghai, new Date('2026-12-21T15:59:59Z'))).toBe(true)
    // Midnight in Shanghai: the event's first day. "Tomorrow" would be wrong now.
    expect(isEventReminderDue(shanghai, new Date('2026-12-21T16:00:00Z'))).toBe(false)
  })

  it('is not due days before, nor during or after the event', () => {
    expect(isEventReminderDue(shanghai, new Date('2026-12-20T06:00:00Z'))).toBe(false)
    expect(isEventReminderDue(shanghai, new Date('2026-12-22T06:00:00Z'))).toBe(false)
    expect(isEventReminderDue(shanghai, new Date('2026-12-25T06:00:00Z'))).toBe(false)
  })

  it('follows the event’s zone, not UTC’s date', () => {
    const honolulu = { startsOn: '2026-12-22', timezone: 'Pacific/Honolulu' }
    // 10:00 on the 21st in Honolulu is 20:00 UTC: due there, while UTC's date is also the 21st.
    expect(isEventReminderDue(honolulu, new Date('2026-12-21T20:00:00Z'))).toBe(true)
    // 23:00 on the 21st in Honolulu is already the 22nd in UTC.
    expect(isEventReminderDue(honolulu, new Date('2026-12-22T09:00:00Z'))).toBe(true)
    const auckland = { startsOn: '2026-12-22', timezone: 'Pacific/Auckland' }
    // 09:30 on the 21st in Auckland (summer, UTC+13) is 20:30 UTC on the 20th.
    expect(isEventReminderDue(auckland, new Date('2026-12-20T20:30:00Z'))).toBe(true)
  })

  it('uses the local day across a DST change', () => {
    // Berlin moves to summer time on 29 March 2026; an event on the 30th: 09:00 CEST is 07:00 UTC.
    const berlin = { startsOn: '2026-03-30', timezone: 'Europe/Berlin' }
    expect(isEventReminderDue(berlin, new Date('2026-03-29T06:59:00Z'))).toBe(false)
    expect(isEventReminderDue(berlin, new Date('2026-03-29T07:00:00Z'))).toBe(true)
  })
})

describe('writing', () => {
  it('groups a ticket code by four', () => {
    expect(groupTicketCode('K7QM3XPA9RTE2WHN6BVC4JDFSG')).toBe('K7QM 3XPA 9RTE 2WHN 6BVC 4JDF SG')
  })

  it('keeps a header on one line whatever a name holds', () => {
    expect(oneLine('Invitation: Bad\r\nBcc: victim@example.org')).toBe('Invitation: Bad Bcc: victim@example.org')
    expect(oneLine('a\u2028b\tc\u0000d')).toBe('a b c d')
  })
})
