/**
 * The projects page's sections (app/routes/projects.tsx): the filters, the projects with their
 * parties, amounts and statuses, and the totals by chain, by event and overall.
 */

import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Form, Link } from 'react-router'
import type { FigureView } from '../../projects/project-view'
import type { ProjectsPage } from '../../projects/projects-page.server'
import { PROJECT_STATUSES } from '../../projects/statuses'
import { ChoiceFilter } from '../primitives/choice-filter'
import { LocalizedTextView } from '../primitives/localized-text'

type TotalsLine = ProjectsPage['totals']['overall'][number]

/** A chain's name in the reader's language (the code itself when unknown), or "no chain". */
export function useChainLabel(): (chain: string | null) => string {
  const { t } = useTranslation()
  return (chain) => (chain ? t(`sessions.chains.${chain}`, { defaultValue: chain }) : t('projects.noChain'))
}

function FigureCell({ figure }: { figure: FigureView }) {
  const { t } = useTranslation()
  return (
    <td className="nowrap">
      {figure.amount === null ? (
        figure.count
      ) : (
        <span title={figure.amount} data-exact={figure.amount}>
          {t('projects.totals.figure', { amount: figure.compact, count: figure.count })}
        </span>
      )}
    </td>
  )
}

function TotalsTable<L>({
  id,
  caption,
  groupHeader,
  rows,
  label,
}: {
  id: string
  caption: string
  groupHeader: string | null
  rows: readonly (Omit<TotalsLine, 'label'> & { label: L })[]
  label: (value: L) => ReactNode
}) {
  const { t } = useTranslation()
  return (
    <div className="table-scroll">
      <table className="data-table summary-table" data-totals={id}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {groupHeader ? <th scope="col">{groupHeader}</th> : null}
            <th scope="col">{t('projects.totals.currency')}</th>
            <th scope="col">{t('projects.totals.projects')}</th>
            <th scope="col">{t('projects.figures.signed')}</th>
            <th scope="col">{t('projects.figures.started')}</th>
            <th scope="col">{t('projects.figures.invested')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are fixed for a render (group × currency)
            <tr key={i} data-currency={row.currency ?? ''}>
              {groupHeader ? <th scope="row">{label(row.label)}</th> : null}
              <td>{row.currency ?? t('projects.totals.noCurrency')}</td>
              <td>{row.projects}</td>
              <FigureCell figure={row.signed} />
              <FigureCell figure={row.started} />
              <FigureCell figure={row.invested} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

/** Every listed project once, under the status it has now, one line per currency. */
function StatusTable({ rows }: { rows: readonly TotalsLine[] }) {
  const { t } = useTranslation()
  return (
    <div className="table-scroll">
      <table className="data-table summary-table" data-totals="status">
        <caption>{t('projects.totals.byStatus')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('projects.totals.currency')}</th>
            {PROJECT_STATUSES.map((s) => (
              <th scope="col" key={s}>
                {t(`projects.statuses.${s}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.currency ?? ''} data-currency={row.currency ?? ''}>
              <th scope="row">{row.currency ?? t('projects.totals.noCurrency')}</th>
              {row.byStatus.map((figure) => (
                <FigureCell key={figure.status} figure={figure} />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

/** Narrowing the list by chain, country, status and event (GET, so the address keeps it). */
export function ProjectFilters({ d }: { d: ProjectsPage }) {
  const { t } = useTranslation()
  const chainLabel = useChainLabel()
  return (
    <Form method="get" className="card people-search no-print" role="search" aria-label={t('projects.search.legend')}>
      <ChoiceFilter
        name="chain"
        label={t('projects.search.chain')}
        anyLabel={t('projects.search.anyChain')}
        value={d.query.chain}
        options={d.choices.chains.map((c) => ({ value: c, label: chainLabel(c) }))}
      />
      <ChoiceFilter
        name="country"
        label={t('projects.search.country')}
        anyLabel={t('projects.search.anyCountry')}
        value={d.query.country}
        options={d.choices.countries.map((c) => ({ value: c.code, label: c.name }))}
      />
      <ChoiceFilter
        name="status"
        label={t('projects.search.status')}
        anyLabel={t('projects.search.anyStatus')}
        value={d.query.status}
        options={PROJECT_STATUSES.map((s) => ({ value: s, label: t(`projects.statuses.${s}`) }))}
      />
      <ChoiceFilter
        name="event"
        label={t('projects.search.event')}
        anyLabel={t('projects.search.anyEvent')}
        value={d.query.event}
        options={d.choices.events.map((e) => ({ value: e.slug, label: e.title }))}
      />
      <p className="people-search-actions">
        <button type="submit" className="button">
          {t('projects.search.submit')}
        </button>{' '}
        <Link to="/projects">{t('projects.search.clear')}</Link>
      </p>
    </Form>
  )
}

/** The projects with their event, parties and signatories, amount and status. */
export function ProjectsTable({ d, filtered }: { d: ProjectsPage; filtered: boolean }) {
  const { t } = useTranslation()
  const chainLabel = useChainLabel()
  if (d.projects.length === 0)
    return <p className="card muted">{filtered ? t('projects.empty') : t('projects.emptyAll')}</p>
  return (
    <div className="table-scroll">
      <table className="data-table projects-table">
        <caption className="visually-hidden">{t('projects.table.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('projects.table.project')}</th>
            <th scope="col">{t('projects.table.event')}</th>
            <th scope="col">{t('projects.table.parties')}</th>
            <th scope="col">{t('projects.table.amount')}</th>
            <th scope="col">{t('projects.table.status')}</th>
          </tr>
        </thead>
        <tbody>
          {d.projects.map((p) => (
            <tr key={p.id} data-project={p.id} className={p.status === 'cancelled' ? 'row-done' : undefined}>
              <th scope="row" className="cell-wide">
                <Link to={`/projects/${p.id}`}>
                  <LocalizedTextView value={p.name} />
                </Link>
                <span className="person-name-secondary">{chainLabel(p.chain)}</span>
              </th>
              <td>
                <Link to={`/events/${p.event.slug}`}>
                  <LocalizedTextView value={p.event.title} />
                </Link>
              </td>
              <td className="cell-wide">
                <ol className="plain-list">
                  {p.parties.map((party, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: parties are listed in seating order
                    <li key={i} data-country={party.country}>
                      <LocalizedTextView value={party.organization} />{' '}
                      <small className="muted">{`(${party.countryName})`}</small>
                      {party.signatory ? (
                        <span className="person-name-secondary">
                          {party.signatory.name}
                          {party.signatory.secondary ? ` · ${party.signatory.secondary}` : ''}
                        </span>
                      ) : (
                        <span className="person-name-secondary">{t('projects.table.noSignatory')}</span>
                      )}
                    </li>
                  ))}
                </ol>
              </td>
              <td className="nowrap">
                {p.amount === null ? (
                  t('projects.table.noAmount')
                ) : (
                  <span title={p.amount} data-exact={p.amount}>
                    {p.amountCompact}
                  </span>
                )}
              </td>
              <td>
                <span className={`badge project-${p.status}`}>{t(`projects.statuses.${p.status}`)}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

/** The amounts signed, started and invested: overall, by chain and by event, per currency. */
export function TotalsSection({ d }: { d: ProjectsPage }) {
  const { t } = useTranslation()
  const chainLabel = useChainLabel()
  return (
    <section className="card stack" aria-labelledby="totals-title">
      <h2 id="totals-title">{t('projects.totals.title')}</h2>
      <p className="muted">{t('projects.totals.intro')}</p>
      {d.totals.overall.length === 0 ? (
        <p className="muted">{t('projects.totals.none')}</p>
      ) : (
        <>
          <StatusTable rows={d.totals.overall} />
          <p className="muted">{t('projects.totals.judgedIntro')}</p>
          <TotalsTable
            id="overall"
            caption={t('projects.totals.overall')}
            groupHeader={null}
            rows={d.totals.overall}
            label={() => null}
          />
          <TotalsTable
            id="chain"
            caption={t('projects.totals.byChain')}
            groupHeader={t('projects.totals.chain')}
            rows={d.totals.byChain}
            label={chainLabel}
          />
          <TotalsTable
            id="event"
            caption={t('projects.totals.byEvent')}
            groupHeader={t('projects.totals.event')}
            rows={d.totals.byEvent}
            label={(title) => <LocalizedTextView value={title} />}
          />
        </>
      )}
    </section>
  )
}
