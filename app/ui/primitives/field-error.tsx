import { useTranslation } from 'react-i18next'
import type { FieldIssue } from '../../validation/field-errors'

/** A field's error, from a message key (or a FieldIssue with its values), tied to the input by id. */
export function FieldError({ id, messageKey }: { id: string; messageKey?: string | FieldIssue }) {
  const { t } = useTranslation()
  if (!messageKey) return null
  const issue = typeof messageKey === 'string' ? { key: messageKey } : messageKey
  return (
    <span className="field-error" id={id}>
      {t(issue.key, issue.values ?? {})}
    </span>
  )
}
