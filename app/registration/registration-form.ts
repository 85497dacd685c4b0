/**
 * The delegate's registration form, parsed and checked field by field. Pure: the session rules
 * (overlaps, capacity) run in registration.server.ts where the sessions are known.
 */
import { z } from 'zod'
import type { Diet, Language } from '../../db/schema'
import { PERSON_LIMITS } from '../people/person-limits'
import { type EchoLimits, type FieldErrors, type FormResult, fieldErrors } from '../validation/field-errors'

export const DIETS = ['none', 'halal', 'vegetarian', 'vegan', 'kosher', 'other'] as const satisfies readonly Diet[]
export const INTERPRETATION_LANGUAGES = ['', 'zh', 'en', 'ja'] as const
export const NOTE_LIMIT = 500
export const TRANSPORT_LIMIT = 60
const SESSIONS_MAX = 100
const SESSION_ID_MAX = 100

export interface RegistrationInput {
  familyName: string
  givenName: string
  latinName: string
  kana: string | null
  title: string
  organization: string
  email: string
  phone: string
  language: Language
  diet: Diet
  allergies: string
  accessibility: string
  interpretation: '' | Language
  arrivalDate: string | null
  arrivalTransport: string
  departureDate: string | null
  departureTransport: string
  hotelNeeded: boolean
  sessionIds: string[]
  submissionKey: string | null
}

// Letters and marks of any script, with the spaces and punctuation names use. No digits, emoji,
// symbols or invisible direction controls (which can make a name display as something else).
const NAME = /^[\p{L}\p{M}][\p{L}\p{M} .'’\-·・]*$/u
const LATIN_NAME = /^[\p{Script=Latin}\p{M}][\p{Script=Latin}\p{M} .'’-]*$/u
const KANA = /^[\p{Script=Hiragana}\p{Script=Katakana}ー・ 　]+$/u
const PHONE = /^\+?[0-9 ()./-]{4,}$/
const DATE = /^\d{4}-\d{2}-\d{2}$/
const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/

const trimmed = (max: number) => z.string().trim().max(max, 'validation.tooLong')

function optionalDate() {
  return z
    .string()
    .trim()
    .refine((v) => v === '' || (DATE.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`))), 'validation.date')
    .transform((v) => (v === '' ? null : v))
}

const schema = z.object({
  family_name: trimmed(PERSON_LIMITS.family_name).refine((v) => v === '' || NAME.test(v), 'validation.name'),
  given_name: trimmed(PERSON_LIMITS.given_name).refine((v) => v === '' || NAME.test(v), 'validation.name'),
  latin_name: trimmed(PERSON_LIMITS.latin_name)
    .min(1, 'validation.required')
    .refine((v) => LATIN_NAME.test(v), 'validation.latinName'),
  kana: trimmed(PERSON_LIMITS.kana).refine((v) => v === '' || KANA.test(v), 'validation.kana'),
  title: trimmed(PERSON_LIMITS.title).refine((v) => !/[\p{Cc}\p{Cf}]/u.test(v), 'validation.invalid'),
  organization: trimmed(PERSON_LIMITS.organization).refine((v) => !/[\p{Cc}\p{Cf}]/u.test(v), 'validation.invalid'),
  email: trimmed(PERSON_LIMITS.email)
    .min(1, 'validation.required')
    .refine((v) => EMAIL.test(v), 'validation.email'),
  phone: trimmed(PERSON_LIMITS.phone).refine((v) => v === '' || PHONE.test(v.normalize('NFKC')), 'validation.phone'),
  language: z.enum(['zh', 'en', 'ja'], 'validation.choice'),
  diet: z.enum(DIETS, 'validation.choice'),
  allergies: trimmed(NOTE_LIMIT),
  accessibility: trimmed(NOTE_LIMIT),
  interpretation: z.enum(INTERPRETATION_LANGUAGES, 'validation.choice'),
  arrival_date: optionalDate(),
  arrival_transport: trimmed(TRANSPORT_LIMIT),
  departure_date: optionalDate(),
  departure_transport: trimmed(TRANSPORT_LIMIT),
  hotel_needed: z.string().optional(),
  sessions: z.array(z.string().max(SESSION_ID_MAX)).max(SESSIONS_MAX),
  consent: z.string().optional(),
  submission_key: z
    .string()
    .optional()
    .transform((v) => (v && /^[A-Za-z0-9_-]{16,64}$/.test(v) ? v : null)),
})

/** What the form page shows again of a refused submission: each field at most its own length. */
export const REGISTRATION_ECHO: EchoLimits = {
  ...PERSON_LIMITS,
  language: 2,
  diet: Math.max(...DIETS.map((d) => d.length)),
  allergies: NOTE_LIMIT,
  accessibility: NOTE_LIMIT,
  interpretation: 2,
  arrival_date: 10,
  arrival_transport: TRANSPORT_LIMIT,
  departure_date: 10,
  departure_transport: TRANSPORT_LIMIT,
  hotel_needed: 2,
  consent: 3,
  sessions: { items: SESSIONS_MAX, length: SESSION_ID_MAX },
}

/** Parses the form; every field at fault gets its own message key. */
export function parseRegistrationForm(raw: Record<string, string | string[]>): FormResult<RegistrationInput> {
  // A form not asking for kana (an English or Chinese reader without one) sends none.
  const parsed = schema.safeParse({ sessions: [], kana: '', ...raw })
  const errors: FieldErrors = parsed.success ? {} : fieldErrors(parsed.error)
  if (raw.consent !== 'on' && raw.consent !== 'yes') errors.consent = { key: 'validation.consent' }
  if (!parsed.success) return { ok: false, errors }
  const v = parsed.data
  // The Latin name is the one every delegate has (it is required above); a name in another script
  // is asked but never demanded, so John Smith, imported with a Latin name only, can register.
  if (v.arrival_date && v.departure_date && v.departure_date < v.arrival_date) {
    errors.departure_date = { key: 'validation.departureBeforeArrival' }
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors }
  return {
    ok: true,
    value: {
      familyName: v.family_name,
      givenName: v.given_name,
      latinName: v.latin_name.replace(/\s+/g, ' '),
      kana: v.kana === '' ? null : v.kana,
      title: v.title,
      organization: v.organization,
      email: v.email.toLowerCase(),
      phone: v.phone.normalize('NFKC').replace(/\s+/g, ' '),
      language: v.language,
      diet: v.diet,
      allergies: v.allergies,
      accessibility: v.accessibility,
      interpretation: v.interpretation,
      arrivalDate: v.arrival_date,
      arrivalTransport: v.arrival_transport,
      departureDate: v.departure_date,
      departureTransport: v.departure_transport,
      hotelNeeded: v.hotel_needed === 'on' || v.hotel_needed === '1',
      sessionIds: [...new Set(v.sessions)],
      submissionKey: v.submission_key,
    },
  }
}
