/**
 * Building blocks of the organizer forms that app/ui/field.tsx does not cover: the error summary,
 * text areas, selects, a field entered in zh/en/ja, and checkbox groups. Same conventions as
 * <Field>: the error's id is `<name>-error` and the control points at it with aria-describedby.
 * Selects and text areas sit next to their <label for>, not inside it: a label wrapping them
 * would take the options' (or the text's) words into the label.
 */
import type { ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react'
import { useTranslation } from 'react-i18next'
import { type FormValues, stringValue } from '../../http/form'
import { LANGUAGES, type Language } from '../../i18n/i18n'
import type { FieldErrors, FieldIssue } from '../../validation/field-errors'
import { Field } from './field'
import { FieldError } from './field-error'

const invalid = (name: string, error: FieldIssue | undefined) => ({
  'aria-invalid': error ? true : undefined,
  'aria-describedby': error ? `${name}-error` : undefined,
})

/** A field's name, id, value and error from the form's values and errors: `<Field {...bind('x')} label=… />`. */
export function fieldBinding(values: FormValues, errors: FieldErrors) {
  return (name: string) => ({ id: name, name, defaultValue: stringValue(values, name), error: errors[name] })
}

/** A zh/en/ja field's name, values and errors: `<LocalizedFields {...localized('title')} label=… />`. */
export function localizedBinding(values: FormValues, errors: FieldErrors) {
  return (field: string) => ({ field, values, errors })
}

/**
 * The form's problems at its top, each linking to its field (whose id is its name), in the
 * order of `order`; announced when it appears. A `form` error (not tied to a field) comes first.
 */
export function FormErrorSummary({
  errors,
  label,
  order,
}: {
  errors: FieldErrors | undefined
  label: (name: string) => string
  order: readonly string[]
}) {
  const { t } = useTranslation()
  if (!errors || Object.keys(errors).length === 0) return null
  const rank = (name: string) =>
    name === 'form' ? -1 : order.indexOf(name) === -1 ? order.length : order.indexOf(name)
  const names = Object.keys(errors).sort((a, b) => rank(a) - rank(b))
  return (
    <div className="error-summary" role="alert" aria-labelledby="error-summary-title">
      <p id="error-summary-title" className="error-summary-title">
        {t('organizer.form.summaryTitle')}
      </p>
      <ul>
        {names.map((name) => {
          const issue = errors[name]
          if (!issue) return null
          const message = t(issue.key, issue.values ?? {})
          return (
            <li key={name}>
              {name === 'form' ? (
                message
              ) : (
                <a href={`#${name}`}>{t('organizer.pair', { label: label(name), value: message })}</a>
              )}
            </li>
          )
        })}
      </ul>
    </div>
  )
}

interface TextAreaFieldProps extends TextareaHTMLAttributes<HTMLTextAreaElement> {
  name: string
  label: string
  error?: FieldIssue
}

export function TextAreaField({ name, label, error, ...textarea }: TextAreaFieldProps) {
  return (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      <textarea id={name} name={name} rows={3} {...invalid(name, error)} {...textarea} />
      <FieldError id={`${name}-error`} messageKey={error} />
    </div>
  )
}

interface SelectFieldProps extends SelectHTMLAttributes<HTMLSelectElement> {
  name: string
  label: string
  error?: FieldIssue
  children: ReactNode
}

export function SelectField({ name, label, error, children, id, ...select }: SelectFieldProps) {
  // A page may repeat a field (one form per row): `id` then keeps label and error tied to this one.
  const selectId = id ?? name
  return (
    <div className="field">
      <label htmlFor={selectId}>{label}</label>
      <select id={selectId} name={name} {...invalid(selectId, error)} {...select}>
        {children}
      </select>
      <FieldError id={`${selectId}-error`} messageKey={error} />
    </div>
  )
}

/** A choice of one of the three languages, each named in itself (中文, English, 日本語). */
export function LanguageSelectField(props: Omit<SelectFieldProps, 'children'>) {
  const { t } = useTranslation()
  return (
    <SelectField {...props}>
      {LANGUAGES.map((lng) => (
        <option key={lng} value={lng}>
          {t(`languages.${lng}`)}
        </option>
      ))}
    </SelectField>
  )
}

/** One field in each language (`<field>_zh`, `_en`, `_ja`), side by side on wide screens. */
export function LocalizedFields({
  field,
  label,
  values,
  errors,
  multiline = false,
  maxLength,
}: {
  field: string
  label: string
  values: FormValues
  errors: FieldErrors
  multiline?: boolean
  maxLength?: number
}) {
  const { t } = useTranslation()
  return (
    <div className={`localized-fields${multiline ? ' multiline' : ''}`}>
      {LANGUAGES.map((lng: Language) => {
        const name = `${field}_${lng}`
        const props = {
          name,
          label: t('organizer.form.inLanguage', { field: label, language: t(`languages.${lng}`) }),
          lang: lng,
          defaultValue: stringValue(values, name),
          error: errors[name],
          maxLength,
        }
        return multiline ? <TextAreaField key={lng} {...props} /> : <Field key={lng} id={name} {...props} />
      })}
    </div>
  )
}

/** Checkboxes sharing one name (sent as a repeated field), in a fieldset with its legend and error. */
export function CheckboxGroup({
  name,
  legend,
  options,
  checked,
  error,
  className,
}: {
  name: string
  legend: string
  options: readonly { value: string; label: ReactNode; lang?: string }[]
  checked: readonly string[]
  error?: FieldIssue
  className?: string
}) {
  return (
    <fieldset
      id={name}
      className={`checkbox-group${className ? ` ${className}` : ''}`}
      aria-describedby={error ? `${name}-error` : undefined}
    >
      <legend>{legend}</legend>
      <div className="checkbox-options">
        {options.map((option) => (
          <label key={option.value} className="checkbox" lang={option.lang}>
            <input type="checkbox" name={name} value={option.value} defaultChecked={checked.includes(option.value)} />
            <span>{option.label}</span>
          </label>
        ))}
      </div>
      <FieldError id={`${name}-error`} messageKey={error} />
    </fieldset>
  )
}
