import type { z } from 'zod'

/** A field's problem: a message key and the values it interpolates ({{max}}, {{taken}} …). */
export interface FieldIssue {
  key: string
  values?: Record<string, string | number>
}
export type FieldErrors = Record<string, FieldIssue>

export type FormResult<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors }

/** Turns Zod issues into one message key per field (the first), with its limits as values. */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {}
  for (const issue of error.issues) {
    const field = issue.path.map(String).join('.') || 'form'
    if (errors[field]) continue
    const values: Record<string, string | number> = {}
    if ('maximum' in issue && typeof issue.maximum === 'number') values.max = issue.maximum
    if ('minimum' in issue && typeof issue.minimum === 'number') values.min = issue.minimum
    const key = issue.message.startsWith('validation.') ? issue.message : 'validation.invalid'
    errors[field] = Object.keys(values).length > 0 ? { key, values } : { key }
  }
  return errors
}

/** How much of each field a page may echo back: its own maximum length; a list, its most items of at most `length`. */
export type EchoLimits = Record<string, number | { items: number; length: number }>
