import { z } from 'zod'
import { safeRedirect } from '../validation/safe-redirect'

const EMAIL_MAX = 254

const loginSchema = z.object({
  email: z
    .string()
    .trim()
    .min(1, 'validation.required')
    .max(EMAIL_MAX, 'validation.tooLong')
    .pipe(z.email('validation.email')),
  password: z.string().min(1, 'validation.required').max(1024, 'validation.tooLong'),
  redirectTo: z.string().optional(),
})

export type LoginFormErrors = { email?: string; password?: string; form?: { key: string; seconds?: number } }

export type ParsedLoginForm =
  | { ok: true; value: { email: string; password: string; redirectTo: string } }
  | { ok: false; errors: LoginFormErrors; email: string }

/** Field errors are message keys; the page translates them. */
export function parseLoginForm(form: FormData): ParsedLoginForm {
  const raw = {
    email: String(form.get('email') ?? ''),
    password: String(form.get('password') ?? ''),
    redirectTo: String(form.get('redirectTo') ?? ''),
  }
  const parsed = loginSchema.safeParse(raw)
  if (!parsed.success) {
    const errors: LoginFormErrors = {}
    for (const issue of parsed.error.issues) {
      const field = issue.path[0]
      if (field === 'email' || field === 'password') errors[field] ??= issue.message
    }
    // Shown again in the form: never more than the field takes.
    return { ok: false, errors, email: raw.email.slice(0, EMAIL_MAX) }
  }
  // No page asked for: '' (the sign-in then sends the user where their role starts, landingFor).
  const redirectTo = parsed.data.redirectTo ? safeRedirect(parsed.data.redirectTo, '') : ''
  return { ok: true, value: { ...parsed.data, redirectTo } }
}

const knownDevice = z.strictObject({ userId: z.string().min(1).max(64), id: z.string().min(1).max(64) })

/** The known-device cookie's value, when it is one (the cookie is signed: only its shape is checked). */
export function parseKnownDevice(value: unknown): { userId: string; id: string } | null {
  const parsed = knownDevice.safeParse(value)
  return parsed.success ? parsed.data : null
}
