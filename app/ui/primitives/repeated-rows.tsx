import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

/**
 * A form's numbered rows (hosts, buses): the first `shown` in view, the rest of `total` behind
 * "more rows", so that a plain POST form without JavaScript can still add some.
 */
export function RepeatedRows({
  total,
  shown,
  className,
  row,
}: {
  total: number
  shown: number
  className: string
  row: (index: number) => ReactNode
}) {
  const { t } = useTranslation()
  const indexes = Array.from({ length: total }, (_, i) => i)
  return (
    <>
      <div className={className}>{indexes.slice(0, shown).map(row)}</div>
      {shown < total ? (
        <details className="more-rows">
          <summary>{t('organizer.form.moreRows')}</summary>
          <div className={className}>{indexes.slice(shown).map(row)}</div>
        </details>
      ) : null}
    </>
  )
}
