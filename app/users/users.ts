import { z } from 'zod'
import { normalizeEmail } from '../validation/email'

/** Field rules for an organizer account; messages are i18n keys. */
export const userInputSchema = z.object({
  email: z
    .string({ message: 'validation.required' })
    .trim()
    .min(1, 'validation.required')
    .max(254, 'validation.tooLong')
    .pipe(z.email('validation.email'))
    .transform(normalizeEmail),
  name: z
    .string({ message: 'validation.required' })
    .trim()
    .min(1, 'validation.required')
    .max(120, 'validation.tooLong'),
  password: z.string().min(12, 'validation.passwordTooShort').max(1024, 'validation.tooLong'),
  isAdmin: z.boolean().default(false),
  language: z.enum(['zh', 'en', 'ja'], { message: 'validation.choice' }).optional(),
})
export type UserInput = z.input<typeof userInputSchema>

const LANGUAGE_VALUES = ['zh', 'en', 'ja'] as const
export const EVENT_ROLES = ['organizer', 'checkin', 'viewer'] as const

const email = z
  .string({ message: 'validation.required' })
  .trim()
  .min(1, 'validation.required')
  .max(254, 'validation.tooLong')
  .pipe(z.email('validation.email'))
  .transform(normalizeEmail)
const name = z
  .string({ message: 'validation.required' })
  .trim()
  .min(1, 'validation.required')
  .max(120, 'validation.tooLong')
const language = z.enum(LANGUAGE_VALUES, { message: 'validation.choice' })
const role = z.enum(EVENT_ROLES, { message: 'validation.choice' })

/** What a form sent for a schema: any values, checked by the domain function that takes them. */
export type Raw<T> = { [K in keyof T]?: unknown }

/** An admin's invitation of a new account. */
export const inviteSchema = z.object({ email, name, language, isAdmin: z.boolean().default(false) })
export type InviteInput = z.input<typeof inviteSchema>

/** Adding someone to an event's team: the name and language matter only for a new account. */
export const teamAddSchema = z.object({
  email,
  role,
  name: z.string().trim().max(120, 'validation.tooLong').optional(),
  language,
})
export type TeamAddInput = z.input<typeof teamAddSchema>

export const roleSchema = role
export const profileSchema = z.object({ name, language })
export type ProfileInput = z.input<typeof profileSchema>
export const emailSchema = email
