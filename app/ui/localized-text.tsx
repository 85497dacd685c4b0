import { useTranslation } from 'react-i18next'
import type { LocalizedText } from '../i18n/localized'

/** Text in the reader's language, or visibly tagged with the language that stood in for it. */
export function LocalizedTextView({ value }: { value: LocalizedText }) {
  const { t } = useTranslation()
  if (!value.isFallback) return <>{value.text}</>
  return (
    <span lang={value.lang}>
      {value.text}{' '}
      <small className="lang-tag" title={t(`languages.${value.lang}`)}>
        {value.lang.toUpperCase()}
      </small>
    </span>
  )
}
