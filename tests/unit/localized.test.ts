import { describe, expect, it } from 'vitest'
import { addDays, formatDateRange, formatDateTime, localDateOf } from '../../app/i18n/format'
import { pickLocalized } from '../../app/i18n/localized'
import { safeRedirect } from '../../app/validation/safe-redirect'

describe('localized text', () => {
  it('uses the requested language when it has text', () => {
    expect(pickLocalized({ zh: '开幕式', en: 'Opening', ja: '開幕式' }, 'ja')).toEqual({
      text: '開幕式',
      lang: 'ja',
      isFallback: false,
    })
  })
  it('falls back to English, visibly, when the language is empty', () => {
    expect(pickLocalized({ zh: '开幕式', en: 'Opening', ja: ' ' }, 'ja')).toEqual({
      text: 'Opening',
      lang: 'en',
      isFallback: true,
    })
  })
  it('falls back to any language when English is empty too', () => {
    expect(pickLocalized({ zh: '开幕式', en: '', ja: null }, 'ja')).toEqual({
      text: '开幕式',
      lang: 'zh',
      isFallback: true,
    })
  })
})

describe('dates', () => {
  it('formats a local date range in each language without shifting days', () => {
    expect(formatDateRange('2026-12-22', '2026-12-24', 'en')).toMatch(/^22\s*–\s*24 December 2026$/)
    expect(formatDateRange('2026-12-22', '2026-12-24', 'zh')).toBe('2026年12月22日至24日')
    expect(formatDateRange('2026-12-30', '2027-01-01', 'ja')).toBe('2026年12月30日～2027年1月1日')
    expect(formatDateRange('2026-12-22', '2026-12-22', 'ja')).toBe('2026年12月22日')
  })
  it('shows an instant in the event time zone, not the server one', () => {
    expect(formatDateTime('2026-12-22T01:00:00.000Z', 'Asia/Shanghai', 'en')).toContain('09:00')
    expect(formatDateTime('2026-12-22T01:00:00.000Z', 'Europe/Berlin', 'en')).toContain('02:00')
  })
  it('finds the calendar date of an instant in a zone and adds days across month ends', () => {
    expect(localDateOf(new Date('2026-12-31T17:00:00Z'), 'Asia/Shanghai')).toBe('2027-01-01')
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02')
  })
})

describe('redirect targets', () => {
  it('keeps local paths and refuses other hosts', () => {
    expect(safeRedirect('/events?x=1')).toBe('/events?x=1')
    expect(safeRedirect('//evil.example')).toBe('/')
    expect(safeRedirect('https://evil.example')).toBe('/')
    expect(safeRedirect('/\\evil.example')).toBe('/')
    expect(safeRedirect(null, '/events')).toBe('/events')
  })
})
