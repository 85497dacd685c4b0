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

/** The form as a plain object: single values as strings, repeated names (checkboxes) as arrays. */
export function formObject(form: FormData, multi: readonly string[] = []): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {}
  for (const name of new Set(form.keys())) {
    const all = form.getAll(name).filter((v): v is string => typeof v === 'string')
    out[name] = multi.includes(name) ? all : (all[0] ?? '')
  }
  for (const name of multi) out[name] ??= []
  return out
}

/** How much of each field a page may echo back: its own maximum length; a list, its most items of at most `length`. */
export type EchoLimits = Record<string, number | { items: number; length: number }>

/**
 * What a page echoes of a submitted form: only the fields named, each cut to its own maximum, so
 * that an over-long value comes back refused with its error, never in full.
 */
export function echoValues(
  values: Record<string, string | string[]>,
  limits: EchoLimits,
): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {}
  for (const [name, limit] of Object.entries(limits)) {
    const value = values[name]
    if (value === undefined) continue
    if (typeof limit === 'number') out[name] = (Array.isArray(value) ? (value[0] ?? '') : value).slice(0, limit)
    else out[name] = (Array.isArray(value) ? value : [value]).slice(0, limit.items).map((v) => v.slice(0, limit.length))
  }
  return out
}
