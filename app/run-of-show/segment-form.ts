/**
 * The run-of-show forms' rules, pure: a new segment, a segment's details (with its project for a
 * signing), a party or a person on stage, protocol ranks and the table seats of a room. Errors
 * are message keys per field; whether a person belongs to the event is checked by the server.
 */
import { z } from 'zod'
import type { StageRole } from '../../db/schema'
import { LANGUAGES, type Language } from '../i18n/i18n'
import { localizedRule, readTriple } from '../i18n/localized'
import { LIMITS } from '../i18n/text-limits'
import { isCurrency, parseAmount } from '../projects/amounts'
import { chainTag } from '../sessions/session-form'
import { type FieldErrors, type FormResult, fieldErrors } from '../validation/field-errors'
import { SEGMENT_KINDS, type SegmentKind } from './rules'

export const STAGE_ROLES = [
  'speaker',
  'witness',
  'presenter',
  'performer',
  'host',
  'other',
] as const satisfies readonly StageRole[]
/** What a signing segment sets; the later pipeline steps are set on the project. */
export const SIGNING_STATUSES = ['planned', 'confirmed', 'signed', 'cancelled'] as const
export const MAX_MINUTES = 600
export const MAX_COPIES = 50
export const MAX_TABLE_SEATS = 60

const text = (max: number) => z.string().trim().max(max, 'validation.tooLong').default('')

const minutes = z
  .string()
  .trim()
  .min(1, 'validation.required')
  .regex(/^-?\d+$/, 'validation.minutes')
  .transform(Number)
  .refine((n) => n > 0, 'validation.minutesPositive')
  .refine((n) => n <= MAX_MINUTES, 'validation.minutes')

const titles = {
  ...localizedRule('title', text(LIMITS.title)),
}

export interface NewSegmentInput {
  kind: SegmentKind
  title: Record<Language, string>
  minutes: number
}

const newSegmentSchema = z.object({ kind: z.enum(SEGMENT_KINDS, 'validation.choice'), minutes, ...titles })

export function parseNewSegment(raw: Record<string, string | string[]>): FormResult<NewSegmentInput> {
  const parsed = newSegmentSchema.safeParse(raw)
  const errors: FieldErrors = parsed.success ? {} : fieldErrors(parsed.error)
  if (!parsed.success) return { ok: false, errors }
  const title = readTriple(parsed.data, 'title')
  if (!LANGUAGES.some((lng) => title[lng]))
    return { ok: false, errors: { title_zh: { key: 'validation.titleRequired' } } }
  return { ok: true, value: { kind: parsed.data.kind, title, minutes: parsed.data.minutes } }
}

export interface ProjectInput {
  name: Record<Language, string>
  chain: string | null
  amount: string | null
  currency: string | null
  location: Record<Language, string>
  description: Record<Language, string>
  status: (typeof SIGNING_STATUSES)[number]
}

export interface SegmentInput {
  title: Record<Language, string>
  minutes: number
  script: Record<Language, string>
  award: Record<Language, string>
  citation: Record<Language, string>
  copies: number | null
  project: ProjectInput | null
}

const segmentSchema = z.object({
  ...titles,
  minutes,
  ...localizedRule('script', text(LIMITS.description)),
  ...localizedRule('award', text(LIMITS.title)),
  ...localizedRule('citation', text(LIMITS.description)),
  copies: z
    .string()
    .trim()
    .default('')
    .refine((v) => v === '' || (/^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= MAX_COPIES), 'validation.copies')
    .transform((v) => (v === '' ? null : Number(v))),
  ...localizedRule('project_name', text(LIMITS.title)),
  chain: chainTag,
  amount: z.string().default(''),
  currency: z.string().trim().toUpperCase().default(''),
  ...localizedRule('location', text(LIMITS.short)),
  ...localizedRule('description', text(LIMITS.description)),
  status: z.enum(SIGNING_STATUSES, 'validation.choice').default('planned'),
})

/** The details form; `kind` decides which parts count (a signing's project, an award's name). */
export function parseSegmentForm(raw: Record<string, string | string[]>, kind: SegmentKind): FormResult<SegmentInput> {
  const parsed = segmentSchema.safeParse(raw)
  const errors: FieldErrors = parsed.success ? {} : fieldErrors(parsed.error)
  const currencyText = String(raw.currency ?? '')
    .trim()
    .toUpperCase()
  const currency = currencyText === '' ? null : currencyText
  if (currency && !/^[A-Z]{3}$/.test(currency)) errors.currency = { key: 'validation.currency' }
  else if (currency && !isCurrency(currency)) errors.currency = { key: 'validation.currency' }
  const amount = kind === 'signing' ? parseAmount(String(raw.amount ?? ''), errors.currency ? null : currency) : null
  if (amount && !amount.ok) errors.amount = { key: amount.key }
  if (amount?.ok && amount.value !== null && !currency && !errors.currency)
    errors.currency = { key: 'validation.currencyRequired' }
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors }
  const v = parsed.data
  const title = readTriple(v, 'title')
  if (!LANGUAGES.some((lng) => title[lng]))
    return { ok: false, errors: { title_zh: { key: 'validation.titleRequired' } } }
  const name = readTriple(v, 'project_name')
  return {
    ok: true,
    value: {
      title,
      minutes: v.minutes,
      script: readTriple(v, 'script'),
      award: kind === 'award' ? readTriple(v, 'award') : { zh: '', en: '', ja: '' },
      citation: kind === 'award' ? readTriple(v, 'citation') : { zh: '', en: '', ja: '' },
      copies: kind === 'signing' ? v.copies : null,
      project:
        kind === 'signing'
          ? {
              // A project without a name of its own is named as its signing.
              name: LANGUAGES.some((lng) => name[lng]) ? name : title,
              chain: v.chain || null,
              amount: amount?.ok ? amount.value : null,
              currency: amount?.ok && amount.value !== null ? currency : null,
              location: readTriple(v, 'location'),
              description: readTriple(v, 'description'),
              status: v.status,
            }
          : null,
    },
  }
}

export interface PartyInput {
  organizationId: string
  personId: string | null
  assistantId: string | null
}

const id = z.string().trim().max(64, 'validation.invalid')
/** A required choice: a missing field counts as an empty one. */
const requiredId = z
  .string()
  .default('')
  .pipe(z.string().trim().min(1, 'validation.required').max(64, 'validation.invalid'))

const partyPeopleSchema = z.object({ person_id: id.default(''), assistant_id: id.default('') })
const partySchema = partyPeopleSchema.extend({ organization_id: requiredId })

/** Who stands for a party already on stage: the signatory (or receiver, representative) and the assistant. */
export function parsePartyPeopleForm(
  raw: Record<string, string | string[]>,
): FormResult<Omit<PartyInput, 'organizationId'>> {
  const parsed = partyPeopleSchema.safeParse(raw)
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) }
  const v = parsed.data
  if (v.person_id && v.person_id === v.assistant_id)
    return { ok: false, errors: { assistant_id: { key: 'validation.assistantIsSignatory' } } }
  return { ok: true, value: { personId: v.person_id || null, assistantId: v.assistant_id || null } }
}

/** A new party: its organization, and who stands for it. */
export function parsePartyForm(raw: Record<string, string | string[]>): FormResult<PartyInput> {
  const parsed = partySchema.safeParse(raw)
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) }
  const people = parsePartyPeopleForm(raw)
  if (!people.ok) return people
  return { ok: true, value: { organizationId: parsed.data.organization_id, ...people.value } }
}

/** A role on stage from a form, or null when it is not one. */
export function stageRole(value: string): StageRole | null {
  return STAGE_ROLES.find((role) => role === value) ?? null
}

export interface StagePersonInput {
  personId: string
  role: StageRole
}

const stagePersonSchema = z.object({
  person_id: requiredId,
  role: z.enum(STAGE_ROLES, 'validation.choice'),
})

export function parseStagePersonForm(raw: Record<string, string | string[]>): FormResult<StagePersonInput> {
  const parsed = stagePersonSchema.safeParse(raw)
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) }
  return { ok: true, value: { personId: parsed.data.person_id, role: parsed.data.role } }
}

/** Protocol ranks from `rank_<personId>` fields: a whole number from 1 (highest) to 999, or empty. */
export function parseRanks(raw: Record<string, string | string[]>): FormResult<Map<string, number | null>> {
  const ranks = new Map<string, number | null>()
  const errors: FieldErrors = {}
  for (const [name, value] of Object.entries(raw)) {
    if (!name.startsWith('rank_')) continue
    const text = String(value).normalize('NFKC').trim()
    const personId = name.slice('rank_'.length)
    if (text === '') ranks.set(personId, null)
    else if (/^\d{1,3}$/.test(text) && Number(text) >= 1) ranks.set(personId, Number(text))
    else errors[name] = { key: 'validation.rank' }
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value: ranks }
}

/** The seats at a room's signing table: 1 to 60, or empty for unknown. */
export function parseTableSeats(raw: Record<string, string | string[]>): FormResult<number | null> {
  const text = String(raw.table_seats ?? '')
    .normalize('NFKC')
    .trim()
  if (text === '') return { ok: true, value: null }
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > MAX_TABLE_SEATS)
    return { ok: false, errors: { table_seats: { key: 'validation.tableSeats', values: { max: MAX_TABLE_SEATS } } } }
  return { ok: true, value: Number(text) }
}
