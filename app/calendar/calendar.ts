/**
 * Pure calendar helpers, shared by the public page and the .ics feeds: where the feeds live,
 * where a calendar entry links back to, how a time zone is named, and RFC 5545 line folding.
 */
import { INTL_LOCALE, type Language } from '../i18n/i18n'

/** The .ics feed of a whole event, or of one of its sessions, in a language. */
export function calendarPath(slug: string, lng: Language, sessionId?: string): string {
  const base = `/e/${encodeURIComponent(slug)}`
  const path = sessionId ? `${base}/sessions/${encodeURIComponent(sessionId)}/calendar.ics` : `${base}/calendar.ics`
  return `${path}?lng=${lng}`
}

/** The public page of an event, absolute, from the configured APP_URL (never the request's Host). */
export function publicEventUrl(appUrl: URL, slug: string, lng: Language): string {
  const url = new URL(`/e/${encodeURIComponent(slug)}`, appUrl)
  url.searchParams.set('lng', lng)
  return url.toString()
}

/**
 * A time zone as the reader calls it on a given local day: 'China Standard Time', '中国标准时间',
 * '中国標準時' (style 'long'), or its offset, 'GMT+8' (style 'shortOffset').
 */
export function timeZoneName(
  timeZone: string,
  localDate: string,
  lng: Language,
  style: 'long' | 'shortOffset' = 'long',
): string {
  const parts = zoneFormatter(timeZone, lng, style).formatToParts(new Date(`${localDate}T12:00:00Z`))
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? timeZone
}

// Creating an Intl.DateTimeFormat costs far more than using one: keep one per zone, language and style.
const zoneFormatters = new Map<string, Intl.DateTimeFormat>()
function zoneFormatter(timeZone: string, lng: Language, style: 'long' | 'shortOffset'): Intl.DateTimeFormat {
  const key = `${timeZone}|${lng}|${style}`
  let format = zoneFormatters.get(key)
  if (!format) {
    format = new Intl.DateTimeFormat(INTL_LOCALE[lng], { timeZone, timeZoneName: style })
    zoneFormatters.set(key, format)
  }
  return format
}

/**
 * RFC 5545 wants content lines of at most 75 octets. `ics` folds at 75 characters, which is up to
 * 225 octets of Chinese or Japanese: unfold and refold by octets, never inside a character.
 */
export function foldLines(ics: string): string {
  return ics
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .map(foldLine)
    .join('\r\n')
}

function foldLine(line: string): string {
  const parts: string[] = []
  let current = ''
  let octets = 0
  let limit = 75
  for (const char of line) {
    const size = utf8Length(char.codePointAt(0) ?? 0)
    if (octets + size > limit) {
      parts.push(current)
      current = ''
      octets = 0
      limit = 74 // a continuation line starts with one space
    }
    current += char
    octets += size
  }
  parts.push(current)
  return parts.join('\r\n ')
}

const utf8Length = (codePoint: number) => (codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4)
