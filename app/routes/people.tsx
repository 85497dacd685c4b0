import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { requireOrganizer } from '../http/access.server'
import { appContext } from '../http/context'
import { getI18n, getLanguage } from '../i18n/i18n.server'
import { pickLocalized } from '../i18n/localized'
import { directoryFilter, readDirectoryQuery } from '../people/directory-filter'
import { nativeName } from '../people/names'
import { LIST_LIMIT, listPeople } from '../people/people.server'
import { DirectorySearchForm } from '../ui/people/people-search'
import { LocalizedTextView } from '../ui/primitives/localized-text'
import type { Route } from './+types/people'

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: loaderData ? `${loaderData.pageTitle} · Signet` : 'Signet' },
]

function readImported(url: URL) {
  if (url.searchParams.get('imported') !== '1') return null
  const n = (name: string) => Number.parseInt(url.searchParams.get(name) ?? '0', 10) || 0
  return { created: n('created'), updated: n('updated'), skipped: n('skipped'), organizations: n('organizations') }
}

export async function loader({ request, context }: Route.LoaderArgs) {
  await requireOrganizer(request, context)
  const { db } = context.get(appContext)
  const url = new URL(request.url)
  const filter = readDirectoryQuery(url.searchParams)
  const list = await listPeople(db, directoryFilter(filter))
  const lng = getLanguage(context)
  return {
    pageTitle: getI18n(context).t('people.title'),
    limit: LIST_LIMIT,
    filter,
    imported: readImported(url),
    matched: list.matched,
    total: list.total,
    countries: list.countries,
    people: list.people.map((p) => ({
      ...p,
      native: nativeName(p, lng),
      organizationName: p.organization ? pickLocalized(p.organization, lng) : null,
      displayTitle: pickLocalized(p.title, lng),
    })),
  }
}

export default function People({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation()
  const { filter, imported } = loaderData
  return (
    <section className="stack">
      <div className="section-head">
        <div>
          <h1>{t('people.title')}</h1>
          <p className="muted">{t('people.intro')}</p>
        </div>
        <p className="toolbar">
          <Link className="button" to="/people/import">
            {t('people.actions.import')}
          </Link>
          <a className="button button-secondary" href="/people/export.csv" download>
            {t('people.actions.exportCsv')}
          </a>
          <a className="button button-secondary" href="/people/export.xlsx" download>
            {t('people.actions.exportXlsx')}
          </a>
        </p>
      </div>
      {imported ? (
        <p className="notice" role="status">
          {t('people.imported', imported)}
        </p>
      ) : null}
      <DirectorySearchForm filter={filter} countries={loaderData.countries} clearTo="/people" />
      <p className="muted" role="status">
        {t('people.counts', { matched: loaderData.matched, total: loaderData.total })}
        {loaderData.matched > loaderData.people.length ? ` ${t('people.limited', { limit: loaderData.limit })}` : null}
      </p>
      {loaderData.people.length === 0 ? (
        <p className="card muted">{loaderData.total === 0 ? t('people.emptyDirectory') : t('people.empty')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">{t('people.table.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('people.table.nativeName')}</th>
                <th scope="col">{t('people.table.latinName')}</th>
                <th scope="col">{t('people.table.organization')}</th>
                <th scope="col">{t('people.table.title')}</th>
                <th scope="col">{t('people.table.email')}</th>
                <th scope="col">{t('people.table.language')}</th>
                <th scope="col">{t('people.table.vip')}</th>
              </tr>
            </thead>
            <tbody>
              {loaderData.people.map((p) => (
                <tr key={p.id}>
                  <td>
                    {p.kana ? (
                      <ruby>
                        {p.native}
                        <rp>(</rp>
                        <rt>{p.kana}</rt>
                        <rp>)</rp>
                      </ruby>
                    ) : (
                      p.native
                    )}
                  </td>
                  <td>{p.latinName}</td>
                  <td>{p.organizationName ? <LocalizedTextView value={p.organizationName} /> : null}</td>
                  <td>{p.displayTitle.text ? <LocalizedTextView value={p.displayTitle} /> : null}</td>
                  <td>{p.email}</td>
                  <td>{t(`languages.${p.preferredLanguage}`)}</td>
                  <td>{p.vip ? <span className="badge">{t('people.table.vip')}</span> : null}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}
