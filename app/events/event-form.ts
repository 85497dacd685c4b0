/**
 * The event form's rules, pure: fields in, a normalized event (UTC instants) or field errors
 * (message keys) out. Uniqueness and references are checked by events.server.ts.
 */
import { z } from 'zod'
import type { HostRole, RegistrationMode } from '../../db/schema'
import { DEFAULT_SCAN_OPENS_MINUTES, MAX_SCAN_OPENS_MINUTES } from '../checkin/rules'
import { LANGUAGES, type Language } from '../i18n/i18n'
import { localizedRule, readTriple } from '../i18n/localized'
import { LIMITS } from '../i18n/text-limits'
import { DEFAULT_TIME_ZONE, isValidTimeZone, zonedToUtc } from '../time/zoned'
import { type EchoLimits, type FieldErrors, type FormResult, fieldErrors } from '../validation/field-errors'

export const REGISTRATION_MODES = ['invite_only', 'open', 'approval'] as const satisfies readonly RegistrationMode[]
export const HOST_ROLES = ['host', 'organizer', 'co_organizer'] as const satisfies readonly HostRole[]
export const HOST_ROWS = 10
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

const text = (max: number) => z.string().trim().max(max, 'validation.tooLong').default('')
const localDate = z
  .string()
  .trim()
  .min(1, 'validation.required')
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'validation.date')
const localDateTime = z
  .string()
  .trim()
  .regex(/^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})$/, 'validation.dateTime')
  .or(z.literal(''))
  .default('')

const eventSchema = z.object({
  slug: z
    .string()
    .trim()
    .min(1, 'validation.required')
    .max(LIMITS.slug, 'validation.tooLong')
    .regex(SLUG_PATTERN, 'validation.slug'),
  ...localizedRule('title', text(LIMITS.title)),
  ...localizedRule('description', text(LIMITS.description)),
  ...localizedRule('venue', text(LIMITS.short)),
  ...localizedRule('address', text(LIMITS.address)),
  timezone: z.string().trim().refine(isValidTimeZone, 'validation.timezone'),
  starts_on: localDate,
  ends_on: localDate,
  registration_mode: z.enum(REGISTRATION_MODES, 'validation.choice'),
  registration_opens_at: localDateTime,
  registration_closes_at: localDateTime,
  languages: z.array(z.enum(LANGUAGES, 'validation.choice')).min(1, 'validation.languages'),
  // Minutes before each session that its door takes scans (the door check-in's window).
  scan_opens_minutes: z
    .string()
    .trim()
    .default(String(DEFAULT_SCAN_OPENS_MINUTES))
    .transform((value) => (value === '' ? String(DEFAULT_SCAN_OPENS_MINUTES) : value))
    .pipe(
      z
        .string()
        .regex(/^\d{1,4}$/, 'validation.scanOpensMinutes')
        .transform(Number)
        .pipe(z.number().max(MAX_SCAN_OPENS_MINUTES, 'validation.scanOpensMinutes')),
    ),
  // Who delegates contact, and how the event's mails are sent (issue 19); each may be empty.
  contact_name: text(LIMITS.short),
  contact_phone: text(40).refine((v) => v === '' || /^[+\d][\d\s()-]{3,39}$/.test(v), 'validation.phone'),
  contact_email: text(LIMITS.short).refine((v) => v === '' || EMAIL.test(v), 'validation.email'),
  contact_wechat: text(20).refine((v) => v === '' || WECHAT_ID.test(v), 'validation.wechat'),
  sender_name: text(LIMITS.short).refine((v) => !/[\r\n<>"]/.test(v), 'validation.senderName'),
  reply_to: text(LIMITS.short).refine((v) => v === '' || EMAIL.test(v), 'validation.email'),
})

/** An address a mail may go to, as the registration form checks it. */
const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/
/** A WeChat ID as WeChat allows it: 6–20 letters, digits, - and _, starting with a letter. */
const WECHAT_ID = /^[a-zA-Z][-_a-zA-Z0-9]{5,19}$/

/** What the event form shows again of a refused submission: each field at most its own length. */
export const EVENT_ECHO: EchoLimits = {
  slug: LIMITS.slug,
  ...Object.fromEntries(
    LANGUAGES.flatMap((lng) => [
      [`title_${lng}`, LIMITS.title],
      [`description_${lng}`, LIMITS.description],
      [`venue_${lng}`, LIMITS.short],
      [`address_${lng}`, LIMITS.address],
    ]),
  ),
  timezone: 64,
  starts_on: 10,
  ends_on: 10,
  registration_mode: Math.max(...REGISTRATION_MODES.map((m) => m.length)),
  registration_opens_at: 16,
  registration_closes_at: 16,
  scan_opens_minutes: 4,
  contact_name: LIMITS.short,
  contact_phone: 40,
  contact_email: LIMITS.short,
  contact_wechat: 20,
  sender_name: LIMITS.short,
  reply_to: LIMITS.short,
  languages: { items: LANGUAGES.length, length: 2 },
  ...Object.fromEntries(
    Array.from({ length: HOST_ROWS }, (_, i) => [
      [`host_org_${i}`, 64],
      [`host_role_${i}`, Math.max(...HOST_ROLES.map((r) => r.length))],
    ]).flat(),
  ),
}

export interface EventHostInput {
  organizationId: string
  role: HostRole
}

export interface EventInput {
  slug: string
  title: Record<Language, string>
  description: Record<Language, string>
  venue: Record<Language, string>
  address: Record<Language, string>
  timezone: string
  startsOn: string
  endsOn: string
  registrationMode: RegistrationMode
  registrationOpensAt: string | null
  registrationClosesAt: string | null
  languages: Language[]
  /** the doors take scans from this many minutes before each session starts */
  scanOpensMinutes: number
  /** who delegates contact, and the sender name and Reply-To of the event's mails ('' when not given) */
  contact: EventContact
  hosts: EventHostInput[]
}

export interface EventContact {
  name: string
  phone: string
  email: string
  wechat: string
  senderName: string
  replyTo: string
}

/** Reads host rows host_org_N / host_role_N; an empty organization means an unused row. */
function parseHosts(raw: Record<string, string | string[]>, errors: FieldErrors): EventHostInput[] {
  const hosts: EventHostInput[] = []
  const seen = new Set<string>()
  for (let i = 0; i < HOST_ROWS; i++) {
    const organizationId = String(raw[`host_org_${i}`] ?? '').trim()
    if (!organizationId) continue
    const role = String(raw[`host_role_${i}`] ?? '')
    if (!(HOST_ROLES as readonly string[]).includes(role)) {
      errors[`host_role_${i}`] = { key: 'validation.choice' }
      continue
    }
    const key = `${organizationId}:${role}`
    if (seen.has(key)) {
      errors[`host_org_${i}`] = { key: 'validation.duplicateHost' }
      continue
    }
    seen.add(key)
    hosts.push({ organizationId, role: role as HostRole })
  }
  return hosts
}

export function parseEventForm(raw: Record<string, string | string[]>): FormResult<EventInput> {
  const parsed = eventSchema.safeParse({ ...raw, timezone: raw.timezone || DEFAULT_TIME_ZONE })
  const errors: FieldErrors = parsed.success ? {} : fieldErrors(parsed.error)
  const hosts = parseHosts(raw, errors)
  if (!parsed.success) return { ok: false, errors }
  const v = parsed.data
  const title = readTriple(v, 'title')
  if (!LANGUAGES.some((lng) => title[lng])) errors.title_zh = { key: 'validation.titleRequired' }
  if (zonedToUtc(v.starts_on, '00:00', v.timezone).ok === false) errors.starts_on = { key: 'validation.date' }
  if (zonedToUtc(v.ends_on, '00:00', v.timezone).ok === false) errors.ends_on = { key: 'validation.date' }
  else if (v.ends_on < v.starts_on) errors.ends_on = { key: 'validation.endBeforeStart' }

  const instant = (field: 'registration_opens_at' | 'registration_closes_at'): string | null => {
    const value = v[field]
    if (!value) return null
    const [date = '', time = ''] = value.split('T')
    const result = zonedToUtc(date, time, v.timezone)
    if (!result.ok) {
      errors[field] = {
        key: result.reason === 'nonexistent_time' ? 'validation.nonexistentTime' : 'validation.dateTime',
      }
      return null
    }
    return result.iso
  }
  const opensAt = instant('registration_opens_at')
  const closesAt = instant('registration_closes_at')
  if (opensAt && closesAt && closesAt <= opensAt)
    errors.registration_closes_at = { key: 'validation.closesBeforeOpens' }

  if (Object.keys(errors).length > 0) return { ok: false, errors }
  return {
    ok: true,
    value: {
      slug: v.slug,
      title,
      description: readTriple(v, 'description'),
      venue: readTriple(v, 'venue'),
      address: readTriple(v, 'address'),
      timezone: v.timezone,
      startsOn: v.starts_on,
      endsOn: v.ends_on,
      registrationMode: v.registration_mode,
      registrationOpensAt: opensAt,
      registrationClosesAt: closesAt,
      languages: LANGUAGES.filter((lng) => v.languages.includes(lng)),
      scanOpensMinutes: v.scan_opens_minutes,
      contact: {
        name: v.contact_name,
        phone: v.contact_phone,
        email: v.contact_email,
        wechat: v.contact_wechat,
        senderName: v.sender_name,
        replyTo: v.reply_to,
      },
      hosts,
    },
  }
}
