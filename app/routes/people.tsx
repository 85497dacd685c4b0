import { useTranslation } from 'react-i18next'
import { data, Form, Link } from 'react-router'
import { requireUser } from '../http/access.server'
import { appContext } from '../http/context'
import { getI18n, getLanguage } from '../i18n/i18n.server'
import { pickLocalized } from '../i18n/localized'
import { nativeName } from '../people/names'
import { canManagePeople, LIST_LIMIT, listPeople } from '../people/people.server'
import { LocalizedTextView } from '../ui/primitives/localized-text'
import type { Route } from './+types/people'

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: loaderData ? `${loaderData.pageTitle} · Signet` : 'Signet' },
]

function readFilter(url: URL) {
  const q = (url.searchParams.get('q') ?? '').slice(0, 200)
  const country = (url.searchParams.get('country') ?? '').toUpperCase()
  const vip = url.searchParams.get('vip') ?? ''
  return {
    q,
    country: /^[A-Z]{2}$/.test(country) ? country : '',
    vip: vip === 'yes' || vip === 'no' ? vip : '',
  }
}

function readImported(url: URL) {
  if (url.searchParams.get('imported') !== '1') return null
  const n = (name: string) => Number.parseInt(url.searchParams.get(name) ?? '0', 10) || 0
  return { created: n('created'), updated: n('updated'), skipped: n('skipped'), organizations: n('organizations') }
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const user = await requireUser(request, context)
  const { db } = context.get(appContext)
  if (!(await canManagePeople(db, user))) throw data({ code: 'forbidden' }, { status: 403 })
  const url = new URL(request.url)
  const filter = readFilter(url)
  const list = await listPeople(db, {
    q: filter.q,
    country: filter.country || undefined,
    vip: filter.vip === '' ? undefined : filter.vip === 'yes',
  })
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
      <Form method="get" className="card people-search" role="search" aria-label={t('people.search.legend')}>
        <div className="field">
          <label htmlFor="q">{t('people.search.q')}</label>
          <input id="q" name="q" type="search" defaultValue={filter.q} maxLength={200} />
        </div>
        <div className="field">
          <label htmlFor="country">{t('people.search.country')}</label>
          <select id="country" name="country" defaultValue={filter.country}>
            <option value="">{t('people.search.anyCountry')}</option>
            {loaderData.countries.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="vip">{t('people.search.vip')}</label>
          <select id="vip" name="vip" defaultValue={filter.vip}>
            <option value="">{t('people.search.anyVip')}</option>
            <option value="yes">{t('people.search.vipOnly')}</option>
            <option value="no">{t('people.search.notVip')}</option>
          </select>
        </div>
        <p className="people-search-actions">
          <button type="submit" className="button">
            {t('people.search.submit')}
          </button>{' '}
          <Link to="/people">{t('people.search.clear')}</Link>
        </p>
      </Form>
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
