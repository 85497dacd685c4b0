import type { EchoLimits } from '../validation/field-errors'

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

/** A form's values as formObject() gives them: single values as strings, repeated names as arrays. */
export type FormValues = Record<string, string | string[]>

export function stringValue(values: FormValues, name: string): string {
  const value = values[name]
  return typeof value === 'string' ? value : (value?.[0] ?? '')
}

export function listValue(values: FormValues, name: string): string[] {
  const value = values[name]
  if (value === undefined) return []
  return typeof value === 'string' ? [value] : value
}
