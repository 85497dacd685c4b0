/**
 * How an audit row reads, pure: its time in a zone, its detail as a line of text, the message
 * keys of its action, area and record type (the caller's t() falls back to the code itself).
 */
import { INTL_LOCALE, type Language } from '../i18n/languages'

const DETAIL_MAX = 300

function scalar(value: unknown): string {
  if (value === null || value === undefined) return '—'
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return JSON.stringify(value)
}

/**
 * The detail JSON as `key: value, key: value`, nested values as compact JSON, at most `max`
 * characters (300 on the page); text that is not a JSON object is shown as it is.
 */
export function detailSummary(detail: string | null, options: { separator?: string; max?: number } = {}): string {
  const { separator = ', ', max = DETAIL_MAX } = options
  if (!detail) return ''
  let parsed: unknown
  try {
    parsed = JSON.parse(detail)
  } catch {
    parsed = undefined
  }
  const text =
    parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
      ? Object.entries(parsed)
          .map(([key, value]) => `${key}: ${scalar(value)}`)
          .join(separator)
      : detail
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}

const formats = new Map<string, Intl.DateTimeFormat>()
function format(locale: string, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale} ${timeZone} ${JSON.stringify(options)}`
  let found = formats.get(key)
  if (!found) {
    found = new Intl.DateTimeFormat(locale, { ...options, timeZone })
    formats.set(key, found)
  }
  return found
}

/** An instant in a zone to the second, in the reader's language: '2026年12月22日 09:30:05'. */
export function auditTime(iso: string, timeZone: string, lng: Language): string {
  return format(INTL_LOCALE[lng], timeZone, { dateStyle: 'medium', timeStyle: 'medium', hourCycle: 'h23' }).format(
    new Date(iso),
  )
}

/** An instant in a zone as a spreadsheet reads it: '2026-12-22 09:30:05'. */
export function auditTimestamp(iso: string, timeZone: string): string {
  const parts: Record<string, string> = {}
  const options = {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  } as const
  for (const part of format('en-US', timeZone, options).formatToParts(new Date(iso))) parts[part.type] = part.value
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`
}

/** The message keys of a row's words; each falls back to the code when there is no message. */
export const actionKey = (action: string) => `audit.actions.${action}`
export const areaKey = (area: string) => `audit.areas.${area}`
export const entityKey = (entityType: string) => `audit.entities.${entityType}`
