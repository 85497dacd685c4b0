/**
 * The audit log's filters as its GET form sends them, pure. Errors are message keys per field,
 * so the page can say in the reader's language which field is at fault.
 *
 * - actor: an email (matched exactly after trimming and lower-casing, as accounts are stored)
 *   or, without an @, a user id.
 * - action: an exact code such as `user.create`, or a prefix ending in a dot such as `user.`,
 *   which takes every action of that area (`segment.` includes `segment.party.add`).
 * - event: an event's slug (which rows belong to an event is audit-log.server.ts's business).
 * - from / to: calendar days YYYY-MM-DD, both included, in the page's time zone (see
 *   audit-log.server.ts). `to` before `from` is refused on `to`.
 * - before: the paging cursor of the "older" link; one that is not ours is ignored (first page).
 */
import { z } from 'zod'
import { isCalendarDate } from '../time/calendar-date'
import { normalizeEmail } from '../validation/email'
import { type FieldErrors, fieldErrors } from '../validation/field-errors'

export const AUDIT_FILTER_FIELDS = ['actor', 'action', 'event', 'from', 'to'] as const
export type AuditFilterField = (typeof AUDIT_FILTER_FIELDS)[number]

export interface AuditFilter {
  /** '' for anyone; a normalized email or a user id */
  actor: string
  /** '' for any; an exact code, or a prefix ending in '.' */
  action: string
  /** '' for every event; an event slug */
  event: string
  /** YYYY-MM-DD or null */
  from: string | null
  to: string | null
}

/** A position in the list, newest first: rows strictly older than this one. */
export interface AuditCursor {
  createdAt: string
  id: string
}

export type AuditFilterResult =
  | { ok: true; filter: AuditFilter; before: AuditCursor | null }
  | { ok: false; errors: FieldErrors; values: Record<AuditFilterField, string> }

/** Action codes and prefixes as audit() writes them: lower-case words joined by dots. */
const ACTION = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*\.?$/
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/
const CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)~([A-Za-z0-9-]{1,64})$/

const text = (max: number) => z.string().normalize('NFKC').trim().max(max, 'validation.tooLong').default('')

const date = z
  .string()
  .normalize('NFKC')
  .trim()
  .default('')
  .refine((v) => v === '' || isCalendarDate(v), 'validation.date')
  .transform((v) => (v === '' ? null : v))

const schema = z.object({
  actor: text(254).transform((v) => (v.includes('@') ? normalizeEmail(v) : v)),
  action: text(80).refine((v) => v === '' || ACTION.test(v), 'validation.choice'),
  event: text(80)
    .transform((v) => v.toLowerCase())
    .refine((v) => v === '' || SLUG.test(v), 'validation.slug'),
  from: date,
  to: date,
})

export function parseAuditFilter(params: URLSearchParams): AuditFilterResult {
  const value = (name: AuditFilterField) => params.get(name) ?? ''
  const raw = {
    actor: value('actor'),
    action: value('action'),
    event: value('event'),
    from: value('from'),
    to: value('to'),
  }
  const parsed = schema.safeParse(raw)
  const errors: FieldErrors = parsed.success ? {} : fieldErrors(parsed.error)
  if (parsed.success && parsed.data.from && parsed.data.to && parsed.data.to < parsed.data.from) {
    errors.to = { key: 'audit.errors.toBeforeFrom' }
  }
  if (!parsed.success || Object.keys(errors).length > 0) {
    // Echo what was sent, cut to the field's limit, so the form shows it next to its error.
    const echo = (name: AuditFilterField) => raw[name].slice(0, 254)
    const values = {
      actor: echo('actor'),
      action: echo('action'),
      event: echo('event'),
      from: echo('from'),
      to: echo('to'),
    }
    return { ok: false, errors, values }
  }
  return { ok: true, filter: parsed.data, before: parseCursor(params.get('before') ?? '') }
}

export function parseCursor(value: string): AuditCursor | null {
  const match = CURSOR.exec(value)
  if (!match?.[1] || !match[2] || Number.isNaN(Date.parse(match[1]))) return null
  return { createdAt: match[1], id: match[2] }
}

export function cursorParam(cursor: AuditCursor): string {
  return `${cursor.createdAt}~${cursor.id}`
}

/** The filters that are set, as a query string (the export and the "older" link keep them). */
export function auditQueryString(filter: AuditFilter, before?: AuditCursor | null): string {
  const params = new URLSearchParams()
  for (const name of AUDIT_FILTER_FIELDS) {
    const value = filter[name]
    if (value) params.set(name, value)
  }
  if (before) params.set('before', cursorParam(before))
  return params.toString()
}

/** The area of an action code, `user` for `user.create`: the dropdown groups by it. */
export function actionArea(action: string): string {
  return action.split('.')[0] ?? action
}
