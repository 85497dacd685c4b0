/**
 * The session form's rules, pure: times are entered in the event's time zone and come out as
 * UTC instants; the session must lie within the event's dates; a site visit needs a meeting time.
 */
import { z } from 'zod'
import type { SessionKind } from '../../db/schema'
import { LANGUAGES, type Language } from '../i18n/i18n'
import { localizedRule, readTriple } from '../i18n/localized'
import { LIMITS } from '../i18n/text-limits'
import { zonedToUtc } from '../time/zoned'
import { type FieldErrors, type FormResult, fieldErrors } from '../validation/field-errors'
import { visitCapacity } from './capacity'

export const SESSION_KINDS = [
  'ceremony',
  'forum',
  'seminar',
  'site_visit',
  'banquet',
  'other',
] as const satisfies readonly SessionKind[]
/** Simultaneous interpretation between two languages. */
export const INTERPRETATION_PAIRS = ['zh-ja', 'zh-en', 'en-ja'] as const
export type InterpretationPair = (typeof INTERPRETATION_PAIRS)[number]
/** Industry chains suggested in the form; any short tag is accepted. */
export const KNOWN_CHAINS = ['hydrogen', 'biomedicine', 'regenerative-medicine', 'green-low-carbon'] as const
export const BUS_ROWS = 6
export const MAX_CAPACITY = 100_000

const text = (max: number) => z.string().trim().max(max, 'validation.tooLong').default('')
const time = z
  .string()
  .trim()
  .min(1, 'validation.required')
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'validation.time')

/** An industry-chain tag, e.g. hydrogen: lowercase letters, digits and single hyphens; '' for none. */
export const chainTag = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^([a-z0-9]+(-[a-z0-9]+)*)?$/, 'validation.chain')
  .max(40, 'validation.tooLong')
  .default('')

const sessionSchema = z.object({
  kind: z.enum(SESSION_KINDS, 'validation.choice'),
  ...localizedRule('title', text(LIMITS.title)),
  ...localizedRule('description', text(LIMITS.description)),
  ...localizedRule('room', text(LIMITS.short)),
  date: z
    .string()
    .trim()
    .min(1, 'validation.required')
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'validation.date'),
  start_time: time,
  end_time: time,
  capacity: z
    .string()
    .trim()
    .default('')
    .refine((v) => v === '' || /^\d+$/.test(v), 'validation.capacity')
    .transform((v) => (v === '' ? null : Number(v)))
    .refine((v) => v === null || (v >= 1 && v <= MAX_CAPACITY), 'validation.capacity'),
  registration_required: z.string().optional(),
  vip_only: z.string().optional(),
  interpretation: z.array(z.enum(INTERPRETATION_PAIRS, 'validation.choice')).default([]),
  chain: chainTag,
  ...localizedRule('meeting_point', text(LIMITS.short)),
  meeting_time: z
    .string()
    .trim()
    .regex(/^(([01]\d|2[0-3]):[0-5]\d)?$/, 'validation.time')
    .default(''),
  visits: z.array(z.string().trim().min(1)).default([]),
})

export interface BusInput {
  label: string
  seats: number
}

export interface SessionInput {
  kind: SessionKind
  title: Record<Language, string>
  description: Record<Language, string>
  room: Record<Language, string>
  startsAt: string
  endsAt: string
  capacity: number | null
  registrationRequired: boolean
  /** only VIP delegates may be invited to it or choose it */
  vipOnly: boolean
  interpretation: InterpretationPair[]
  chain: string | null
  meetingPoint: Record<Language, string>
  meetingAt: string | null
  buses: BusInput[]
  /** organization ids of the companies visited, in order */
  visits: string[]
}

export interface EventFrame {
  timezone: string
  startsOn: string
  endsOn: string
}

function parseBuses(raw: Record<string, string | string[]>, errors: FieldErrors): BusInput[] {
  const buses: BusInput[] = []
  for (let i = 0; i < BUS_ROWS; i++) {
    const label = String(raw[`bus_label_${i}`] ?? '').trim()
    const seatsText = String(raw[`bus_seats_${i}`] ?? '').trim()
    if (!label && !seatsText) continue
    if (label.length > 60) errors[`bus_label_${i}`] = { key: 'validation.tooLong', values: { max: 60 } }
    if (!/^\d+$/.test(seatsText) || Number(seatsText) < 1 || Number(seatsText) > 200) {
      errors[`bus_seats_${i}`] = { key: 'validation.seats' }
      continue
    }
    buses.push({ label: label || String(buses.length + 1), seats: Number(seatsText) })
  }
  return buses
}

export function parseSessionForm(raw: Record<string, string | string[]>, event: EventFrame): FormResult<SessionInput> {
  const parsed = sessionSchema.safeParse(raw)
  const errors: FieldErrors = parsed.success ? {} : fieldErrors(parsed.error)
  const buses = parseBuses(raw, errors)
  if (!parsed.success) return { ok: false, errors }
  const v = parsed.data
  const title = readTriple(v, 'title')
  if (!LANGUAGES.some((lng) => title[lng])) errors.title_zh = { key: 'validation.titleRequired' }

  let startsAt = ''
  let endsAt = ''
  if (v.date < event.startsOn || v.date > event.endsOn) {
    errors.date = { key: 'validation.outsideEventDates', values: { start: event.startsOn, end: event.endsOn } }
  } else {
    const start = zonedToUtc(v.date, v.start_time, event.timezone)
    const end = zonedToUtc(v.date, v.end_time, event.timezone)
    if (!start.ok)
      errors.start_time = {
        key: start.reason === 'nonexistent_time' ? 'validation.nonexistentTime' : 'validation.date',
      }
    if (!end.ok)
      errors.end_time = { key: end.reason === 'nonexistent_time' ? 'validation.nonexistentTime' : 'validation.date' }
    if (start.ok && end.ok) {
      if (end.iso <= start.iso) errors.end_time = { key: 'validation.endBeforeStart' }
      startsAt = start.iso
      endsAt = end.iso
    }
  }

  const meetingPoint = readTriple(v, 'meeting_point')
  let meetingAt: string | null = null
  if (v.kind === 'site_visit') {
    if (!v.meeting_time) errors.meeting_time = { key: 'validation.meetingTimeRequired' }
    else if (v.meeting_time > v.start_time) errors.meeting_time = { key: 'validation.meetingAfterStart' }
    if (!LANGUAGES.some((lng) => meetingPoint[lng]))
      errors.meeting_point_zh = { key: 'validation.meetingPointRequired' }
    if (v.meeting_time && !errors.date && !errors.meeting_time) {
      const meeting = zonedToUtc(v.date, v.meeting_time, event.timezone)
      if (meeting.ok) meetingAt = meeting.iso
      else errors.meeting_time = { key: 'validation.nonexistentTime' }
    }
  }

  const isVisit = v.kind === 'site_visit'
  const capacity = visitCapacity(v.capacity, isVisit ? buses : [])
  if (!capacity.ok) errors.capacity = { key: 'validation.capacityOverBuses', values: { seats: capacity.seats } }

  if (Object.keys(errors).length > 0 || !capacity.ok) return { ok: false, errors }
  return {
    ok: true,
    value: {
      kind: v.kind,
      title,
      description: readTriple(v, 'description'),
      room: readTriple(v, 'room'),
      startsAt,
      endsAt,
      capacity: capacity.capacity,
      registrationRequired: v.registration_required === 'on' || v.registration_required === '1',
      vipOnly: v.vip_only === 'on' || v.vip_only === '1',
      interpretation: INTERPRETATION_PAIRS.filter((pair) => v.interpretation.includes(pair)),
      chain: v.chain || null,
      meetingPoint: isVisit ? meetingPoint : { zh: '', en: '', ja: '' },
      meetingAt,
      buses: isVisit ? buses : [],
      visits: isVisit ? [...new Set(v.visits)] : [],
    },
  }
}
