import { useTranslation } from 'react-i18next'

/** A field's error, from a message key (with its params), tied to the input by id. */
export function FieldError({
  id,
  messageKey,
  params,
}: {
  id: string
  messageKey?: string
  params?: Record<string, unknown>
}) {
  const { t } = useTranslation()
  if (!messageKey) return null
  return (
    <span className="field-error" id={id}>
      {t(messageKey, params)}
    </span>
  )
}
