/**
 * Wall-clock time in an IANA time zone <-> UTC instants, with Intl only (no tz database of our
 * own). Times are stored in UTC and entered and shown in the event's time zone.
 */

const validZones = new Set<string>()

/** Whether Intl knows the zone. Known zones are remembered: building a formatter is slow. */
export function isValidTimeZone(timeZone: string): boolean {
  if (validZones.has(timeZone)) return true
  try {
    new Intl.DateTimeFormat('en-US', { timeZone }).format(0)
  } catch {
    return false
  }
  validZones.add(timeZone)
  return true
}

const partsFormatters = new Map<string, Intl.DateTimeFormat>()
function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let format = partsFormatters.get(timeZone)
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
    partsFormatters.set(timeZone, format)
  }
  return format
}

export interface ZonedParts {
  /** YYYY-MM-DD */
  date: string
  /** HH:MM */
  time: string
}

function wallClockMs(utcMs: number, timeZone: string): number {
  const p: Record<string, string> = {}
  for (const part of partsFormatter(timeZone).formatToParts(new Date(utcMs))) p[part.type] = part.value
  return Date.UTC(
    Number(p.year),
    Number(p.month) - 1,
    Number(p.day),
    Number(p.hour),
    Number(p.minute),
    Number(p.second),
  )
}

/** The offset of a zone from UTC at an instant, in ms (Asia/Shanghai: +8 h). */
export function offsetMs(utcMs: number, timeZone: string): number {
  return wallClockMs(utcMs, timeZone) - Math.floor(utcMs / 1000) * 1000
}

export function utcToZoned(iso: string, timeZone: string): ZonedParts {
  const wall = new Date(wallClockMs(Date.parse(iso), timeZone)).toISOString()
  return { date: wall.slice(0, 10), time: wall.slice(11, 16) }
}

export type ZonedToUtc = { ok: true; iso: string } | { ok: false; reason: 'invalid' | 'nonexistent_time' }

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/

/**
 * The instant at which the wall clock in `timeZone` shows `date` `time`. A time skipped by a DST
 * change does not exist and is refused; a time that occurs twice resolves to the earlier one.
 */
export function zonedToUtc(date: string, time: string, timeZone: string): ZonedToUtc {
  const d = DATE.exec(date)
  const t = TIME.exec(time)
  if (!d || !t || !isValidTimeZone(timeZone)) return { ok: false, reason: 'invalid' }
  const asUtc = Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]), Number(t[1]), Number(t[2]))
  if (new Date(asUtc).toISOString().slice(0, 10) !== date) return { ok: false, reason: 'invalid' }
  const day = 24 * 60 * 60 * 1000
  const candidates = [...new Set([-day, 0, day].map((shift) => asUtc - offsetMs(asUtc + shift, timeZone)))]
    .filter((ms) => wallClockMs(ms, timeZone) === asUtc)
    .sort((a, b) => a - b)
  const first = candidates[0]
  return first === undefined
    ? { ok: false, reason: 'nonexistent_time' }
    : { ok: true, iso: new Date(first).toISOString() }
}

/** The zone a new event starts in, and the bureau's own (audit times, accounts): China Standard Time. */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai'
