import { INTL_LOCALE, type Language } from './languages'

// Creating an Intl.DateTimeFormat costs far more than using one (pages format dozens of dates):
// keep one per language and options.
const formats = new Map<string, Intl.DateTimeFormat>()
function dateFormat(lng: Language, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${lng} ${JSON.stringify(options)}`
  let format = formats.get(key)
  if (!format) {
    format = new Intl.DateTimeFormat(INTL_LOCALE[lng], options)
    formats.set(key, format)
  }
  return format
}

/** A local calendar date (YYYY-MM-DD) as a Date at noon UTC, so formatting in UTC never shifts the day. */
function calendarDate(localDate: string): Date {
  const [y, m, d] = localDate.split('-').map(Number)
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1, 12))
}

/** '22–24 December 2026', '2026年12月22日至24日', '2026年12月22日～24日' */
export function formatDateRange(startsOn: string, endsOn: string, lng: Language): string {
  const format = dateFormat(lng, { dateStyle: 'long', timeZone: 'UTC' })
  const start = calendarDate(startsOn)
  const end = calendarDate(endsOn)
  if (startsOn === endsOn) return format.format(start)
  if (lng === 'en') return format.formatRange(start, end)
  // ICU's CJK ranges fall back to 2026/12/22–2026/12/24; write them the way people do.
  const separator = lng === 'zh' ? '至' : '～'
  const sameMonth = startsOn.slice(0, 7) === endsOn.slice(0, 7)
  const tail = sameMonth ? `${end.getUTCDate()}日` : format.format(end)
  return `${format.format(start)}${separator}${tail}`
}

/** An instant shown in the event's time zone, never the server's. */
export function formatDateTime(iso: string, timeZone: string, lng: Language): string {
  return dateFormat(lng, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(iso))
}

/** '09:30': the wall-clock time of an instant in a time zone (24-hour, every language). */
export function formatTime(iso: string, timeZone: string, lng: Language): string {
  return dateFormat(lng, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(new Date(iso))
}

/** The calendar date (YYYY-MM-DD) of an instant in a time zone. */
const isoDateFormats = new Map<string, Intl.DateTimeFormat>()

export function localDateOf(instant: Date, timeZone: string): string {
  let format = isoDateFormats.get(timeZone)
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    isoDateFormats.set(timeZone, format)
  }
  return format.format(instant)
}

/** Adds whole days to a YYYY-MM-DD date. */
export function addDays(localDate: string, days: number): string {
  const date = calendarDate(localDate)
  date.setUTCDate(date.getUTCDate() + days)
  return date.toISOString().slice(0, 10)
}

/** A local calendar date with its weekday: 'Tuesday 22 December 2026', '2026年12月22日星期二'. */
export function formatDay(localDate: string, lng: Language): string {
  return dateFormat(lng, { dateStyle: 'full', timeZone: 'UTC' }).format(calendarDate(localDate))
}
