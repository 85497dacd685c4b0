import type { InputHTMLAttributes } from 'react'
import type { FieldIssue } from '../../validation/field-errors'
import { FieldError } from './field-error'

interface FieldProps extends InputHTMLAttributes<HTMLInputElement> {
  name: string
  label: string
  /** this field's error, if any: a message key or a FieldIssue */
  error?: string | FieldIssue
}

/**
 * A labelled input whose error is announced with it (aria-invalid + aria-describedby). The error
 * sits after the label, not inside it, so the label's name stays the label alone. The input's id
 * defaults to its name, which error summaries link to.
 */
export function Field({ name, label, error, id, ...input }: FieldProps) {
  const inputId = id ?? name
  const errorId = `${name}-error`
  return (
    <div className="field">
      <label htmlFor={inputId}>{label}</label>
      <input
        id={inputId}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        {...input}
      />
      <FieldError id={errorId} messageKey={error} />
    </div>
  )
}
