import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Form, Link } from 'react-router'
import { requireUser } from '../http/access.server'
import { appContext } from '../http/context'
import { getI18n, getLanguage } from '../i18n/i18n.server'
import { pickLocalized } from '../i18n/localized'
import { projectQueryString, readProjectQuery } from '../projects/project-filter'
import { countryName, type FigureView, projectView, totalsView } from '../projects/project-view'
import { listProjects, projectFilterChoices } from '../projects/projects.server'
import { PROJECT_STATUSES } from '../projects/statuses'
import { LocalizedTextView } from '../ui/primitives/localized-text'
import type { Route } from './+types/projects'

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: loaderData ? `${loaderData.pageTitle} · Signet` : 'Signet' },
]

// Signed projects across the events the user may see: filters (GET), the list, the totals.
export async function loader({ request, context }: Route.LoaderArgs) {
  const user = await requireUser(request, context)
  const { db } = context.get(appContext)
  const lng = getLanguage(context)
  const query = readProjectQuery(new URL(request.url).searchParams)
  const [list, choices] = await Promise.all([listProjects(db, user, query), projectFilterChoices(db, user)])
  return {
    pageTitle: getI18n(context).t('projects.title'),
    query,
    projects: list.items.map((p) => projectView(p, lng)),
    totals: {
      byChain: totalsView(list.totals.byChain, (chain) => chain, lng),
      byEvent: totalsView(list.totals.byEvent, (event) => pickLocalized(event.title, lng), lng),
      overall: totalsView(list.totals.overall, () => null, lng),
    },
    choices: {
      chains: choices.chains,
      countries: choices.countries.map((code) => ({ code, name: countryName(code, lng) })),
      events: choices.events.map((e) => ({ slug: e.slug, title: pickLocalized(e.title, lng).text })),
    },
  }
}

type Loaded = Route.ComponentProps['loaderData']
type TotalsLine = Loaded['totals']['overall'][number]

function FigureCell({ figure }: { figure: FigureView }) {
  const { t } = useTranslation()
  return (
    <td className="nowrap">
      {figure.amount === null
        ? figure.count
        : t('projects.totals.figure', { amount: figure.amount, count: figure.count })}
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

export default function Projects({ loaderData: d }: Route.ComponentProps) {
  const { t } = useTranslation()
  const query = projectQueryString(d.query)
  const chainLabel = (chain: string | null) =>
    chain ? t(`sessions.chains.${chain}`, { defaultValue: chain }) : t('projects.noChain')
  const filtered = query !== ''
  return (
    <section className="stack">
      <header>
        <h1>{t('projects.title')}</h1>
        <p className="muted">{t('projects.intro')}</p>
      </header>
      <nav className="toolbar no-print" aria-label={t('projects.actions.pages')}>
        <a className="button button-secondary" href={`/projects/export.xlsx${filtered ? `?${query}` : ''}`} download>
          {t('projects.actions.exportXlsx')}
        </a>
      </nav>

      <Form method="get" className="card people-search no-print" role="search" aria-label={t('projects.search.legend')}>
        <div className="field">
          <label htmlFor="chain">{t('projects.search.chain')}</label>
          <select id="chain" name="chain" defaultValue={d.query.chain}>
            <option value="">{t('projects.search.anyChain')}</option>
            {d.choices.chains.map((c) => (
              <option key={c} value={c}>
                {chainLabel(c)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="country">{t('projects.search.country')}</label>
          <select id="country" name="country" defaultValue={d.query.country}>
            <option value="">{t('projects.search.anyCountry')}</option>
            {d.choices.countries.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="status">{t('projects.search.status')}</label>
          <select id="status" name="status" defaultValue={d.query.status}>
            <option value="">{t('projects.search.anyStatus')}</option>
            {PROJECT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`projects.statuses.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="event">{t('projects.search.event')}</label>
          <select id="event" name="event" defaultValue={d.query.event}>
            <option value="">{t('projects.search.anyEvent')}</option>
            {d.choices.events.map((e) => (
              <option key={e.slug} value={e.slug}>
                {e.title}
              </option>
            ))}
          </select>
        </div>
        <p className="people-search-actions">
          <button type="submit" className="button">
            {t('projects.search.submit')}
          </button>{' '}
          <Link to="/projects">{t('projects.search.clear')}</Link>
        </p>
      </Form>

      <p className="muted" role="status">
        {t('projects.count', { count: d.projects.length })}
      </p>

      {d.projects.length === 0 ? (
        <p className="card muted">{filtered ? t('projects.empty') : t('projects.emptyAll')}</p>
      ) : (
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
                  <td className="nowrap">{p.amount ?? t('projects.table.noAmount')}</td>
                  <td>
                    <span className={`badge project-${p.status}`}>{t(`projects.statuses.${p.status}`)}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <section className="card stack" aria-labelledby="totals-title">
        <h2 id="totals-title">{t('projects.totals.title')}</h2>
        <p className="muted">{t('projects.totals.intro')}</p>
        {d.totals.overall.length === 0 ? (
          <p className="muted">{t('projects.totals.none')}</p>
        ) : (
          <>
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
    </section>
  )
}
