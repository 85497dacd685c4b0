/** Pieces of the run-of-show pages: the checks' summary and findings, who is on stage, moving up and down. */
import { useTranslation } from 'react-i18next'
import { Form } from 'react-router'
import type { IssueView, StageLine } from '../../run-of-show/views-page.server'
import { HiddenFields } from '../primitives/hidden-fields'
import { LocalizedTextView } from '../primitives/localized-text'

export function IssueSummary({ errors, warnings }: { errors: number; warnings: number }) {
  const { t } = useTranslation()
  if (errors === 0 && warnings === 0)
    return (
      <p className="plan-summary plan-summary-clean" role="status" data-errors={0} data-warnings={0}>
        {t('runOfShow.summary.clean')}
      </p>
    )
  return (
    <p className="plan-summary" role="status" data-errors={errors} data-warnings={warnings}>
      {errors > 0 ? <span className="plan-issue-error">{t('runOfShow.summary.errors', { count: errors })}</span> : null}
      {errors > 0 && warnings > 0 ? ' · ' : null}
      {warnings > 0 ? (
        <span className="plan-issue-warning">{t('runOfShow.summary.warnings', { count: warnings })}</span>
      ) : null}
    </p>
  )
}

export function IssueList({ issues }: { issues: readonly IssueView[] }) {
  const { t } = useTranslation()
  if (issues.length === 0) return null
  return (
    <ul className="plan-issues">
      {issues.map((issue, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: findings have no id; the list is rebuilt on every load
        <li key={i} className={`plan-issue plan-issue-${issue.level}`} data-code={issue.code}>
          <strong>{t(`runOfShow.levels.${issue.level}`)}</strong>
          {t('app.labelSuffix')}
          {issue.message}
        </li>
      ))}
    </ul>
  )
}

export function StageLines({ lines }: { lines: readonly StageLine[] }) {
  const { t } = useTranslation()
  if (lines.length === 0) return null
  return (
    <dl className="plan-stage">
      {lines.map((line) => (
        <div key={line.label}>
          <dt>
            {t(line.label)}
            {t('app.labelSuffix')}
          </dt>
          <dd>
            {line.names.map((n, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: stage order is the key; names may repeat
              <span key={i} className="plan-name">
                {n.org ? (
                  <>
                    <LocalizedTextView value={n.org} />
                    {n.text ? ` · ${n.text}` : ''}
                  </>
                ) : (
                  n.text
                )}
              </span>
            ))}
          </dd>
        </div>
      ))}
    </dl>
  )
}

export type Direction = 'up' | 'down'

/**
 * A button to move an item up and one to move it down (earlier and later, left and right), each
 * a form posting its `hidden` fields (intent, the item's id) and the direction.
 */
export function MoveForms({
  action,
  hidden,
  disabled,
  labels,
  ariaLabels,
}: {
  action: string
  hidden: Readonly<Record<string, string>>
  disabled: Readonly<Record<Direction, boolean>>
  labels: Readonly<Record<Direction, string>>
  ariaLabels?: Readonly<Record<Direction, string>>
}) {
  return (
    <>
      {(['up', 'down'] as const).map((direction) => (
        <Form key={direction} method="post" action={action} className="inline-form">
          <HiddenFields fields={{ ...hidden, direction }} />
          <button
            type="submit"
            className="button button-secondary button-small"
            disabled={disabled[direction]}
            aria-label={ariaLabels?.[direction]}
          >
            {labels[direction]}
          </button>
        </Form>
      ))}
    </>
  )
}
