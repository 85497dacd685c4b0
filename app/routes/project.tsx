import { useTranslation } from 'react-i18next'
import { data, Form, Link } from 'react-router'
import { requireUser } from '../http/access.server'
import { appContext } from '../http/context'
import { type FormValues, formObject, stringValue } from '../http/form'
import { getLanguage } from '../i18n/i18n.server'
import { pickLocalized } from '../i18n/localized'
import { PIPELINE_FIELDS, parsePipelineForm } from '../projects/pipeline-form'
import { projectView } from '../projects/project-view'
import { findProject, updatePipeline } from '../projects/projects.server'
import { PROJECT_STATUSES } from '../projects/statuses'
import { Field } from '../ui/primitives/field'
import { FormErrorSummary, SelectField } from '../ui/primitives/form-controls'
import { LocalizedTextView } from '../ui/primitives/localized-text'
import { ActionNotice, type Notice } from '../ui/primitives/notice'
import { PageHeader } from '../ui/primitives/page-header'
import { PersonNameCell } from '../ui/primitives/person-name'
import type { Route } from './+types/project'

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: loaderData ? `${loaderData.project.name.text} · Signet` : 'Signet' },
]

async function requireProject(request: Request, context: Route.LoaderArgs['context'], projectId: string) {
  const user = await requireUser(request, context)
  const found = await findProject(context.get(appContext).db, user, projectId)
  if (!found) throw data({ code: 'not_found' }, { status: 404 })
  return { user, ...found }
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { project, canEdit } = await requireProject(request, context, params.projectId)
  const lng = getLanguage(context)
  const values: FormValues = {
    status: project.status,
    signed_on: project.signedOn ?? '',
    started_on: project.startedOn ?? '',
    invested_on: project.investedOn ?? '',
    invested_amount: project.investedAmount ?? '',
  }
  return {
    project: projectView(project, lng),
    location: pickLocalized(project.location, lng),
    description: pickLocalized(project.description, lng),
    signing: project.signing
      ? {
          title: pickLocalized(project.signing.title, lng),
          sessionTitle: pickLocalized(project.signing.sessionTitle, lng),
          href: `/events/${project.event.slug}/sessions/${project.signing.sessionId}`,
        }
      : null,
    canEdit,
    values,
  }
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { user, project, canEdit } = await requireProject(request, context, params.projectId)
  if (!canEdit) throw data({ code: 'forbidden' }, { status: 403 })
  const { db, ip } = context.get(appContext)
  const values = formObject(await request.formData())
  const parsed = parsePipelineForm(values, { currency: project.currency })
  if (!parsed.ok) return data({ values, errors: parsed.errors, notice: null }, { status: 400 })
  const result = await updatePipeline(db, user, project.id, parsed.value, { ip })
  if (!result.ok) throw data({ code: result.reason }, { status: result.reason === 'forbidden' ? 403 : 404 })
  const notice: Notice = { tone: 'ok', messages: [{ key: 'projects.pipeline.saved' }] }
  // Saved: the form shows the project as stored (amounts canonical), from the loader.
  return { values: null, errors: {}, notice }
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
      <SelectField
        name="status"
        label={labels.status}
        defaultValue={stringValue(values, 'status')}
        error={errors.status}
      >
        {PROJECT_STATUSES.map((s) => (
          <option key={s} value={s}>
            {t(`projects.statuses.${s}`)}
          </option>
        ))}
      </SelectField>
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

export default function Project({ loaderData: d, actionData }: Route.ComponentProps) {
  const { t } = useTranslation()
  const p = d.project
  const notYet = <span className="muted">{t('projects.detail.notYet')}</span>
  const chain = p.chain ? t(`sessions.chains.${p.chain}`, { defaultValue: p.chain }) : t('projects.noChain')
  const values = actionData?.values ?? d.values
  return (
    <section className="stack">
      <PageHeader
        back="/projects"
        backLabel={t('projects.back')}
        title={p.name.text}
        intro={<span className={`badge project-${p.status}`}>{t(`projects.statuses.${p.status}`)}</span>}
      />
      <ActionNotice notice={actionData?.notice} version={actionData} />

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
          <dd>{chain}</dd>
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

      <section className="card" aria-labelledby="pipeline-title">
        <h2 id="pipeline-title">{t('projects.pipeline.title')}</h2>
        {d.canEdit ? (
          <>
            <p className="muted">{t('projects.pipeline.intro')}</p>
            <PipelineForm
              key={JSON.stringify(values)}
              values={values}
              errors={actionData?.errors ?? {}}
              currency={p.currency}
            />
          </>
        ) : (
          <p className="muted">{t('projects.pipeline.readOnly')}</p>
        )}
      </section>
    </section>
  )
}
