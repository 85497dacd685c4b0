/**
 * The project page's sections (app/routes/project.tsx): the project's facts, its parties with
 * their signatories, and the pipeline form (signed, started, invested).
 */
import { useTranslation } from 'react-i18next'
import { Form, Link } from 'react-router'
import { type FormValues, stringValue } from '../../http/form'
import { PIPELINE_FIELDS } from '../../projects/pipeline-form'
import type { ProjectPage } from '../../projects/project-page.server'
import { PROJECT_STATUSES } from '../../projects/statuses'
import type { FieldErrors } from '../../validation/field-errors'
import { CodeSelectField } from '../primitives/code-select'
import { Field } from '../primitives/field'
import { FormErrorSummary } from '../primitives/form-controls'
import { LocalizedTextView } from '../primitives/localized-text'
import { PersonNameCell } from '../primitives/person-name'
import { useChainLabel } from './projects-page'

/** The event, the signing, the chain, the place, the amounts and the pipeline's dates. */
export function ProjectFacts({ d }: { d: ProjectPage }) {
  const { t } = useTranslation()
  const chainLabel = useChainLabel()
  const p = d.project
  const notYet = <span className="muted">{t('projects.detail.notYet')}</span>
  return (
    <section className="card">
      <dl className="facts">
        <dt>{t('projects.detail.event')}</dt>
        <dd>
          <Link to={`/events/${p.event.slug}`}>
            <LocalizedTextView value={p.event.title} />
          </Link>
        </dd>
        <dt>{t('projects.detail.signing')}</dt>
        <dd>
          {d.signing ? (
            <>
              <LocalizedTextView value={d.signing.title} />{' '}
              <span className="muted">
                (<Link to={d.signing.href}>{<LocalizedTextView value={d.signing.sessionTitle} />}</Link>)
              </span>
            </>
          ) : (
            <span className="muted">{t('projects.detail.noSigning')}</span>
          )}
        </dd>
        <dt>{t('projects.detail.chain')}</dt>
        <dd>{chainLabel(p.chain)}</dd>
        <dt>{t('projects.detail.location')}</dt>
        <dd>{d.location.text ? <LocalizedTextView value={d.location} /> : notYet}</dd>
        {d.description.text ? (
          <>
            <dt>{t('projects.detail.description')}</dt>
            <dd>
              <LocalizedTextView value={d.description} />
            </dd>
          </>
        ) : null}
        <dt>{t('projects.detail.amount')}</dt>
        <dd data-amount>{p.amount ?? t('projects.table.noAmount')}</dd>
        <dt>{t('projects.detail.signedOn')}</dt>
        <dd>{p.signedOn ?? notYet}</dd>
        <dt>{t('projects.detail.startedOn')}</dt>
        <dd>{p.startedOn ?? notYet}</dd>
        <dt>{t('projects.detail.investedOn')}</dt>
        <dd>{p.investedOn ?? notYet}</dd>
        <dt>{t('projects.detail.investedAmount')}</dt>
        <dd data-invested-amount>{p.investedAmount ?? notYet}</dd>
      </dl>
    </section>
  )
}

/** The parties in seating order with their countries and signatories. */
export function PartiesSection({ d }: { d: ProjectPage }) {
  const { t } = useTranslation()
  const p = d.project
  return (
    <section className="card" aria-labelledby="parties-title">
      <h2 id="parties-title">{t('projects.detail.parties')}</h2>
      {p.parties.length === 0 ? (
        <p className="muted">{t('projects.detail.noParties')}</p>
      ) : (
        <>
          <p className="muted">{t('projects.detail.partiesIntro')}</p>
          <div className="table-scroll">
            <table className="data-table">
              <caption className="visually-hidden">{t('projects.detail.parties')}</caption>
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">{t('projects.detail.organization')}</th>
                  <th scope="col">{t('projects.detail.country')}</th>
                  <th scope="col">{t('projects.detail.signatory')}</th>
                </tr>
              </thead>
              <tbody>
                {p.parties.map((party, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: parties are listed in seating order
                  <tr key={i} data-country={party.country}>
                    <td>{i + 1}</td>
                    <th scope="row">
                      <LocalizedTextView value={party.organization} />
                    </th>
                    <td>{party.countryName}</td>
                    <td className="name-cell">
                      {party.signatory ? (
                        <PersonNameCell name={party.signatory.name} secondary={party.signatory.secondary} />
                      ) : (
                        <span className="muted">{t('projects.table.noSignatory')}</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  )
}

/** Moving the project along its pipeline (editors), or why the reader may not. */
export function PipelineSection({ d, values, errors }: { d: ProjectPage; values: FormValues; errors: FieldErrors }) {
  const { t } = useTranslation()
  return (
    <section className="card" aria-labelledby="pipeline-title">
      <h2 id="pipeline-title">{t('projects.pipeline.title')}</h2>
      {d.canEdit ? (
        <>
          <p className="muted">{t('projects.pipeline.intro')}</p>
          <PipelineForm key={JSON.stringify(values)} values={values} errors={errors} currency={d.project.currency} />
        </>
      ) : (
        <p className="muted">{t('projects.pipeline.readOnly')}</p>
      )}
    </section>
  )
}

function PipelineForm({
  values,
  errors,
  currency,
}: {
  values: FormValues
  errors: Record<string, { key: string; values?: Record<string, string | number> }>
  currency: string | null
}) {
  const { t } = useTranslation()
  const labels: Record<(typeof PIPELINE_FIELDS)[number], string> = {
    status: t('projects.pipeline.status'),
    signed_on: t('projects.pipeline.signedOn'),
    started_on: t('projects.pipeline.startedOn'),
    invested_on: t('projects.pipeline.investedOn'),
    invested_amount: currency
      ? t('projects.pipeline.investedAmount', { currency })
      : t('projects.pipeline.investedAmountNoCurrency'),
  }
  const label = (name: string) => labels[name as keyof typeof labels] ?? name
  const date = (name: 'signed_on' | 'started_on' | 'invested_on') => (
    <Field
      name={name}
      label={labels[name]}
      defaultValue={stringValue(values, name)}
      error={errors[name]}
      inputMode="numeric"
      placeholder="YYYY-MM-DD"
      pattern="\d{4}-\d{2}-\d{2}"
      maxLength={10}
    />
  )
  return (
    <Form method="post" className="organizer-form stack" noValidate>
      <FormErrorSummary errors={errors} label={label} order={PIPELINE_FIELDS} />
      <CodeSelectField
        name="status"
        label={labels.status}
        defaultValue={stringValue(values, 'status')}
        error={errors.status}
        codes={PROJECT_STATUSES}
        word={(s) => t(`projects.statuses.${s}`)}
      />
      {date('signed_on')}
      {date('started_on')}
      {date('invested_on')}
      <Field
        name="invested_amount"
        label={labels.invested_amount}
        defaultValue={stringValue(values, 'invested_amount')}
        error={errors.invested_amount}
        inputMode="decimal"
        maxLength={40}
      />
      <p className="form-actions">
        <button type="submit" className="button">
          {t('projects.pipeline.save')}
        </button>
      </p>
    </Form>
  )
}
