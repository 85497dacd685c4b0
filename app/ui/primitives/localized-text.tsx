import { useTranslation } from 'react-i18next'
import type { LocalizedText } from '../../i18n/localized'

/** Text in the reader's language, or visibly tagged with the language that stood in for it. */
export function LocalizedTextView({ value }: { value: LocalizedText }) {
  // Plain text needs no hook: pages show dozens of these, and useTranslation is not free.
  if (!value.isFallback) return <>{value.text}</>
  return <FallbackText value={value} />
}

function FallbackText({ value }: { value: LocalizedText }) {
  const { t } = useTranslation()
  return (
    <span lang={value.lang}>
      {value.text}{' '}
      <small className="lang-tag" title={t(`languages.${value.lang}`)}>
        {value.lang.toUpperCase()}
      </small>
    </span>
  )
}
