import { describe, expect, it } from 'vitest'
import { isValidTimeZone, utcToZoned, zonedToUtc } from '../../app/time/zoned'

describe('zoned time', () => {
  it('converts Shanghai wall-clock time to UTC and back', () => {
    expect(zonedToUtc('2026-12-22', '09:00', 'Asia/Shanghai')).toEqual({ ok: true, iso: '2026-12-22T01:00:00.000Z' })
    expect(utcToZoned('2026-12-22T01:00:00.000Z', 'Asia/Shanghai')).toEqual({ date: '2026-12-22', time: '09:00' })
  })

  it('follows daylight saving time in Berlin', () => {
    expect(zonedToUtc('2027-03-27', '09:00', 'Europe/Berlin')).toEqual({ ok: true, iso: '2027-03-27T08:00:00.000Z' })
    expect(zonedToUtc('2027-03-29', '09:00', 'Europe/Berlin')).toEqual({ ok: true, iso: '2027-03-29T07:00:00.000Z' })
  })

  it('refuses a time skipped by the spring change, and takes the earlier of a doubled one', () => {
    expect(zonedToUtc('2027-03-28', '02:30', 'Europe/Berlin')).toEqual({ ok: false, reason: 'nonexistent_time' })
    expect(zonedToUtc('2027-10-31', '02:30', 'Europe/Berlin')).toEqual({ ok: true, iso: '2027-10-31T00:30:00.000Z' })
  })

  it('crosses midnight into the right local date', () => {
    expect(utcToZoned('2026-12-31T17:30:00.000Z', 'Asia/Tokyo')).toEqual({ date: '2027-01-01', time: '02:30' })
  })

  it('refuses impossible dates, bad times and unknown zones', () => {
    expect(zonedToUtc('2026-02-30', '09:00', 'Asia/Shanghai')).toEqual({ ok: false, reason: 'invalid' })
    expect(zonedToUtc('2026-02-10', '24:00', 'Asia/Shanghai')).toEqual({ ok: false, reason: 'invalid' })
    expect(zonedToUtc('2026-02-10', '09:00', 'Mars/Olympus')).toEqual({ ok: false, reason: 'invalid' })
    expect(isValidTimeZone('Asia/Shanghai')).toBe(true)
    expect(isValidTimeZone('Nowhere')).toBe(false)
  })
})
