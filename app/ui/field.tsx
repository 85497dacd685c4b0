import type { InputHTMLAttributes } from 'react'
import type { FieldIssue } from '../http/form'
import { FieldError } from './field-error'

interface FieldProps extends InputHTMLAttributes<HTMLInputElement> {
  name: string
  label: string
  /** this field's error, if any: a message key or a FieldIssue */
  error?: string | FieldIssue
}

/** A labelled input whose error is announced with it (aria-invalid + aria-describedby). */
export function Field({ name, label, error, ...input }: FieldProps) {
  const errorId = `${name}-error`
  return (
    <label className="field">
      <span>{label}</span>
      <input
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        {...input}
      />
      <FieldError id={errorId} messageKey={error} />
    </label>
  )
}
