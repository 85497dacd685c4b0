import { z } from 'zod'

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase()
}

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
})
export type UserInput = z.input<typeof userInputSchema>
