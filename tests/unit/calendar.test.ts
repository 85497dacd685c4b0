import { describe, expect, it } from 'vitest'
import { calendarPath, foldLines, publicEventUrl, timeZoneName } from '../../app/calendar/calendar'

describe('foldLines', () => {
  it('folds long lines at 75 octets without splitting a character, and unfolds back to the same text', () => {
    const summary = `SUMMARY:${'2024日中水素エネルギー産業協力交流会'.repeat(4)}😀 end`
    const ics = `BEGIN:VEVENT\r\n${summary}\r\nEND:VEVENT\r\n`
    const folded = foldLines(ics)
    const lines = folded.split('\r\n')
    for (const line of lines) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75)
    expect(lines.filter((line) => line.startsWith(' ')).length).toBeGreaterThan(1)
    expect(folded).not.toContain('\uFFFD')
    expect(folded.replace(/\r\n /g, '')).toBe(ics)
  })

  it('refolds lines that were folded by characters (as the ics package does)', () => {
    const long = `DESCRIPTION:${'煙台'.repeat(60)}`
    const byCharacters = `${long.slice(0, 75)}\r\n\t${long.slice(75)}\r\n`
    const folded = foldLines(byCharacters)
    for (const line of folded.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75)
    expect(folded.replace(/\r\n /g, '')).toBe(`${long}\r\n`)
  })

  it('leaves short lines alone', () => {
    expect(foldLines('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')
  })
})

describe('calendar addresses', () => {
  it('links feeds relative to the site and the public page absolute to APP_URL', () => {
    expect(calendarPath('yantai-2025', 'ja')).toBe('/e/yantai-2025/calendar.ics?lng=ja')
    expect(calendarPath('yantai-2025', 'zh', 'abc')).toBe('/e/yantai-2025/sessions/abc/calendar.ics?lng=zh')
    expect(publicEventUrl(new URL('https://events.example.org/ignored/path'), 'yantai-2025', 'en')).toBe(
      'https://events.example.org/e/yantai-2025?lng=en',
    )
  })
})

describe('timeZoneName', () => {
  it("names the event's zone in the reader's language, and its offset on that day", () => {
    expect(timeZoneName('Asia/Shanghai', '2026-12-22', 'en')).toBe('China Standard Time')
    expect(timeZoneName('Asia/Shanghai', '2026-12-22', 'zh')).toBe('中国标准时间')
    expect(timeZoneName('Asia/Shanghai', '2026-12-22', 'ja')).toBe('中国標準時')
    expect(timeZoneName('Asia/Shanghai', '2026-12-22', 'en', 'shortOffset')).toBe('GMT+8')
    expect(timeZoneName('Europe/Berlin', '2026-07-01', 'en', 'shortOffset')).toBe('GMT+2')
    expect(timeZoneName('Europe/Berlin', '2026-12-01', 'en', 'shortOffset')).toBe('GMT+1')
  })
})
